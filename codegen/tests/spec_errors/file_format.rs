//! The spec files themselves: unknown fields (with their line), keys of an older format, the
//! protocol, and every error reported rather than the first.

use super::*;

#[test]
fn unknown_field_names_its_line() {
    let errors = errors_of(&action(
        "parameters:\n  - {name: groupId, type: string, requried: true}\n",
    ));
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].action.as_deref(), Some("DoIt"));
    assert!(
        errors[0].field.starts_with("line 4 column"),
        "{:?}",
        errors[0].field
    );
    assert!(
        errors[0].message.contains("unknown field `requried`"),
        "{}",
        errors[0].message
    );
}

#[test]
fn the_old_optional_key_is_refused() {
    let errors = errors_of(&action(
        "output:\n  - {name: count, type: integer, optional: true}\n",
    ));
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].message.contains("unknown field `optional`"),
        "{}",
        errors[0]
    );
}

#[test]
fn unknown_protocol() {
    let service = SERVICE.replace("qcloud-v2", "soap");
    let errors = errors_with_service(&service, &action(GOOD_PARAMS));
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].file, Path::new("specs/service.yaml"));
    assert_eq!(errors[0].field, "protocol");
    assert!(
        errors[0].message.contains("unknown protocol `soap`"),
        "{}",
        errors[0]
    );
}

#[test]
fn every_error_is_reported_not_only_the_first() {
    let errors = errors_of(&action(
        "parameters:\n  - {name: a, type: nope}\n  - {name: type, type: string}\n",
    ));
    assert_eq!(errors.len(), 2, "{errors:#?}");
}
