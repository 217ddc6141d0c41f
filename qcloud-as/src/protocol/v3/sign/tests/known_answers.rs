//! Every known answer of the reference (§3).

use super::*;

/// (a1) the current documentation example, `content-type;host;x-tc-action`, key of 32 `*`.
#[test]
fn a1_documentation_example_with_x_tc_action() {
    let secret_key = "*".repeat(32);
    let secret_id = format!("AKID{}", "*".repeat(32));
    let headers = [
        ("Content-Type", A_CONTENT_TYPE),
        ("Host", "cvm.tencentcloudapi.com"),
        ("X-TC-Action", "DescribeInstances"),
    ];
    assert_eq!(hashed_payload(A_BODY.as_bytes()), A_PAYLOAD_HASH);
    assert_eq!(A_BODY.len(), 86);
    let canonical = canonical_request("POST", "", &headers, A_PAYLOAD_HASH);
    assert_eq!(
        canonical,
        "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\
         x-tc-action:describeinstances\n\ncontent-type;host;x-tc-action\n\
         35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"
    );
    assert_eq!(
        sha_hex(&canonical),
        "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84"
    );
    let date = utc_date(1551113065);
    assert_eq!(date, "2019-02-25");
    let scope = credential_scope(&date, "cvm");
    let sts = string_to_sign(1551113065, &scope, &canonical);
    assert_eq!(
        sts,
        "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n\
         7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84"
    );

    // The derived keys the page prints.
    let k_date = hmac_sha256(format!("TC3{secret_key}").as_bytes(), date.as_bytes());
    assert_eq!(
        hex(&k_date),
        "da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0"
    );
    let k_service = hmac_sha256(&k_date, b"cvm");
    assert_eq!(
        hex(&k_service),
        "8d70cbefb03939f929db64d32dc2ba89b1095620119fe3e050e2b18c5bd2752f"
    );
    let key = signing_key(&secret_key, &date, "cvm");
    assert_eq!(
        hex(&key),
        "b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af"
    );
    assert_eq!(hmac_sha256(&k_service, b"tc3_request"), key);

    let sig = signature(&key, &sts);
    assert_eq!(
        sig,
        "10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f"
    );
    let sh = signed_headers(&headers);
    assert_eq!(sh, "content-type;host;x-tc-action");
    assert_eq!(
        authorization(&secret_id, &scope, &sh, &sig),
        "TC3-HMAC-SHA256 Credential=AKID********************************/2019-02-25/cvm/tc3_request, \
         SignedHeaders=content-type;host;x-tc-action, \
         Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f"
    );
    // The headers may be given in any order and case.
    let shuffled = [
        ("x-tc-action", " DescribeInstances "),
        ("HOST", "cvm.tencentcloudapi.com"),
        ("content-type", A_CONTENT_TYPE),
    ];
    assert_eq!(
        canonical_request("post", "", &shuffled, A_PAYLOAD_HASH),
        canonical
    );
    assert_eq!(signed_headers(&shuffled), sh);
}

/// (a2) the earlier documentation example, `content-type;host`.
#[test]
fn a2_documentation_example_sdk_form() {
    let canonical = sdk_canonical(
        "POST",
        "",
        A_CONTENT_TYPE,
        "cvm.tencentcloudapi.com",
        A_BODY.as_bytes(),
    );
    assert_eq!(
        canonical,
        "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\n\
         content-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"
    );
    assert_eq!(
        sha_hex(&canonical),
        "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031"
    );
    let scope = credential_scope("2019-02-25", "cvm");
    let sts = string_to_sign(1551113065, &scope, &canonical);
    assert_eq!(
        sts,
        "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n\
         5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031"
    );
    let key = signing_key("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "2019-02-25", "cvm");
    let sig = signature(&key, &sts);
    assert_eq!(
        sig,
        "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
    );
    let expected = "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, \
                    SignedHeaders=content-type;host, \
                    Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168";
    assert_eq!(
        authorization(ID, &scope, SDK_SIGNED_HEADERS, &sig),
        expected
    );
    let request = post("cvm.tencentcloudapi.com", A_CONTENT_TYPE, A_BODY);
    assert_eq!(
        sign_request(
            ID,
            "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
            "cvm",
            1551113065,
            &request
        ),
        expected
    );

    // The masked key of the demo before 2023-09.
    let key = signing_key("Gu5t9xGARNpq86cd98joQYCN3*******", "2019-02-25", "cvm");
    assert_eq!(
        signature(&key, &sts),
        "2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c"
    );
}

/// (b) AS `DetachInstances`, compact JSON.
#[test]
fn b_detach_instances_compact_json() {
    assert_eq!(
        hashed_payload(B_BODY.as_bytes()),
        "1a71a1892bace75d450c31a92f85531aa27c03de1439b6df1a81ead6d9ca2280"
    );
    let canonical = sdk_canonical("POST", "", JSON, AS_HOST, B_BODY.as_bytes());
    assert_eq!(
        canonical,
        "POST\n/\n\ncontent-type:application/json\nhost:as.tencentcloudapi.com\n\n\
         content-type;host\n1a71a1892bace75d450c31a92f85531aa27c03de1439b6df1a81ead6d9ca2280"
    );
    assert_eq!(sha_hex(&canonical), B_CANONICAL_HASH);
    let date = utc_date(1700000000);
    assert_eq!(date, "2023-11-14");
    let scope = credential_scope(&date, "as");
    assert_eq!(scope, "2023-11-14/as/tc3_request");
    let sts = string_to_sign(1700000000, &scope, &canonical);
    assert_eq!(
        sts,
        format!("TC3-HMAC-SHA256\n1700000000\n2023-11-14/as/tc3_request\n{B_CANONICAL_HASH}")
    );
    let sig = signature(&signing_key(KEY, &date, "as"), &sts);
    assert_eq!(sig, B_SIGNATURE);
    let expected = format!(
        "TC3-HMAC-SHA256 Credential={ID}/2023-11-14/as/tc3_request, \
         SignedHeaders=content-type;host, Signature={B_SIGNATURE}"
    );
    assert_eq!(
        authorization(ID, &scope, SDK_SIGNED_HEADERS, &sig),
        expected
    );
    assert_eq!(
        sign_request(ID, KEY, "as", 1700000000, &post(AS_HOST, JSON, B_BODY)),
        expected
    );
}

/// (b′) the same request with the body `json.dumps` writes: one space changes everything.
#[test]
fn b_prime_python_json_separators() {
    let body = r#"{"AutoScalingGroupId": "asg-boz1qhnk", "InstanceIds": ["ins-cri8d02t", "ins-osckfnm7"]}"#;
    assert_eq!(
        hashed_payload(body.as_bytes()),
        "1149f89729f6ffcdc0464f749df75c6c30d3692f308f4f3745546e378f841c4b"
    );
    let canonical = sdk_canonical("POST", "", JSON, AS_HOST, body.as_bytes());
    assert_eq!(
        sha_hex(&canonical),
        "319b94d07cda7022587a30edec3901f1204950c44bed1f54679eca0982f6c324"
    );
    let auth = sign_request(ID, KEY, "as", 1700000000, &post(AS_HOST, JSON, body));
    assert!(auth
        .ends_with("Signature=ebb9d1715c6c62d8cee6134e7333f22edcb0b5e19ef931bfe771fb1a767c8e38"));
}

/// (c) a session token is not signed: the signature is (b)'s.
#[test]
fn c_token_does_not_change_the_signature() {
    // The SDK form signs only content-type and host, so X-TC-Token cannot enter it.
    let auth = sign_request(ID, KEY, "as", 1700000000, &post(AS_HOST, JSON, B_BODY));
    let parsed = parse_authorization(&auth).unwrap();
    assert_eq!(parsed.signature, B_SIGNATURE);
    assert!(!auth.contains("exampleSessionToken0123456789"));
    assert!(!auth.to_ascii_lowercase().contains("x-tc-token"));
}

/// (d) GET with query `Limit=10&Offset=0`.
#[test]
fn d_get_with_query() {
    assert_eq!(hashed_payload(b""), EMPTY_PAYLOAD_HASH);
    let form = "application/x-www-form-urlencoded";
    let canonical = sdk_canonical("GET", "Limit=10&Offset=0", form, AS_HOST, b"");
    assert_eq!(
        canonical,
        "GET\n/\nLimit=10&Offset=0\ncontent-type:application/x-www-form-urlencoded\n\
         host:as.tencentcloudapi.com\n\ncontent-type;host\n\
         e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(
        sha_hex(&canonical),
        "cee3cfc998093caa6f2f56f5cbbba29ee8598505bcde3703921f9a8de6e7fe88"
    );
    let request = RequestToSign {
        method: "GET",
        host: AS_HOST,
        content_type: form,
        query: "Limit=10&Offset=0",
        body: b"",
        unsigned_payload: false,
    };
    assert_eq!(
        sign_request(ID, KEY, "as", 1700000000, &request),
        format!(
            "TC3-HMAC-SHA256 Credential={ID}/2023-11-14/as/tc3_request, \
             SignedHeaders=content-type;host, \
             Signature=f154b74586a57998b9def831a20f0f72edcf4e3adab19452ec727869e87662a8"
        )
    );
    // The query is signed as sent: another order is another signature.
    let swapped = RequestToSign {
        query: "Offset=0&Limit=10",
        ..request
    };
    assert_ne!(
        sign_request(ID, KEY, "as", 1700000000, &swapped),
        sign_request(ID, KEY, "as", 1700000000, &request)
    );
}

/// (e1) `\u` escapes and (e2) raw UTF-8: each body has its own signature.
#[test]
fn e_non_ascii_bodies() {
    let e1 = r#"{"AutoScalingGroupId":"asg-boz1qhnk","AutoScalingGroupName":"\u6d4b\u8bd5\u7ec4"}"#;
    let e2 = r#"{"AutoScalingGroupId":"asg-boz1qhnk","AutoScalingGroupName":"测试组"}"#;
    assert_eq!(e1.len(), 81);
    assert_eq!(e2.len(), 72);
    assert_eq!(
        hex(e2.as_bytes()),
        "7b224175746f5363616c696e6747726f75704964223a226173672d626f7a3171686e6b222c224175746f\
         5363616c696e6747726f75704e616d65223a22e6b58be8af95e7bb84227d"
    );
    let cases = [
        (
            e1,
            "595f66ca279d9fb35c1b3b9bc3a68cdd2bada9c4e6146a4d195a9f02261e9af9",
            "2bbce61dc2da8345e6da28841d5bfcb98a6aec79235faba20810ae645677bb3e",
            "20bf9169b819a306c4e606e5ad0b9e4af136ef82a37ee43946b524b0a39f4d48",
        ),
        (
            e2,
            "7d2cdb47b1f6f8184180077131f5f70b0a480dcb12c9213308a8f0abd2b928c1",
            "c32f047a4aadef16c9c8b3d53340f8b531fd87162d8b9894f823c96149ba40ed",
            "0c76be4767ed3de7b0b01329b76a6ef0916f280777d1fb8c091138fad52a788a",
        ),
    ];
    for (body, payload, canonical_hash, sig) in cases {
        assert_eq!(hashed_payload(body.as_bytes()), payload);
        let canonical = sdk_canonical("POST", "", JSON, AS_HOST, body.as_bytes());
        assert_eq!(sha_hex(&canonical), canonical_hash);
        let sts = string_to_sign(1700000000, "2023-11-14/as/tc3_request", &canonical);
        assert_eq!(
            sts,
            format!("TC3-HMAC-SHA256\n1700000000\n2023-11-14/as/tc3_request\n{canonical_hash}")
        );
        assert_eq!(signature(&signing_key(KEY, "2023-11-14", "as"), &sts), sig);
        assert_eq!(
            sign_request(ID, KEY, "as", 1700000000, &post(AS_HOST, JSON, body)),
            format!(
                "TC3-HMAC-SHA256 Credential={ID}/2023-11-14/as/tc3_request, \
                 SignedHeaders=content-type;host, Signature={sig}"
            )
        );
    }
}

/// (f1)/(f2) the scope date is the UTC date; a Beijing date gives a wrong signature.
#[test]
fn f_scope_date_is_utc() {
    let canonical = sdk_canonical("POST", "", JSON, AS_HOST, B_BODY.as_bytes());
    assert_eq!(sha_hex(&canonical), B_CANONICAL_HASH);
    let cases = [
        (
            1700006399,
            "2023-11-14",
            "1ef438730c001c299c19f6639b4c5828fde5f40b0879ec3c912b1839cc78f52b",
        ),
        (
            1700006400,
            "2023-11-15",
            "c052ce40ba8c9f1d13abb57970efd20313de3d6195f58b2db6e6c711287c015a",
        ),
    ];
    for (ts, date, sig) in cases {
        assert_eq!(utc_date(ts), date);
        let scope = credential_scope(date, "as");
        let sts = string_to_sign(ts, &scope, &canonical);
        assert_eq!(
            sts,
            format!("TC3-HMAC-SHA256\n{ts}\n{date}/as/tc3_request\n{B_CANONICAL_HASH}")
        );
        assert_eq!(signature(&signing_key(KEY, date, "as"), &sts), sig);
        assert_eq!(
            sign_request(ID, KEY, "as", ts, &post(AS_HOST, JSON, B_BODY)),
            format!(
                "TC3-HMAC-SHA256 Credential={ID}/{date}/as/tc3_request, \
                 SignedHeaders=content-type;host, Signature={sig}"
            )
        );
    }

    // f1 signed with the Beijing date.
    let scope = credential_scope("2023-11-15", "as");
    let sts = string_to_sign(1700006399, &scope, &canonical);
    let wrong = signature(&signing_key(KEY, "2023-11-15", "as"), &sts);
    assert_eq!(
        wrong,
        "f57b1f6a2d9d2b78388d857bba8e24a75642c6f77b523d9ca766ce050488c767"
    );
    assert_ne!(
        wrong,
        "1ef438730c001c299c19f6639b4c5828fde5f40b0879ec3c912b1839cc78f52b"
    );
}

#[test]
fn unsigned_payload_hashes_the_marker() {
    let request = RequestToSign {
        unsigned_payload: true,
        ..post(AS_HOST, JSON, B_BODY)
    };
    let marker = RequestToSign {
        body: UNSIGNED_PAYLOAD.as_bytes(),
        unsigned_payload: false,
        ..request
    };
    assert_eq!(
        sign_request(ID, KEY, "as", 1700000000, &request),
        sign_request(ID, KEY, "as", 1700000000, &marker)
    );
}
