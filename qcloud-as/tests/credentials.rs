//! Tests of `qcloud_as::credentials`: explicit construction, the environment (through a lookup
//! closure, never the process environment), INI profile files, the default chain and `Debug`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use qcloud_as::credentials::{Credentials, CredentialsError};

const SECRET_KEY: &str = "sk-VERY-SECRET-0123456789";
const TOKEN: &str = "tok-ALSO-SECRET-9876543210";

/// A fake environment: looks names up in `pairs`.
fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| map.get(name).cloned()
}

/// A fresh directory under the system temp dir, removed (with its contents) on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let name = format!(
            "qcloud-as-credentials-test-{}-{}-{}",
            std::process::id(),
            nanos,
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let path = std::env::temp_dir().join(name);
        std::fs::create_dir(&path).expect("create temp dir");
        TempDir(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `contents` to `relative` inside the directory, creating parent directories.
    fn write(&self, relative: &str, contents: &str) -> PathBuf {
        let path = self.0.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent dir");
        }
        std::fs::write(&path, contents).expect("write file");
        path
    }

    fn path_str(&self) -> &str {
        self.0.to_str().expect("temp dir path is UTF-8")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const FILE: &str = "\
[default]
secret_id = AKIDdefault
secret_key = sk-VERY-SECRET-0123456789

[dev]
secret_id = AKIDdev
secret_key = dev-key
token = tok-ALSO-SECRET-9876543210
";

// ---------------------------------------------------------------- explicit construction

#[test]
fn explicit_construction() {
    let creds = Credentials::new("AKIDid", "key");
    assert_eq!(creds.secret_id(), "AKIDid");
    assert_eq!(creds.secret_key(), "key");
    assert_eq!(creds.token(), None);

    let with_token = creds.clone().with_token(String::from("tok"));
    assert_eq!(with_token.secret_id(), "AKIDid");
    assert_eq!(with_token.secret_key(), "key");
    assert_eq!(with_token.token(), Some("tok"));
    assert_ne!(creds, with_token);
    assert_eq!(
        with_token,
        Credentials::new("AKIDid", "key").with_token("tok")
    );
}

// ---------------------------------------------------------------- environment

#[test]
fn env_both_set() {
    let creds = Credentials::from_env_with(env(&[
        ("TENCENTCLOUD_SECRET_ID", "AKIDenv"),
        ("TENCENTCLOUD_SECRET_KEY", SECRET_KEY),
    ]))
    .unwrap()
    .expect("credentials");
    assert_eq!(creds, Credentials::new("AKIDenv", SECRET_KEY));
}

#[test]
fn env_with_token() {
    let creds = Credentials::from_env_with(env(&[
        ("TENCENTCLOUD_SECRET_ID", "AKIDenv"),
        ("TENCENTCLOUD_SECRET_KEY", SECRET_KEY),
        ("TENCENTCLOUD_SESSION_TOKEN", TOKEN),
    ]))
    .unwrap()
    .expect("credentials");
    assert_eq!(creds.token(), Some(TOKEN));
}

#[test]
fn env_only_id_is_an_error_naming_the_key_variable() {
    let err =
        Credentials::from_env_with(env(&[("TENCENTCLOUD_SECRET_ID", "AKIDenv")])).unwrap_err();
    assert!(
        matches!(
            err,
            CredentialsError::MissingEnvVar {
                missing: "TENCENTCLOUD_SECRET_KEY",
                set: "TENCENTCLOUD_SECRET_ID"
            }
        ),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(msg.contains("TENCENTCLOUD_SECRET_KEY"), "{msg}");
}

#[test]
fn env_only_key_is_an_error_naming_the_id_variable() {
    let err =
        Credentials::from_env_with(env(&[("TENCENTCLOUD_SECRET_KEY", SECRET_KEY)])).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("TENCENTCLOUD_SECRET_ID"), "{msg}");
    assert!(!msg.contains(SECRET_KEY), "{msg}");
}

#[test]
fn env_none_set() {
    assert_eq!(Credentials::from_env_with(env(&[])).unwrap(), None);
    // A lone token is not credentials.
    assert_eq!(
        Credentials::from_env_with(env(&[("TENCENTCLOUD_SESSION_TOKEN", TOKEN)])).unwrap(),
        None
    );
}

#[test]
fn env_empty_values_count_as_unset() {
    assert_eq!(
        Credentials::from_env_with(env(&[
            ("TENCENTCLOUD_SECRET_ID", ""),
            ("TENCENTCLOUD_SECRET_KEY", ""),
            ("TENCENTCLOUD_SESSION_TOKEN", ""),
        ]))
        .unwrap(),
        None
    );

    let err = Credentials::from_env_with(env(&[
        ("TENCENTCLOUD_SECRET_ID", "AKIDenv"),
        ("TENCENTCLOUD_SECRET_KEY", ""),
    ]))
    .unwrap_err();
    assert!(err.to_string().contains("TENCENTCLOUD_SECRET_KEY"), "{err}");

    let creds = Credentials::from_env_with(env(&[
        ("TENCENTCLOUD_SECRET_ID", "AKIDenv"),
        ("TENCENTCLOUD_SECRET_KEY", SECRET_KEY),
        ("TENCENTCLOUD_SESSION_TOKEN", ""),
    ]))
    .unwrap()
    .expect("credentials");
    assert_eq!(creds.token(), None);
}

// ---------------------------------------------------------------- profile file

#[test]
fn profile_file_default_profile() {
    let dir = TempDir::new();
    let path = dir.write("credentials", FILE);
    let creds = Credentials::from_profile_file(&path, "default").unwrap();
    assert_eq!(creds, Credentials::new("AKIDdefault", SECRET_KEY));
}

#[test]
fn profile_file_named_profile() {
    let dir = TempDir::new();
    let path = dir.write("credentials", FILE);
    let creds = Credentials::from_profile_file(&path, "dev").unwrap();
    assert_eq!(
        creds,
        Credentials::new("AKIDdev", "dev-key").with_token(TOKEN)
    );
}

#[test]
fn profile_file_missing_profile_lists_existing_ones() {
    let dir = TempDir::new();
    let path = dir.write("credentials", FILE);
    let err = Credentials::from_profile_file(&path, "prod").unwrap_err();
    match &err {
        CredentialsError::ProfileNotFound {
            path: p,
            profile,
            available,
        } => {
            assert_eq!(p, &path);
            assert_eq!(profile, "prod");
            assert_eq!(available, &["default".to_string(), "dev".to_string()]);
        }
        other => panic!("unexpected error {other:?}"),
    }
    let msg = err.to_string();
    for needle in ["prod", "[default]", "[dev]", &path.display().to_string()] {
        assert!(msg.contains(needle), "{needle:?} not in {msg}");
    }
}

#[test]
fn profile_file_missing_key() {
    let dir = TempDir::new();
    let path = dir.write(
        "credentials",
        "[default]\nsecret_id = AKIDonly\n\n[other]\nsecret_key = k\n",
    );
    let err = Credentials::from_profile_file(&path, "default").unwrap_err();
    assert!(
        matches!(&err, CredentialsError::MissingKey { key, profile, .. }
            if key == "secret_key" && profile == "default"),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains("secret_key") && msg.contains("default"),
        "{msg}"
    );
    assert!(msg.contains(&path.display().to_string()), "{msg}");

    let err = Credentials::from_profile_file(&path, "other").unwrap_err();
    assert!(
        matches!(&err, CredentialsError::MissingKey { key, .. } if key == "secret_id"),
        "{err:?}"
    );

    // An empty value counts as missing.
    let path = dir.write("empty", "[default]\nsecret_id = AKID\nsecret_key =\n");
    let err = Credentials::from_profile_file(&path, "default").unwrap_err();
    assert!(
        matches!(&err, CredentialsError::MissingKey { key, .. } if key == "secret_key"),
        "{err:?}"
    );
}

#[test]
fn profile_file_malformed_line_names_line_and_hides_secrets() {
    let dir = TempDir::new();
    // Line 3 lacks its `=`: its text must not appear in the message.
    let path = dir.write(
        "credentials",
        &format!("[default]\nsecret_id = AKID\nsecret_key {SECRET_KEY}\n"),
    );
    let err = Credentials::from_profile_file(&path, "default").unwrap_err();
    assert!(
        matches!(&err, CredentialsError::MalformedLine { line: 3, .. }),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(msg.contains("line 3"), "{msg}");
    assert!(msg.contains("secret_key"), "{msg}");
    assert!(msg.contains(&path.display().to_string()), "{msg}");
    assert!(!msg.contains(SECRET_KEY), "{msg}");
    assert!(!format!("{err:?}").contains(SECRET_KEY));

    // A stray secret-looking word on its own line is not echoed either.
    let path = dir.write(
        "wrapped",
        &format!("[default]\nsecret_id = AKID\n{SECRET_KEY}\n"),
    );
    let err = Credentials::from_profile_file(&path, "default").unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("line 3") && !msg.contains(SECRET_KEY), "{msg}");

    // A key before any section: named, value hidden.
    let path = dir.write(
        "nosection",
        &format!("secret_key = {SECRET_KEY}\n[default]\n"),
    );
    let err = Credentials::from_profile_file(&path, "default").unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("line 1") && msg.contains("secret_key"),
        "{msg}"
    );
    assert!(!msg.contains(SECRET_KEY), "{msg}");

    // A broken header, anywhere in the file, is reported.
    let path = dir.write(
        "header",
        "[default]\nsecret_id = a\nsecret_key = b\n\n[dev\n",
    );
    let err = Credentials::from_profile_file(&path, "default").unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("line 5") && msg.contains("[dev"), "{msg}");

    // Other broken shapes are errors, never panics.
    for content in [
        "[]\n",
        "[default]\n= value\n",
        "[default] secret_key = x\n",
        "[a[b]\n",
        "[default]\nsecret_id = \u{e9}\n\u{1F600}\n",
    ] {
        let path = dir.write("shapes", content);
        let err = Credentials::from_profile_file(&path, "default").unwrap_err();
        assert!(
            matches!(err, CredentialsError::MalformedLine { .. }),
            "{content:?}: {err:?}"
        );
    }

    // Invalid UTF-8.
    let path = dir.path().join("binary");
    std::fs::write(&path, b"[default]\nsecret_id = \xff\xfe\n").unwrap();
    let err = Credentials::from_profile_file(&path, "default").unwrap_err();
    assert!(
        matches!(err, CredentialsError::MalformedLine { line: 2, .. }),
        "{err:?}"
    );
}

#[test]
fn profile_file_stray_base64_line_before_any_section_is_not_echoed() {
    let dir = TempDir::new();
    // A secret pasted on its own line at the top: base64 ends in `=`, so the line looks like
    // `key = value` with the secret as the key.
    let path = dir.write(
        "credentials",
        "c2VjcmV0LWtleS12YWx1ZQ==\n[default]\nsecret_id = AKID\nsecret_key = k\n",
    );
    let err = Credentials::from_profile_file(&path, "default").unwrap_err();
    assert!(
        matches!(&err, CredentialsError::MalformedLine { line: 1, .. }),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(msg.contains("line 1"), "{msg}");
    assert!(msg.contains("before any"), "{msg}");
    assert!(!msg.contains("c2VjcmV0"), "{msg}");
    assert!(!format!("{err:?}").contains("c2VjcmV0"), "{err:?}");

    // The same after a comment, with spaces around the `=`, or as an unknown key.
    for content in [
        "# my key\nc2VjcmV0LWtleS12YWx1ZQ==\n[default]\n",
        "c2VjcmV0 = LWtleS12YWx1ZQ==\n[default]\n",
        "region = c2VjcmV0\n[default]\n",
    ] {
        let path = dir.write("variants", content);
        let err = Credentials::from_profile_file(&path, "default").unwrap_err();
        assert!(
            matches!(&err, CredentialsError::MalformedLine { .. }),
            "{content:?}: {err:?}"
        );
        let msg = err.to_string();
        assert!(!msg.contains("c2VjcmV0"), "{content:?}: {msg}");
    }

    // A known key is still named (its value hidden).
    let path = dir.write("known", "token = c2VjcmV0LWtleS12YWx1ZQ==\n[default]\n");
    let msg = Credentials::from_profile_file(&path, "default")
        .unwrap_err()
        .to_string();
    assert!(msg.contains("`token = …`"), "{msg}");
    assert!(!msg.contains("c2VjcmV0"), "{msg}");
}

#[test]
fn profile_file_broken_header_text_is_cut() {
    let dir = TempDir::new();
    // Nothing after a `=` in a header is shown.
    for content in [
        "[prod = c2VjcmV0LWtleS12YWx1ZQ==\n",
        "[prod = c2VjcmV0LWtleS12YWx1ZQ==] x\n",
        "[prod[x]=c2VjcmV0LWtleS12YWx1ZQ==]\n",
    ] {
        let path = dir.write("header", content);
        let err = Credentials::from_profile_file(&path, "default").unwrap_err();
        assert!(
            matches!(&err, CredentialsError::MalformedLine { line: 1, .. }),
            "{content:?}: {err:?}"
        );
        let msg = err.to_string();
        assert!(msg.contains("[prod"), "{content:?}: {msg}");
        assert!(!msg.contains("c2VjcmV0"), "{content:?}: {msg}");
    }
    // A long header is shown up to 40 characters.
    let long = format!("{}{}", "a".repeat(40), "TAIL-NOT-SHOWN");
    let path = dir.write("long", &format!("[{long}\n"));
    let msg = Credentials::from_profile_file(&path, "default")
        .unwrap_err()
        .to_string();
    assert!(msg.contains(&"a".repeat(40)), "{msg}");
    assert!(!msg.contains("TAIL"), "{msg}");
}

#[test]
fn profile_file_comments_and_whitespace() {
    let dir = TempDir::new();
    let path = dir.write(
        "credentials",
        "\u{feff}# leading comment\r\n\
         ; another comment\r\n\
         \r\n\
         \t[ spaced ]   # trailing comment\r\n\
         \t  secret_id   =   AKIDspaced  \r\n\
         # secret_id = commented-out\r\n\
         secret_key=key=with=equals\r\n\
         \x20\x20; indented comment\r\n\
         token = \r\n\
         region = ap-guangzhou\r\n",
    );
    let creds = Credentials::from_profile_file(&path, "spaced").unwrap();
    assert_eq!(creds, Credentials::new("AKIDspaced", "key=with=equals"));
    assert_eq!(creds.token(), None);
}

#[test]
fn profile_file_repeated_sections_merge_and_last_value_wins() {
    let dir = TempDir::new();
    let path = dir.write(
        "credentials",
        "[default]\nsecret_id = old\n[dev]\nsecret_id = d\n[default]\nsecret_id = new\nsecret_key = k\n",
    );
    let creds = Credentials::from_profile_file(&path, "default").unwrap();
    assert_eq!(creds, Credentials::new("new", "k"));
}

#[test]
fn profile_file_unreadable_path() {
    let dir = TempDir::new();

    // Does not exist.
    let missing = dir.path().join("no-such-file");
    let err = Credentials::from_profile_file(&missing, "default").unwrap_err();
    match &err {
        CredentialsError::ReadFile { path, source } => {
            assert_eq!(path, &missing);
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
        }
        other => panic!("unexpected error {other:?}"),
    }
    assert!(err.to_string().contains(&missing.display().to_string()));
    assert!(std::error::Error::source(&err).is_some());

    // Exists but is a directory: cannot be read as a file.
    let err = Credentials::from_profile_file(dir.path(), "default").unwrap_err();
    assert!(
        matches!(&err, CredentialsError::ReadFile { path, .. } if path == dir.path()),
        "{err:?}"
    );
    assert!(std::error::Error::source(&err).is_some());
}

// ---------------------------------------------------------------- default chain

#[test]
fn chain_env_wins_over_file() {
    let dir = TempDir::new();
    dir.write(".tencentcloud/credentials", FILE);
    let creds = Credentials::from_default_chain_with(env(&[
        ("TENCENTCLOUD_SECRET_ID", "AKIDenv"),
        ("TENCENTCLOUD_SECRET_KEY", "env-key"),
        ("HOME", dir.path_str()),
    ]))
    .unwrap();
    assert_eq!(creds, Credentials::new("AKIDenv", "env-key"));
}

#[test]
fn chain_half_set_env_is_an_error_even_with_a_file() {
    let dir = TempDir::new();
    dir.write(".tencentcloud/credentials", FILE);
    let err = Credentials::from_default_chain_with(env(&[
        ("TENCENTCLOUD_SECRET_ID", "AKIDenv"),
        ("HOME", dir.path_str()),
    ]))
    .unwrap_err();
    assert!(
        matches!(err, CredentialsError::MissingEnvVar { .. }),
        "{err:?}"
    );
}

#[test]
fn chain_uses_file_when_env_empty() {
    let dir = TempDir::new();
    dir.write(".tencentcloud/credentials", FILE);
    let creds = Credentials::from_default_chain_with(env(&[
        ("TENCENTCLOUD_SECRET_ID", ""),
        ("TENCENTCLOUD_SECRET_KEY", ""),
        ("TENCENTCLOUD_CREDENTIALS_FILE", ""),
        ("TENCENTCLOUD_PROFILE", ""),
        ("HOME", dir.path_str()),
    ]))
    .unwrap();
    assert_eq!(creds, Credentials::new("AKIDdefault", SECRET_KEY));
}

#[test]
fn chain_honours_credentials_file_and_profile_variables() {
    let dir = TempDir::new();
    // The home file would give other credentials: it must not be read.
    dir.write(
        "home/.tencentcloud/credentials",
        "[dev]\nsecret_id = AKIDhome\nsecret_key = home\n",
    );
    let path = dir.write("elsewhere/creds.ini", FILE);
    let home = dir.path().join("home");
    let lookup = env(&[
        ("TENCENTCLOUD_CREDENTIALS_FILE", path.to_str().unwrap()),
        ("TENCENTCLOUD_PROFILE", "dev"),
        ("HOME", home.to_str().unwrap()),
    ]);
    let creds = Credentials::from_default_chain_with(lookup).unwrap();
    assert_eq!(
        creds,
        Credentials::new("AKIDdev", "dev-key").with_token(TOKEN)
    );

    // Without TENCENTCLOUD_PROFILE the `default` profile is read.
    let creds = Credentials::from_default_chain_with(env(&[(
        "TENCENTCLOUD_CREDENTIALS_FILE",
        path.to_str().unwrap(),
    )]))
    .unwrap();
    assert_eq!(creds, Credentials::new("AKIDdefault", SECRET_KEY));
}

#[test]
fn chain_home_fallback_path() {
    let dir = TempDir::new();
    dir.write(
        ".tencentcloud/credentials",
        "[default]\nsecret_id = AKIDhome\nsecret_key = home-key\n",
    );
    let creds = Credentials::from_default_chain_with(env(&[("HOME", dir.path_str())])).unwrap();
    assert_eq!(creds, Credentials::new("AKIDhome", "home-key"));
}

#[test]
fn chain_nothing_anywhere_is_not_found_listing_the_places() {
    let dir = TempDir::new();
    let err = Credentials::from_default_chain_with(env(&[("HOME", dir.path_str())])).unwrap_err();
    let expected_path = dir.path().join(".tencentcloud").join("credentials");
    match &err {
        CredentialsError::NotFound { searched } => assert!(searched.len() >= 2, "{searched:?}"),
        other => panic!("unexpected error {other:?}"),
    }
    let msg = err.to_string();
    for needle in [
        "TENCENTCLOUD_SECRET_ID",
        "TENCENTCLOUD_SECRET_KEY",
        "TENCENTCLOUD_CREDENTIALS_FILE",
        &expected_path.display().to_string(),
    ] {
        assert!(msg.contains(needle), "{needle:?} not in {msg}");
    }

    // A file named by TENCENTCLOUD_CREDENTIALS_FILE that does not exist: NotFound naming it.
    let missing = dir.path().join("missing.ini");
    let err = Credentials::from_default_chain_with(env(&[(
        "TENCENTCLOUD_CREDENTIALS_FILE",
        missing.to_str().unwrap(),
    )]))
    .unwrap_err();
    assert!(matches!(err, CredentialsError::NotFound { .. }), "{err:?}");
    assert!(
        err.to_string().contains(&missing.display().to_string()),
        "{err}"
    );

    // No home directory at all: still NotFound, saying so.
    let err = Credentials::from_default_chain_with(env(&[])).unwrap_err();
    assert!(matches!(err, CredentialsError::NotFound { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains("TENCENTCLOUD_SECRET_ID") && msg.contains("HOME"),
        "{msg}"
    );
}

#[test]
fn chain_does_not_fall_through_a_broken_or_unreadable_file() {
    let dir = TempDir::new();

    // Malformed.
    dir.write(".tencentcloud/credentials", "[default]\ngarbage\n");
    let err = Credentials::from_default_chain_with(env(&[("HOME", dir.path_str())])).unwrap_err();
    assert!(
        matches!(err, CredentialsError::MalformedLine { line: 2, .. }),
        "{err:?}"
    );

    // Profile missing.
    dir.write(".tencentcloud/credentials", FILE);
    let err = Credentials::from_default_chain_with(env(&[
        ("HOME", dir.path_str()),
        ("TENCENTCLOUD_PROFILE", "nope"),
    ]))
    .unwrap_err();
    assert!(
        matches!(err, CredentialsError::ProfileNotFound { .. }),
        "{err:?}"
    );

    // Exists but unreadable (a directory).
    let err = Credentials::from_default_chain_with(env(&[(
        "TENCENTCLOUD_CREDENTIALS_FILE",
        dir.path_str(),
    )]))
    .unwrap_err();
    assert!(matches!(err, CredentialsError::ReadFile { .. }), "{err:?}");
}

// ---------------------------------------------------------------- Debug

#[test]
fn debug_hides_secret_key_and_token() {
    let plain = format!("{:?}", Credentials::new("AKIDvisible", SECRET_KEY));
    assert!(plain.contains("AKIDvisible"), "{plain}");
    assert!(!plain.contains(SECRET_KEY), "{plain}");
    assert!(plain.contains("redacted"), "{plain}");

    let with_token = Credentials::new("AKIDvisible", SECRET_KEY).with_token(TOKEN);
    for shown in [format!("{with_token:?}"), format!("{with_token:#?}")] {
        assert!(shown.contains("AKIDvisible"), "{shown}");
        assert!(!shown.contains(SECRET_KEY), "{shown}");
        assert!(!shown.contains(TOKEN), "{shown}");
    }
    // Whether a token is present is visible.
    assert_ne!(plain, format!("{with_token:?}"));
    assert!(plain.contains("None"), "{plain}");
}
