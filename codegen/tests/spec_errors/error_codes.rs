//! Error codes: business errors and their codes, variants colliding within an action, with a
//! common error or across actions.

use super::*;

#[test]
fn error_variants_colliding() {
    let errors = errors_of(&action(
        "errors:\n  - {code: 4000, codeDesc: Invalid.Thing, doc: a}\n  - {code: 4000, codeDesc: InvalidThing, doc: b}\n",
    ));
    assert_one(
        &errors,
        "errors.InvalidThing",
        "collides with error `Invalid.Thing`",
    );
}

#[test]
fn error_variant_colliding_with_a_common_error() {
    let errors = errors_of(&action(
        "errors:\n  - {code: 4000, codeDesc: Invalid-Parameter, doc: a}\n",
    ));
    assert_one(
        &errors,
        "errors.Invalid-Parameter",
        "collides with common error 4000",
    );
}

#[test]
fn business_error_needs_its_code() {
    let errors = errors_of(&action("errors:\n  - {codeDesc: A.B, doc: x}\n"));
    assert_one(&errors, "errors.A.B.code", "give the error's `code`");
}

#[test]
fn api_2_business_error_code_is_an_integer() {
    let errors = errors_of(&action(
        "errors:\n  - {code: Broken, codeDesc: A.B, doc: x}\n",
    ));
    assert_one(&errors, "errors.A.B.code", "non-zero integer");
}

#[test]
fn api_2_business_error_needs_its_code_desc() {
    let errors = errors_of(&action("errors:\n  - {code: 4000, doc: x}\n"));
    assert_one(&errors, "errors.0.codeDesc", "needs its `codeDesc`");
}

#[test]
fn one_error_has_one_variant_and_one_code_across_actions() {
    let result = load_sources(
        (Path::new("specs/service.yaml"), SERVICE),
        &[
            (
                Path::new("specs/DoIt.yaml"),
                action("errors:\n  - {code: 4000, codeDesc: Thing.Gone, doc: x}\n").as_str(),
            ),
            (
                Path::new("specs/Other.yaml"),
                "action: Other\ndoc: Other.\nerrors:\n  - {code: 5100, codeDesc: Thing.Gone, doc: x}\n",
            ),
        ],
    );
    let errors = result.err().map(|e| e.0).unwrap_or_default();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].file, Path::new("specs/Other.yaml"));
    assert!(
        errors[0].message.contains("one variant and one code"),
        "{}",
        errors[0]
    );
}

#[test]
fn duplicate_common_codes_are_named_in_the_service_file() {
    let service = format!("{SERVICE}  - {{code: 4000, variant: Other, doc: again}}\n");
    let errors = errors_with_service(&service, &action(GOOD_PARAMS));
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].file, Path::new("specs/service.yaml"));
    assert_eq!(errors[0].field, "commonErrors.4000");
}

#[test]
fn explicit_error_variant_must_be_upper_camel_case() {
    let errors = errors_of(&action(
        "errors:\n  - {code: 4000, codeDesc: A.B, variant: not_camel, doc: x}\n",
    ));
    assert_one(&errors, "errors.A.B", "UpperCamelCase");
}
