//! Names: duplicates (also after case conversion), Rust keywords, and names that would collide
//! with what the generator makes (types, methods, accessors, files).

use super::*;

#[test]
fn duplicate_names() {
    let errors = errors_of(&action(
        "parameters:\n  - {name: groupId, type: string}\n  - {name: groupId, type: integer}\n",
    ));
    assert_one(&errors, "parameters.groupId", "duplicate name `groupId`");
}

#[test]
fn names_colliding_after_case_conversion() {
    let errors = errors_of(&action(
        "parameters:\n  - {name: groupId, type: string}\n  - {name: groupID, type: string}\n",
    ));
    let shown = assert_one(
        &errors,
        "parameters.groupID",
        "collide as the Rust name `group_id`",
    );
    assert!(shown.contains("rustName"), "{shown}");
}

#[test]
fn rust_keyword_as_a_name() {
    let errors = errors_of(&action("parameters:\n  - {name: type, type: string}\n"));
    assert_one(&errors, "parameters.type", "`type` is a Rust keyword");
}

#[test]
fn rust_keyword_is_accepted_with_an_explicit_rust_name() {
    let errors = errors_of(&action(
        "parameters:\n  - {name: type, type: string, rustName: kind}\n",
    ));
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn keyword_as_a_type_name() {
    let errors = errors_of(&action(
        "parameters:\n  - {name: x, type: Self}\ntypes:\n  Self: {enum: integer, values: [{name: A, value: 0}]}\n",
    ));
    assert_one(&errors, "types.Self", "Rust keyword");
}

#[test]
fn required_fields_struct_name_taken_by_a_type() {
    let errors = errors_of(&action(
        "parameters:\n  - {name: tag, type: Tag}\ntypes:\n  Tag:\n    struct:\n      - {name: a, type: string, required: true}\n      - {name: b, type: string, required: true}\n      - {name: c, type: string, required: true}\n  TagRequired:\n    struct:\n      - {name: a, type: string}\n",
    ));
    assert_one(
        &errors,
        "types.Tag",
        "generated struct of Tag's required fields",
    );
}

#[test]
fn action_type_named_like_a_generated_type() {
    let errors = errors_of(&action(
        "parameters:\n  - {name: x, type: DoItRequired}\ntypes:\n  DoItRequired: {enum: integer, values: [{name: A, value: 0}]}\n",
    ));
    assert_one(&errors, "types.DoItRequired", "taken by a generated type");
}

#[test]
fn file_name_must_match_the_action() {
    let result = load_sources(
        (Path::new("specs/service.yaml"), SERVICE),
        &[(Path::new("specs/Other.yaml"), action(GOOD_PARAMS).as_str())],
    );
    let errors = result.err().map(|e| e.0).unwrap_or_default();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].message.contains("must be named `DoIt.yaml`"),
        "{}",
        errors[0]
    );
}

#[test]
fn local_type_shadowing_a_service_type() {
    let service =
        format!("{SERVICE}types:\n  Tag:\n    struct:\n      - {{name: key, type: string}}\n");
    let errors = errors_with_service(
        &service,
        &action("parameters:\n  - {name: tag, type: Tag}\ntypes:\n  Tag:\n    struct:\n      - {name: key, type: string}\n"),
    );
    assert_one(&errors, "types.Tag", "also a type of service.yaml");
}

#[test]
fn upper_case_parameter_names_are_the_common_parameters() {
    let errors = errors_of(&action("parameters:\n  - {name: Region, type: string}\n"));
    assert_one(&errors, "parameters.Region", "common parameters");
}

#[test]
fn field_named_like_a_default_accessor() {
    let errors = errors_of(&action(
        "parameters:\n  - {name: limit, type: integer, default: 20}\n  - {name: limitOrDefault, type: integer}\n",
    ));
    assert_one(&errors, "parameters.limitOrDefault", "generated accessor");
}

#[test]
fn action_named_like_a_client_method() {
    let result = load_sources(
        (Path::new("specs/service.yaml"), SERVICE),
        &[(
            Path::new("specs/Execute.yaml"),
            "action: Execute\ndoc: Runs.\n",
        )],
    );
    let errors = result.err().map(|e| e.0).unwrap_or_default();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].message.contains("`execute` is taken"),
        "{}",
        errors[0]
    );
}

#[test]
fn an_action_rust_name_is_upper_camel_case() {
    let errors = errors_of(&action("rustName: do_it\n"));
    assert_one(&errors, "rustName", "not an UpperCamelCase name");
    assert!(errors_of(&action("rustName: DoItWell\n")).is_empty());
}
