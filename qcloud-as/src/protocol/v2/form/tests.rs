//! The form encoding against the reference crate, numbers, names and errors.

#[test]
fn form_encoding_matches_the_form_urlencoded_crate() {
    for text in [
        "",
        "plain",
        "a b",
        "a+b&c=d",
        "ins-中文",
        "😀/%",
        "HgIYOPcx5lN6gz8JsCFBNAWp2oQ=",
        "*-._~!'()",
        "\u{7f}\u{0}",
    ] {
        let mut ours = String::new();
        super::push_form_encoded(&mut ours, text);
        let theirs: String = form_urlencoded::byte_serialize(text.as_bytes()).collect();
        assert_eq!(ours, theirs, "{text:?}");
    }
}

#[test]
fn the_plain_check_agrees_with_the_encoding_at_every_length() {
    // Each length up to three blocks, with one escaped byte at each place or none.
    for len in 0..50 {
        for bad in (0..=len).map(Some).chain([None]) {
            for byte in [' ', '=', '~', 'é', '\u{0}', '/'] {
                let text: String = (0..len)
                    .map(|i| {
                        if Some(i) == bad {
                            byte
                        } else {
                            "aZ09-._*"[i % 8..].chars().next().unwrap_or('a')
                        }
                    })
                    .collect();
                let theirs: String = form_urlencoded::byte_serialize(text.as_bytes()).collect();
                assert_eq!(super::is_plain(text.as_bytes()), theirs == text, "{text:?}");
                let mut ours = String::new();
                super::push_form_encoded(&mut ours, &text);
                assert_eq!(ours, theirs, "{text:?}");
            }
        }
    }
    // Every byte on its own.
    for b in 0..=255u8 {
        let plain = b.is_ascii_alphanumeric() || b"*-._".contains(&b);
        assert_eq!(super::is_plain(&[b]), plain, "{b}");
        assert_eq!(
            super::is_plain(&[b'a'; 31].iter().copied().chain([b]).collect::<Vec<_>>()),
            plain,
            "{b}"
        );
    }
}

#[test]
fn numbers_are_written_as_to_string_writes_them() {
    for n in [
        0,
        1,
        9,
        10,
        11,
        99,
        100,
        1_465_185_768,
        u64::MAX / 10,
        u64::MAX - 1,
        u64::MAX,
    ] {
        let mut out = String::from("x");
        super::push_decimal(&mut out, n);
        assert_eq!(out, format!("x{n}"));
    }
    for n in [i64::MIN, i64::MIN + 1, -10, -9, -1, 0, 1, i64::MAX] {
        let mut out = String::new();
        super::push_signed(&mut out, n);
        assert_eq!(out, n.to_string());
    }
}

#[derive(serde::Serialize)]
struct Inner {
    #[serde(rename = "")]
    unnamed: Vec<u8>,
    port: u16,
}

#[derive(serde::Serialize)]
struct Outer {
    #[serde(rename = "")]
    unnamed: Inner,
    list: Vec<Vec<Inner>>,
    none: Option<String>,
    flag: bool,
    ratio: f64,
}

#[test]
fn names_join_as_shape_child_joins_them() {
    let inner = || Inner {
        unnamed: vec![7],
        port: 80,
    };
    let value = Outer {
        unnamed: inner(),
        list: vec![vec![], vec![inner(), inner()]],
        none: None,
        flag: true,
        ratio: -0.5,
    };
    let mut pairs = vec![("kept".to_owned(), "as it was".to_owned())];
    assert_eq!(super::to_pairs(&value, &mut pairs), Ok(()));
    let pairs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("kept", "as it was"),
            // `""` + `""` is `""`, + `0` is `0`.
            ("0", "7"),
            ("port", "80"),
            // `list.1.0` + `""` is `list.1.0.`, + `0` is `list.1.0..0`.
            ("list.1.0..0", "7"),
            ("list.1.0.port", "80"),
            ("list.1.1..0", "7"),
            ("list.1.1.port", "80"),
            ("flag", "true"),
            ("ratio", "-0.5"),
        ]
    );
}

#[derive(serde::Serialize)]
struct WithMap {
    port: u16,
    maps: Vec<std::collections::BTreeMap<String, u8>>,
}

#[test]
fn an_error_names_where_it_happened_and_keeps_the_pairs_before_it() {
    let value = WithMap {
        port: 1,
        maps: vec![Default::default()],
    };
    let mut pairs = Vec::new();
    let error = super::to_pairs(&value, &mut pairs);
    assert_eq!(
        error,
        Err(super::FormError {
            name: "maps.0".to_owned(),
            message: "a map has no API 2.0 form encoding".to_owned(),
        })
    );
    assert_eq!(pairs, [("port".to_owned(), "1".to_owned())]);
    // A scalar with no name.
    let error = super::to_pairs(&5u8, &mut pairs);
    assert_eq!(
        error.map_err(|e| (e.name, e.message)),
        Err((
            String::new(),
            "a request must be a struct with named fields".to_owned()
        ))
    );
    assert_eq!(pairs.len(), 1);
}
