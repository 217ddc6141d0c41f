//! UTC dates, signed header lists and the `Authorization` parser.

use super::*;

#[test]
fn utc_dates() {
    let cases: &[(u64, &str)] = &[
        (0, "1970-01-01"),
        (86_399, "1970-01-01"),
        (86_400, "1970-01-02"),
        (31_535_999, "1970-12-31"),
        (31_536_000, "1971-01-01"),
        (68_169_599, "1972-02-28"),
        (68_169_600, "1972-02-29"),
        (68_256_000, "1972-03-01"),
        (946_684_799, "1999-12-31"),
        (946_684_800, "2000-01-01"),
        (951_782_400, "2000-02-29"),
        (951_868_800, "2000-03-01"),
        (1_551_113_065, "2019-02-25"),
        (1_703_980_800, "2023-12-31"),
        (1_704_067_199, "2023-12-31"),
        (1_704_067_200, "2024-01-01"),
        (1_709_164_800, "2024-02-29"),
        (1_709_251_199, "2024-02-29"),
        (1_709_251_200, "2024-03-01"),
        (2_147_483_647, "2038-01-19"),
        (2_147_483_648, "2038-01-19"),
        (4_107_455_999, "2100-02-27"),
        (4_107_542_399, "2100-02-28"),
        (4_107_542_400, "2100-03-01"), // 2100 is not a leap year
        (4_133_980_799, "2100-12-31"),
        (4_133_980_800, "2101-01-01"),
        (13_574_563_200, "2400-02-29"), // 2400 is
        (253_402_300_799, "9999-12-31"),
        (253_402_300_800, "10000-01-01"),
    ];
    for &(ts, date) in cases {
        assert_eq!(utc_date(ts), date, "timestamp {ts}");
    }
    // No overflow or panic at the top of the range.
    let top = UtcDate::from_timestamp(u64::MAX);
    assert!((1..=12).contains(&top.month) && (1..=31).contains(&top.day));
    assert_eq!(
        UtcDate::from_timestamp(1_709_164_800),
        UtcDate {
            year: 2024,
            month: 2,
            day: 29
        }
    );
}

/// Every day from 1970 to 2500 follows the previous one.
#[test]
fn utc_dates_are_consecutive() {
    let leap = |y: u64| (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days_in = |y: u64, m: u8| match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if leap(y) => 29,
        _ => 28,
    };
    let mut expected = UtcDate {
        year: 1970,
        month: 1,
        day: 1,
    };
    for day in 0..(531 * 366) {
        let got = UtcDate::from_timestamp(day * 86_400 + 43_200);
        assert_eq!(got, expected, "day {day}");
        if expected.day < days_in(expected.year, expected.month) {
            expected.day += 1;
        } else if expected.month < 12 {
            expected.month += 1;
            expected.day = 1;
        } else {
            expected = UtcDate {
                year: expected.year + 1,
                month: 1,
                day: 1,
            };
        }
    }
}

#[test]
fn signed_header_lists() {
    assert_eq!(
        signed_headers(&[("Host", AS_HOST), ("Content-Type", JSON)]),
        SDK_SIGNED_HEADERS
    );
    assert_eq!(signed_headers(&[]), "");
    assert_eq!(
        signed_headers(&[("X-TC-Action", "A"), ("host", "h"), ("Content-Type", "t")]),
        "content-type;host;x-tc-action"
    );
}

#[test]
fn parses_what_it_signs() {
    let auth = sign_request(ID, KEY, "as", 1700000000, &post(AS_HOST, JSON, B_BODY));
    let parsed = parse_authorization(&auth).unwrap();
    assert_eq!(
        parsed,
        Authorization {
            secret_id: ID,
            scope: "2023-11-14/as/tc3_request",
            date: "2023-11-14",
            service: "as",
            signed_headers: "content-type;host",
            signature: B_SIGNATURE,
        }
    );
    assert_eq!(
        parsed.signed_header_names().collect::<Vec<_>>(),
        ["content-type", "host"]
    );
    // (a1)'s header, with the masked SecretId.
    let a1 = "TC3-HMAC-SHA256 Credential=AKID********************************/2019-02-25/cvm/tc3_request, \
              SignedHeaders=content-type;host;x-tc-action, \
              Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f";
    let parsed = parse_authorization(a1).unwrap();
    assert_eq!(parsed.service, "cvm");
    assert_eq!(parsed.signed_header_names().count(), 3);
    // Other spacing and order are tolerated.
    let loose = format!(
        "  TC3-HMAC-SHA256   Signature={B_SIGNATURE},SignedHeaders=host;content-type ,  Credential={ID}/2023-11-14/as/tc3_request "
    );
    let parsed = parse_authorization(&loose).unwrap();
    assert_eq!(parsed.secret_id, ID);
    assert_eq!(parsed.signed_headers, "host;content-type");
}

#[test]
fn rejects_malformed_authorization() {
    use AuthorizationError as E;
    let sig = B_SIGNATURE;
    let ok_cred = format!("Credential={ID}/2023-11-14/as/tc3_request");
    let with = |cred: &str, headers: &str, sig: &str| {
        format!("TC3-HMAC-SHA256 {cred}, SignedHeaders={headers}, Signature={sig}")
    };
    let cases: Vec<(String, AuthorizationError)> = vec![
        (String::new(), E::Empty),
        ("   \t ".into(), E::Empty),
        ("garbage".into(), E::UnsupportedAlgorithm),
        ("TC3-HMAC-SHA256".into(), E::UnsupportedAlgorithm),
        ("TC3-HMAC-SHA256X Credential=a".into(), E::UnsupportedAlgorithm),
        ("tc3-hmac-sha256 Credential=a".into(), E::UnsupportedAlgorithm),
        ("AWS4-HMAC-SHA256 Credential=x".into(), E::UnsupportedAlgorithm),
        ("TC3-HMAC-SHA256 ".into(), E::UnsupportedAlgorithm),
        ("TC3-HMAC-SHA256 ,".into(), E::UnknownPart),
        ("TC3-HMAC-SHA256 Credential=".into(), E::MissingPart("SignedHeaders=")),
        (
            format!("TC3-HMAC-SHA256 SignedHeaders=content-type;host, Signature={sig}"),
            E::MissingPart("Credential="),
        ),
        (
            format!("TC3-HMAC-SHA256 {ok_cred}, Signature={sig}"),
            E::MissingPart("SignedHeaders="),
        ),
        (
            format!("TC3-HMAC-SHA256 {ok_cred}, SignedHeaders=content-type;host"),
            E::MissingPart("Signature="),
        ),
        (
            format!("TC3-HMAC-SHA256 {ok_cred}, {ok_cred}, SignedHeaders=content-type;host, Signature={sig}"),
            E::DuplicatePart("Credential="),
        ),
        (
            format!("TC3-HMAC-SHA256 {ok_cred}, SignedHeaders=content-type;host, Signature={sig}, Extra=1"),
            E::UnknownPart,
        ),
        (
            format!("TC3-HMAC-SHA256 {ok_cred}; SignedHeaders=content-type;host; Signature={sig}"),
            E::MissingPart("SignedHeaders="),
        ),
        (with("Credential=AKID", "content-type;host", sig), E::MalformedCredential),
        (
            with("Credential=AKID/2023-11-14/as", "content-type;host", sig),
            E::MalformedCredential,
        ),
        (
            with("Credential=AKID/2023-11-14/as/tc3_request/x", "content-type;host", sig),
            E::MalformedCredential,
        ),
        (
            with("Credential=/2023-11-14/as/tc3_request", "content-type;host", sig),
            E::EmptySecretId,
        ),
        (
            with("Credential=AKID/20231114/as/tc3_request", "content-type;host", sig),
            E::InvalidDate,
        ),
        (
            with("Credential=AKID/2023-13-14/as/tc3_request", "content-type;host", sig),
            E::InvalidDate,
        ),
        (
            with("Credential=AKID/2023-1１-14/as/tc3_request", "content-type;host", sig),
            E::InvalidDate,
        ),
        (
            with("Credential=AKID/2023-11-14//tc3_request", "content-type;host", sig),
            E::InvalidService,
        ),
        (
            with("Credential=AKID/2023-11-14/AS/tc3_request", "content-type;host", sig),
            E::InvalidService,
        ),
        (
            with("Credential=AKID/2023-11-14/as/tc3_requests", "content-type;host", sig),
            E::InvalidScopeTerminator,
        ),
        (
            with("Credential=AKID/2023-11-14/as/aws4_request", "content-type;host", sig),
            E::InvalidScopeTerminator,
        ),
        (with(&ok_cred, "", sig), E::InvalidSignedHeaders),
        (with(&ok_cred, "content-type;;host", sig), E::InvalidSignedHeaders),
        (with(&ok_cred, "Content-Type;host", sig), E::InvalidSignedHeaders),
        (with(&ok_cred, "content-type; host", sig), E::InvalidSignedHeaders),
        (with(&ok_cred, "host", sig), E::MissingSignedHeader("content-type")),
        (with(&ok_cred, "content-type;x-tc-action", sig), E::MissingSignedHeader("host")),
        (with(&ok_cred, "content-type;host", ""), E::InvalidSignature),
        (with(&ok_cred, "content-type;host", &sig[..63]), E::InvalidSignature),
        (
            with(&ok_cred, "content-type;host", &sig.to_ascii_uppercase()),
            E::InvalidSignature,
        ),
        (
            with(&ok_cred, "content-type;host", &format!("{}g", &sig[..63])),
            E::InvalidSignature,
        ),
    ];
    for (input, expected) in cases {
        assert_eq!(
            parse_authorization(&input),
            Err(expected),
            "input {input:?}"
        );
        // Every error has a message.
        assert!(!expected.to_string().is_empty());
    }
}

#[test]
fn parse_never_panics() {
    let good = sign_request(ID, KEY, "as", 1700000000, &post(AS_HOST, JSON, B_BODY));
    let mut inputs: Vec<String> = vec![
        "TC3-HMAC-SHA256 Credential=ключ/２０２３-11-14/as/tc3_request, SignedHeaders=content-type;host, Signature=é".into(),
        "TC3-HMAC-SHA256 Credential=/ / / , SignedHeaders=;;, Signature=".into(),
        "TC3-HMAC-SHA256 ,,,,".into(),
        "TC3-HMAC-SHA256 =,=,=".into(),
        "TC3-HMAC-SHA256\u{a0}Credential=a".into(),
        "TC3-HMAC-SHA256 Credential=🦀/🦀/🦀/🦀, SignedHeaders=🦀, Signature=🦀".into(),
        "\u{0}\u{ffff}".into(),
        "TC3-HMAC-SHA256 Credential=a/2023-11-1é/as/tc3_request, SignedHeaders=content-type;host, Signature=x".into(),
    ];
    // Every prefix and every single-character deletion of a good header.
    for (i, _) in good.char_indices() {
        inputs.push(good[..i].to_string());
        let mut deleted = good.clone();
        deleted.remove(i);
        inputs.push(deleted);
        let mut unicode = good.clone();
        unicode.insert(i, 'ß');
        inputs.push(unicode);
    }
    for input in &inputs {
        let _ = parse_authorization(input);
    }
    assert!(parse_authorization(&good).is_ok());
}
