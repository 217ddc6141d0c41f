//! Known-answer tests for API 2.0 request signing (`qcloud_as::signing`).
//!
//! - One test per worked example in `shared/reference/sign-examples.md` (A to D).
//! - Every line of `tests/fixtures/sign-vectors-sample.jsonl` (a copy of
//!   `shared/reference/sign-vectors-sample.jsonl`, so the test does not need `shared/`).
//! - Every line of `tests/fixtures/sign-vectors.jsonl`, made with the legacy official Python SDK by
//!   `tests/fixtures/make_sign_vectors.py` (its docstring says how to regenerate it).
//! - Unit tests for edge cases of the algorithm.

use std::path::{Path, PathBuf};

use qcloud_as::signing::{sign, string_to_sign, SignatureMethod, Signer};
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

const V2_PATH: &str = "/v2/index.php";

fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn url_encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

// ---------------------------------------------------------------------------------------------
// sign-examples.md
// ---------------------------------------------------------------------------------------------

const DOC_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA";
const DOC_ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA";

/// A. Auto Scaling signing page (GET, HmacSHA1).
#[test]
fn example_a_auto_scaling_signing_page() {
    // In a shuffled order, to show the order they are given in does not matter.
    let p = params(&[
        ("offset", "0"),
        ("Region", "gz"),
        ("instanceIds.0", "ins-09dx96dg"),
        ("Action", "DescribeInstances"),
        ("Timestamp", "1465185768"),
        ("limit", "20"),
        ("SecretId", DOC_ID),
        ("Nonce", "11886"),
    ]);
    let sts = string_to_sign("GET", "cvm.api.qcloud.com", V2_PATH, &p);
    assert_eq!(
        sts,
        "GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&Nonce=11886&Region=gz\
         &SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Timestamp=1465185768\
         &instanceIds.0=ins-09dx96dg&limit=20&offset=0"
    );
    let sig = sign(DOC_KEY, &sts, SignatureMethod::HmacSha1);
    assert_eq!(sig, "NSI3UqqD99b/UJb4tbG/xZpRW64=");
    assert_eq!(url_encode(&sig), "NSI3UqqD99b%2FUJb4tbG%2FxZpRW64%3D");
}

/// B. The oldest generic API 2.0 page (GET): the documented string, its HmacSHA256, and the
/// string with the two instanceIds the page lists but leaves out of its string to sign.
#[test]
fn example_b_generic_api2_page() {
    let mut p = params(&[
        ("Action", "DescribeInstances"),
        ("Nonce", "345122"),
        ("Region", "gz"),
        ("SecretId", DOC_ID),
        ("Timestamp", "1408704141"),
    ]);
    let sts = string_to_sign("GET", "cvm.api.qcloud.com", V2_PATH, &p);
    assert_eq!(
        sts,
        "GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&Nonce=345122&Region=gz\
         &SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Timestamp=1408704141"
    );
    let sig = sign(DOC_KEY, &sts, SignatureMethod::HmacSha1);
    assert_eq!(sig, "HgIYOPcx5lN6gz8JsCFBNAWp2oQ=");
    assert_eq!(url_encode(&sig), "HgIYOPcx5lN6gz8JsCFBNAWp2oQ%3D");
    assert_eq!(
        sign(DOC_KEY, &sts, SignatureMethod::HmacSha256),
        "wkennBh3peGUoZduIfo6mKO9R0nMyh3fdHlvmUXjgRs="
    );

    // With the instanceIds the page lists (computed; not printed in the docs).
    p.push(("instanceIds.1".into(), "qcvm56789".into()));
    p.push(("instanceIds.0".into(), "qcvm12345".into()));
    let sts = string_to_sign("GET", "cvm.api.qcloud.com", V2_PATH, &p);
    assert!(
        sts.ends_with("&Timestamp=1408704141&instanceIds.0=qcvm12345&instanceIds.1=qcvm56789"),
        "{sts}"
    );
    assert_eq!(
        sign(DOC_KEY, &sts, SignatureMethod::HmacSha1),
        "66prolcgMqz0pm5B52x1Z5ulz/Q="
    );
}

/// C. The API 3.0 "signature v1" page: same algorithm, host `cvm.tencentcloudapi.com`, path `/`.
#[test]
fn example_c_api3_signature_v1_page() {
    let p = params(&[
        ("Action", "DescribeInstances"),
        ("InstanceIds.0", "ins-09dx96dg"),
        ("Limit", "20"),
        ("Nonce", "11886"),
        ("Offset", "0"),
        ("Region", "ap-guangzhou"),
        ("SecretId", "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"),
        ("Timestamp", "1465185768"),
        ("Version", "2017-03-12"),
    ]);
    let key = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
    let sts = string_to_sign("GET", "cvm.tencentcloudapi.com", "/", &p);
    assert_eq!(
        sts,
        "GETcvm.tencentcloudapi.com/?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Limit=20\
         &Nonce=11886&Offset=0&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE\
         &Timestamp=1465185768&Version=2017-03-12"
    );
    let sig = sign(key, &sts, SignatureMethod::HmacSha1);
    assert_eq!(sig, "EliP9YW3pW28FpsEdkXt/+WcGeI=");
    assert_eq!(url_encode(&sig), "EliP9YW3pW28FpsEdkXt%2F%2BWcGeI%3D");

    // The same params against the v2 host and path (computed; tencent-api-v2.md §1.3 C).
    let sts = string_to_sign("GET", "cvm.api.qcloud.com", V2_PATH, &p);
    assert_eq!(
        sign(key, &sts, SignatureMethod::HmacSha1),
        "9VKegpubucIEhDzKF0wG1Xqoa4c="
    );
}

fn example_d_params(signature_method: &str) -> Vec<(String, String)> {
    params(&[
        ("SecretId", "secretIdFoo"),
        ("Region", "ap-guangzhou"),
        ("SignatureMethod", signature_method),
        ("Nonce", "1290303896666895346"),
        ("Timestamp", "1512393162"),
        ("Action", "DescribeInstances"),
        ("Version", "2017-03-12"),
    ])
}

/// D. The legacy Python SDK's unit tests: POST/HmacSHA1, and lower-case `post` gives the same.
#[test]
fn example_d_sdk_post_hmac_sha1() {
    let p = example_d_params("HmacSHA1");
    let sts = string_to_sign("POST", "cvm.api.qcloud.com", V2_PATH, &p);
    assert_eq!(
        sts,
        "POSTcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&Nonce=1290303896666895346\
         &Region=ap-guangzhou&SecretId=secretIdFoo&SignatureMethod=HmacSHA1&Timestamp=1512393162\
         &Version=2017-03-12"
    );
    let method = SignatureMethod::from_param(Some("HmacSHA1"));
    assert_eq!(method, SignatureMethod::HmacSha1);
    assert_eq!(
        sign("secretKeyBar", &sts, method),
        "p3n+pxBqF5JGZtDSxoVn5tGngf0="
    );

    let lower = string_to_sign("post", "cvm.api.qcloud.com", V2_PATH, &p);
    assert_eq!(lower, sts);
    assert_eq!(
        sign("secretKeyBar", &lower, method),
        "p3n+pxBqF5JGZtDSxoVn5tGngf0="
    );
}

/// D. GET/HmacSHA1.
#[test]
fn example_d_sdk_get_hmac_sha1() {
    let p = example_d_params("HmacSHA1");
    let sts = string_to_sign("GET", "cvm.api.qcloud.com", V2_PATH, &p);
    assert!(
        sts.starts_with("GETcvm.api.qcloud.com/v2/index.php?Action="),
        "{sts}"
    );
    assert_eq!(
        sign("secretKeyBar", &sts, SignatureMethod::HmacSha1),
        "5HAq1BOKNLEE2/uauWnp6Zv9Z3c="
    );
}

/// D. POST/HmacSHA256 (with `SignatureMethod=HmacSHA256` among the signed params).
#[test]
fn example_d_sdk_post_hmac_sha256() {
    let p = example_d_params("HmacSHA256");
    let sts = string_to_sign("POST", "cvm.api.qcloud.com", V2_PATH, &p);
    assert!(sts.contains("&SignatureMethod=HmacSHA256&"), "{sts}");
    let method = SignatureMethod::from_param(Some("HmacSHA256"));
    assert_eq!(method, SignatureMethod::HmacSha256);
    assert_eq!(
        sign("secretKeyBar", &sts, method),
        "B2T37FRSP6Fk0/q/cdfrTE0p3zX5ooB/2BPWZUFpsj4="
    );
}

// ---------------------------------------------------------------------------------------------
// JSONL vector files
// ---------------------------------------------------------------------------------------------

/// A JSON object read as name/value pairs in document order (serde_json's `Map` is sorted unless
/// its `preserve_order` feature is on).
#[derive(Debug)]
struct OrderedParams(Vec<(String, String)>);

impl<'de> Deserialize<'de> for OrderedParams {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PairsVisitor;

        impl<'de> Visitor<'de> for PairsVisitor {
            type Value = OrderedParams;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of string values")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OrderedParams, A::Error> {
                let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(pair) = map.next_entry::<String, String>()? {
                    pairs.push(pair);
                }
                Ok(OrderedParams(pairs))
            }
        }

        deserializer.deserialize_map(PairsVisitor)
    }
}

#[derive(Debug, Deserialize)]
struct Vector {
    method: String,
    host: String,
    path: String,
    params: OrderedParams,
    secret_key: String,
    signature_method: String,
    signature: String,
    string_to_sign: String,
    wire: String,
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name)
}

thread_local! {
    /// One signer for every vector a test thread checks, so that its buffer is reused.
    static SIGNER: std::cell::RefCell<Signer> = std::cell::RefCell::new(Signer::new());
}

/// Checks one vector; returns a description of every mismatch.
fn check_vector(v: &Vector) -> Vec<String> {
    let mut errors = Vec::new();
    let p = &v.params.0;

    // The hash the server picks from the SignatureMethod it receives (absent means HmacSHA1,
    // which is also what the generator records as `signature_method` then).
    let method = SignatureMethod::from_param(Some(&v.signature_method));
    let sent = p
        .iter()
        .find(|(k, _)| k == "SignatureMethod")
        .map(|(_, v)| v.as_str());
    if SignatureMethod::from_param(sent) != method {
        errors.push(format!(
            "signature_method {:?} disagrees with the SignatureMethod param {sent:?}",
            v.signature_method
        ));
    }

    let sts = string_to_sign(&v.method, &v.host, &v.path, p);
    if sts != v.string_to_sign {
        errors.push(format!(
            "string_to_sign:\n      got      {sts:?}\n      expected {:?}",
            v.string_to_sign
        ));
    }
    let sig = sign(&v.secret_key, &v.string_to_sign, method);
    if sig != v.signature {
        errors.push(format!(
            "signature ({method}): got {sig:?}, expected {:?}",
            v.signature
        ));
    }
    // The signer, in its buffer kept from the vectors before this one.
    let signed = SIGNER.with_borrow_mut(|signer| {
        let signature = signer.sign((&v.method, &v.host, &v.path), p, &v.secret_key, method);
        (signature.to_string(), signer.string_to_sign().to_owned())
    });
    if signed != (v.signature.clone(), v.string_to_sign.clone()) {
        errors.push(format!(
            "Signer: got {signed:?}, expected {:?}",
            (&v.signature, &v.string_to_sign)
        ));
    }

    // The wire form decodes back to the params, in order, with Signature last.
    let decoded: Vec<(String, String)> = form_urlencoded::parse(v.wire.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let mut expected = p.clone();
    expected.push(("Signature".to_string(), v.signature.clone()));
    if decoded != expected {
        errors.push(format!(
            "wire decodes to\n      {decoded:?}\n    expected\n      {expected:?}"
        ));
    }

    // A server signing what it received (Signature included, as sent) gets the same string.
    let server_sts = string_to_sign(&v.method, &v.host, &v.path, &decoded);
    if server_sts != v.string_to_sign {
        errors.push(format!(
            "string_to_sign of the decoded wire (Signature included):\n      got      \
             {server_sts:?}\n      expected {:?}",
            v.string_to_sign
        ));
    }
    errors
}

/// Checks every line of a JSONL vector file; panics naming each failing line. Returns the count.
fn check_vector_file(path: &Path) -> usize {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let mut count = 0;
    let mut failures = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        count += 1;
        let v: Vector = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("{name}:{line_no}: cannot parse vector: {e}"));
                continue;
            }
        };
        for err in check_vector(&v) {
            failures.push(format!(
                "{name}:{line_no} ({} {}): {err}",
                v.method, v.signature_method
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failure(s) in {}:\n  {}",
        failures.len(),
        path.display(),
        failures.join("\n  ")
    );
    count
}

#[test]
fn sample_vectors_from_shared_reference() {
    let n = check_vector_file(&fixture("sign-vectors-sample.jsonl"));
    assert!(
        n >= 9,
        "sign-vectors-sample.jsonl has only {n} vectors, expected 9"
    );
}

#[test]
fn sdk_generated_vectors() {
    let n = check_vector_file(&fixture("sign-vectors.jsonl"));
    assert!(
        n >= 100,
        "sign-vectors.jsonl has only {n} vectors (expected at least 100); regenerate it with \
         tests/fixtures/make_sign_vectors.py"
    );
}

/// When `shared/` sits beside the checkout (as in CI), the copied sample must still match it.
///
/// Only a test run from the workspace checkout compares: the packaged crate's own tests (run by
/// `.ci/package` from an unpacked `.crate`) have no checkout around them, and skip.
#[test]
fn sample_copy_matches_shared_reference_when_present() {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !manifest_dir.join("../api-specs").is_dir() {
        eprintln!(
            "{} is not inside the workspace checkout; skipping the comparison",
            manifest_dir.display()
        );
        return;
    }
    let shared = manifest_dir.join("../../shared/reference/sign-vectors-sample.jsonl");
    let Ok(original) = std::fs::read_to_string(&shared) else {
        // CI lays shared/ beside the clone, so there the comparison must happen.
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is missing in CI",
            shared.display()
        );
        eprintln!("{} not present; skipping the comparison", shared.display());
        return;
    };
    let copy = std::fs::read_to_string(fixture("sign-vectors-sample.jsonl")).expect("read copy");
    assert!(
        copy == original,
        "tests/fixtures/sign-vectors-sample.jsonl differs from {}",
        shared.display()
    );
}

// ---------------------------------------------------------------------------------------------
// Edge cases
// ---------------------------------------------------------------------------------------------

mod edge_cases {
    use super::*;

    /// The string to sign, checked to be what a `Signer` signs.
    fn sts(pairs: &[(&str, &str)]) -> String {
        let text = string_to_sign("GET", "h", "/p", &params(pairs));
        let mut signer = Signer::new();
        let signature = signer.sign(("GET", "h", "/p"), pairs, "k", SignatureMethod::HmacSha256);
        assert_eq!(signer.string_to_sign(), text);
        assert_eq!(
            signature.as_str(),
            sign("k", &text, SignatureMethod::HmacSha256)
        );
        text
    }

    #[test]
    fn signature_param_is_excluded() {
        let without = sts(&[("Action", "A"), ("Nonce", "1")]);
        assert_eq!(without, "GETh/p?Action=A&Nonce=1");
        assert_eq!(
            sts(&[("Signature", "abc="), ("Action", "A"), ("Nonce", "1")]),
            without
        );
        assert_eq!(
            sts(&[("Action", "A"), ("Signature", ""), ("Nonce", "1")]),
            without
        );
        assert_eq!(
            sts(&[("Action", "A"), ("Nonce", "1"), ("Signature", "x")]),
            without
        );
        // Only the exact name: other spellings are ordinary parameters.
        assert_eq!(
            sts(&[("signature", "s"), ("SignatureX", "x"), ("Action", "A")]),
            "GETh/p?Action=A&SignatureX=x&signature=s"
        );
    }

    #[test]
    fn underscore_becomes_dot_in_names_only() {
        assert_eq!(
            sts(&[("instanceIds_0", "ins_a"), ("a_b_c", "x_y")]),
            "GETh/p?a.b.c=x_y&instanceIds.0=ins_a"
        );
        // `_` and `.` spellings of the same list sign the same.
        assert_eq!(
            sts(&[("instanceIds_0", "i0"), ("instanceIds.1", "i1")]),
            sts(&[("instanceIds.0", "i0"), ("instanceIds_1", "i1")])
        );
    }

    #[test]
    fn many_parameters_sort_like_few() {
        // Up to 16 parameters are sorted on the stack, more on the heap: both in byte order,
        // with names sharing their first 8 bytes, with and without `_`.
        for count in [1usize, 15, 16, 17, 31, 32, 33, 80] {
            for sep in ["_", "."] {
                let names: Vec<String> = (0..count)
                    .rev()
                    .map(|i| format!("instanceIds{sep}{i}"))
                    .collect();
                let params: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "v")).collect();
                let mut sorted: Vec<String> = names.iter().map(|n| n.replace('_', ".")).collect();
                sorted.sort();
                let expected: Vec<String> = sorted.iter().map(|n| format!("{n}=v")).collect();
                assert_eq!(sts(&params), format!("GETh/p?{}", expected.join("&")));
            }
        }
    }

    /// The algorithm as written in the documentation, one step after the other.
    fn reference(pairs: &[(String, String)]) -> String {
        let mut renamed: Vec<(String, &str)> = pairs
            .iter()
            .filter(|(n, _)| n != "Signature")
            .map(|(n, v)| (n.replace('_', "."), v.as_str()))
            .collect();
        renamed.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let joined: Vec<String> = renamed.iter().map(|(n, v)| format!("{n}={v}")).collect();
        format!("POSTh/p?{}", joined.join("&"))
    }

    #[test]
    fn random_requests_sign_as_the_documented_steps_do() {
        // Names from pieces that share 7, 8 or 16 bytes, hold `_` anywhere (also in the
        // first and last 8 bytes), are empty, non-ASCII or hold NUL: every path of the sorting
        // keys and of the underscore scan. A fixed xorshift seed keeps failures repeatable.
        let pieces = [
            "",
            "a",
            "_",
            ".",
            "A",
            "instanceIds",
            "instanceId",
            "instance",
            "instanc",
            "scalingGroupId",
            "scalingGroupIds",
            "Signature",
            "SignatureMethod",
            "é",
            "\0",
            "0",
            "1",
            "10",
            "2",
            "_x",
            "ab_cdefgh_ij",
            "abcdefgh",
            "abcdefghijklmnop",
            "Z",
        ];
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below as u64) as usize
        };
        let mut signer = Signer::new();
        for case in 0..3000 {
            let count = next(24);
            let pairs: Vec<(String, String)> = (0..count)
                .map(|i| {
                    let parts = 1 + next(3);
                    let name: String = (0..parts).map(|_| pieces[next(pieces.len())]).collect();
                    (name, format!("v{i}"))
                })
                .collect();
            let expected = reference(&pairs);
            assert_eq!(
                string_to_sign("POST", "h", "/p", &pairs),
                expected,
                "case {case}: {pairs:?}"
            );
            let signature = signer.sign(
                ("POST", "h", "/p"),
                &pairs,
                "key",
                SignatureMethod::HmacSha1,
            );
            assert_eq!(signer.string_to_sign(), expected, "case {case}: {pairs:?}");
            assert_eq!(
                signature.as_str(),
                sign("key", &expected, SignatureMethod::HmacSha1),
                "case {case}"
            );
        }
    }

    #[test]
    fn sorting_happens_after_the_underscore_replacement() {
        // Before the replacement `xA` < `x_1` ('A' 0x41 < '_' 0x5F); after it `x.1` < `xA`
        // ('.' 0x2E < 'A' 0x41).
        assert_eq!(sts(&[("xA", "2"), ("x_1", "1")]), "GETh/p?x.1=1&xA=2");
        assert_eq!(
            sts(&[("tagA", "a"), ("tag_1", "b"), ("tag-b", "c")]),
            "GETh/p?tag-b=c&tag.1=b&tagA=a"
        );
        // A leading `_` becomes `.`, which sorts before letters and digits.
        assert_eq!(sts(&[("a", "1"), ("_lead", "2")]), "GETh/p?.lead=2&a=1");
    }

    #[test]
    fn indexes_sort_as_text_not_numbers() {
        let mut pairs: Vec<(String, String)> = (0..12)
            .map(|i| (format!("instanceIds_{i}"), format!("i{i}")))
            .collect();
        pairs.reverse();
        let s = string_to_sign("GET", "h", "/p", &pairs);
        assert_eq!(
            s,
            "GETh/p?instanceIds.0=i0&instanceIds.1=i1&instanceIds.10=i10&instanceIds.11=i11\
             &instanceIds.2=i2&instanceIds.3=i3&instanceIds.4=i4&instanceIds.5=i5&instanceIds.6=i6\
             &instanceIds.7=i7&instanceIds.8=i8&instanceIds.9=i9"
        );
    }

    #[test]
    fn byte_order_puts_upper_case_first() {
        assert_eq!(
            sts(&[
                ("alpha", "1"),
                ("aB", "2"),
                ("Zeta", "3"),
                ("a0", "4"),
                ("ALPHA", "5"),
                ("keepInstance", "6"),
                ("Action", "7"),
            ]),
            "GETh/p?ALPHA=5&Action=7&Zeta=3&a0=4&aB=2&alpha=1&keepInstance=6"
        );
    }

    #[test]
    fn byte_order_for_non_ascii_names() {
        // UTF-8 byte order (= code-point order): 'z' < 'é' (U+00E9) < 'ｘ' (U+FF58) < '😀'
        // (U+1F600). UTF-16 code-unit order would put the emoji (0xD83D…) before 'ｘ' (0xFF58).
        assert_eq!(
            sts(&[
                ("😀", "a"),
                ("ｘ", "b"),
                ("é", "c"),
                ("z", "d"),
                ("标签_1", "e")
            ]),
            "GETh/p?z=d&é=c&标签.1=e&ｘ=b&😀=a"
        );
    }

    #[test]
    fn values_are_used_raw() {
        assert_eq!(
            sts(&[("b", "x y+z/=&%20#?"), ("a", "中文😀")]),
            "GETh/p?a=中文😀&b=x y+z/=&%20#?"
        );
    }

    #[test]
    fn empty_params_list() {
        let s = string_to_sign("GET", "scaling.api.qcloud.com", V2_PATH, &[]);
        assert_eq!(s, "GETscaling.api.qcloud.com/v2/index.php?");
        // Only a Signature: still nothing to sign.
        assert_eq!(
            string_to_sign(
                "GET",
                "scaling.api.qcloud.com",
                V2_PATH,
                &params(&[("Signature", "x")])
            ),
            s
        );
        // Known answers from the legacy Python SDK: Sign.make(host, path, {}, 'GET', ...).
        assert_eq!(
            sign("secretKeyBar", &s, SignatureMethod::HmacSha1),
            "7ZUA+bVJHmyznvzEIzuJrFdNDIw="
        );
        assert_eq!(
            sign("secretKeyBar", &s, SignatureMethod::HmacSha256),
            "YYL4nnl3QH5EDeRsCU90bZUIqj6Nqn45kH4bEFYGWnQ="
        );
    }

    #[test]
    fn empty_values_keep_their_equals_sign() {
        assert_eq!(
            sts(&[("keepInstance", ""), ("Action", "A")]),
            "GETh/p?Action=A&keepInstance="
        );
    }

    #[test]
    fn method_is_upper_cased() {
        assert_eq!(string_to_sign("get", "h", "/p", &[]), "GETh/p?");
        assert_eq!(string_to_sign("Post", "h", "/p", &[]), "POSTh/p?");
    }

    #[test]
    fn signatures_are_padded_base64() {
        let sha1 = sign("k", "m", SignatureMethod::HmacSha1);
        let sha256 = sign("k", "m", SignatureMethod::HmacSha256);
        assert_eq!(sha1.len(), 28, "{sha1}");
        assert!(sha1.ends_with('='), "{sha1}");
        assert_eq!(sha256.len(), 44, "{sha256}");
        assert!(sha256.ends_with('='), "{sha256}");
    }

    #[test]
    fn from_param_selects_sha256_only_for_the_exact_value() {
        assert_eq!(
            SignatureMethod::from_param(Some("HmacSHA256")),
            SignatureMethod::HmacSha256
        );
        for other in [
            None,
            Some("HmacSHA1"),
            Some(""),
            Some("hmacsha256"),
            Some("HMACSHA256"),
            Some("HmacSha256"),
            Some("HmacSHA256 "),
            Some(" HmacSHA256"),
            Some("HmacSHA-256"),
            Some("SHA256"),
            Some("HmacSHA512"),
        ] {
            assert_eq!(
                SignatureMethod::from_param(other),
                SignatureMethod::HmacSha1,
                "from_param({other:?})"
            );
        }
    }

    #[test]
    fn as_str_round_trips_through_from_param() {
        for m in [SignatureMethod::HmacSha1, SignatureMethod::HmacSha256] {
            assert_eq!(SignatureMethod::from_param(Some(m.as_str())), m);
            assert_eq!(m.to_string(), m.as_str());
        }
        assert_eq!(SignatureMethod::HmacSha1.as_str(), "HmacSHA1");
        assert_eq!(SignatureMethod::HmacSha256.as_str(), "HmacSHA256");
    }
}

/// The encoding the client sends is the same parameters, order and signature as the list
/// `signed_params` gives, URL-encoded.
#[test]
fn the_encoded_request_matches_the_signed_parameter_list() {
    use qcloud_as::operation::detach_instance::DetachInstanceRequest;
    for (method, token) in [
        (qcloud_as::signing::SignatureMethod::HmacSha1, None),
        (
            qcloud_as::signing::SignatureMethod::HmacSha256,
            Some("tok-en"),
        ),
    ] {
        let mut credentials = qcloud_as::Credentials::new("AKIDexample", "secret-key");
        if let Some(token) = token {
            credentials = credentials.with_token(token);
        }
        let client = match qcloud_as::Config::builder()
            .region("gz")
            .credentials(credentials)
            .signature_method(method)
            .build()
            .map(qcloud_as::Client::new)
        {
            Ok(Ok(client)) => client,
            other => panic!("{other:?}"),
        };
        // Escapes, and more parameters than are sorted on the stack.
        let few = DetachInstanceRequest::new("asg-1", ["ins-a b", "ins-&="]);
        let many = DetachInstanceRequest::new("asg-1", (0..40).map(|i| format!("ins-{i}")));
        for request in [few, many] {
            let listed = match client.signed_params(&request, 1_465_185_768, 11_886) {
                Ok(listed) => listed,
                Err(e) => panic!("{e}"),
            };
            let expected = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(listed.iter())
                .finish();
            assert_eq!(
                client.encoded_request(&request, 1_465_185_768, 11_886).ok(),
                Some(expected)
            );
        }
    }
}
