//! A bad spec is rejected with an error naming the file, the action and the field. Each rule of
//! the spec format has a case here.

use qcloud_as_codegen::{load_sources, SpecError};
use std::path::Path;

const SERVICE: &str = "
service: Fixture
protocol: qcloud-v2
host: fixture.api.qcloud.com
path: /v2/index.php
commonErrors:
  - {code: 4000, variant: InvalidParameter, doc: A parameter is wrong.}
";

const GOOD_PARAMS: &str = "
parameters:
  - {name: groupId, type: string, required: true, doc: The group.}
";

fn action(body: &str) -> String {
    format!("action: DoIt\ndoc: Does it.\n{body}")
}

/// Loads one action file named `DoIt.yaml` and returns its errors.
fn errors_of(action_text: &str) -> Vec<SpecError> {
    errors_with_service(SERVICE, action_text)
}

fn errors_with_service(service: &str, action_text: &str) -> Vec<SpecError> {
    let result = load_sources(
        (Path::new("specs/service.yaml"), service),
        &[(Path::new("specs/DoIt.yaml"), action_text)],
    );
    match result {
        Ok(_) => Vec::new(),
        Err(errors) => errors.0,
    }
}

/// Asserts exactly one error, in `DoIt.yaml` of action `DoIt`, at `field`, whose message holds
/// `needle`; returns its rendering.
fn assert_one(errors: &[SpecError], field: &str, needle: &str) -> String {
    assert_eq!(errors.len(), 1, "expected one error, got {errors:#?}");
    let e = &errors[0];
    assert_eq!(e.file, Path::new("specs/DoIt.yaml"), "{e}");
    assert_eq!(e.action.as_deref(), Some("DoIt"), "{e}");
    assert_eq!(e.field, field, "{e}");
    assert!(
        e.message.contains(needle),
        "message {:?} lacks {needle:?}",
        e.message
    );
    let shown = e.to_string();
    assert!(
        shown.starts_with("specs/DoIt.yaml: action DoIt: "),
        "{shown}"
    );
    shown
}

#[test]
fn a_good_spec_loads() {
    assert!(errors_of(&action(GOOD_PARAMS)).is_empty());
}

#[test]
fn unknown_type() {
    let errors = errors_of(&action(
        "parameters:\n  - {name: groupId, type: strnig, doc: x}\n",
    ));
    assert_one(&errors, "parameters.groupId.type", "unknown type `strnig`");
}

#[test]
fn unknown_type_inside_a_list() {
    let errors = errors_of(&action(
        "parameters:\n  - {name: groupIds, type: list<Group>, doc: x}\n",
    ));
    assert_one(&errors, "parameters.groupIds.type", "unknown type `Group`");
}

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
fn required_parameter_with_a_default() {
    let errors = errors_of(&action(
        "parameters:\n  - {name: limit, type: integer, required: true, default: 20}\n",
    ));
    assert_one(
        &errors,
        "parameters.limit.default",
        "a required field cannot have a default",
    );
}

#[test]
fn default_of_the_wrong_type() {
    let errors = errors_of(&action(
        "parameters:\n  - {name: limit, type: integer, default: many}\n",
    ));
    assert_one(&errors, "parameters.limit.default", "does not fit the type");
}

#[test]
fn enum_default_that_is_not_a_value() {
    let errors = errors_of(&action(
        "parameters:\n  - {name: keep, type: Keep, default: Maybe}\ntypes:\n  Keep:\n    enum: integer\n    values: [{name: No, value: 0}, {name: Yes, value: 1}]\n",
    ));
    assert_one(
        &errors,
        "parameters.keep.default",
        "`Maybe` is not a value of `Keep`",
    );
}

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
fn constraints_on_the_wrong_type() {
    let errors = errors_of(&action(
        "parameters:\n  - {name: groupId, type: string, minItems: 1}\n",
    ));
    assert_one(&errors, "parameters.groupId", "apply to lists only");
    let errors = errors_of(&action(
        "parameters:\n  - {name: n, type: string, max: 3}\n",
    ));
    assert_one(&errors, "parameters.n", "apply to integers only");
    let errors = errors_of(&action(
        "parameters:\n  - {name: n, type: integer, maxLength: 3}\n",
    ));
    assert_one(&errors, "parameters.n", "apply to strings only");
}

#[test]
fn impossible_range() {
    let errors = errors_of(&action(
        "parameters:\n  - {name: n, type: integer, min: 5, max: 1}\n",
    ));
    assert_one(&errors, "parameters.n", "min > max");
}

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
fn a_type_serves_parameters_and_outputs_alike() {
    let errors = errors_of(&action(
        "parameters:\n  - {name: tag, type: Tag}\n  - {name: mode, type: Mode}\noutput:\n  - {name: tag, type: Tag, required: true}\n  - {name: mode, type: Mode}\ntypes:\n  Tag:\n    struct:\n      - {name: key, type: string}\n  Mode: {enum: integer, values: [{name: A, value: 0}]}\n",
    ));
    assert!(errors.is_empty(), "{errors:#?}");
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
fn unknown_is_the_variant_of_unlisted_values() {
    let errors = errors_of(&action(
        "parameters:\n  - {name: mode, type: Mode}\ntypes:\n  Mode: {enum: integer, values: [{name: Unknown, value: 0}]}\n",
    ));
    assert_one(
        &errors,
        "types.Mode.values.Unknown",
        "values the spec does not list",
    );
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
fn duplicate_common_codes_are_named_in_the_service_file() {
    let service = format!("{SERVICE}  - {{code: 4000, variant: Other, doc: again}}\n");
    let errors = errors_with_service(&service, &action(GOOD_PARAMS));
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].file, Path::new("specs/service.yaml"));
    assert_eq!(errors[0].field, "commonErrors.4000");
}

#[test]
fn every_error_is_reported_not_only_the_first() {
    let errors = errors_of(&action(
        "parameters:\n  - {name: a, type: nope}\n  - {name: type, type: string}\n",
    ));
    assert_eq!(errors.len(), 2, "{errors:#?}");
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
fn default_outside_the_constraints() {
    let errors = errors_of(&action(
        "parameters:\n  - {name: limit, type: integer, default: 500, max: 200}\n",
    ));
    assert_one(&errors, "parameters.limit.default", "outside min/max");
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
fn explicit_error_variant_must_be_upper_camel_case() {
    let errors = errors_of(&action(
        "errors:\n  - {code: 4000, codeDesc: A.B, variant: not_camel, doc: x}\n",
    ));
    assert_one(&errors, "errors.A.B", "UpperCamelCase");
}

#[test]
fn a_json_document_takes_no_constraints() {
    let errors = errors_of(&action(
        "parameters:\n  - {name: doc, type: json<Tag>, maxLength: 10}\ntypes:\n  Tag:\n    struct:\n      - {name: key, type: string}\n",
    ));
    assert_one(&errors, "parameters.doc", "takes no constraints");
    let errors = errors_of(&action(
        "parameters:\n  - {name: doc, type: json<json<Tag>>}\ntypes:\n  Tag:\n    struct:\n      - {name: key, type: string}\n",
    ));
    assert_one(&errors, "parameters.doc.type", "inside a JSON document");
}

#[test]
fn paging_fields_must_have_the_paging_types() {
    let errors = errors_of(&action(
        "pages: {offset: offset, limit: limit, total: total, items: items}\nparameters:\n  - {name: offset, type: integer}\n  - {name: limit, type: string}\noutput:\n  - {name: total, type: integer, required: true}\n  - {name: items, type: list<string>}\n",
    ));
    assert_one(
        &errors,
        "pages.limit",
        "`limit` must be an optional integer field",
    );
    let errors = errors_of(&action(
        "pages: {offset: offset, limit: limit, total: total, items: itemz}\nparameters:\n  - {name: offset, type: integer}\n  - {name: limit, type: integer}\noutput:\n  - {name: total, type: integer, required: true}\n  - {name: items, type: list<string>}\n",
    ));
    assert_one(
        &errors,
        "pages.items",
        "`itemz` must be a list field of the output",
    );
}

#[test]
fn an_action_rust_name_is_upper_camel_case() {
    let errors = errors_of(&action("rustName: do_it\n"));
    assert_one(&errors, "rustName", "not an UpperCamelCase name");
    assert!(errors_of(&action("rustName: DoItWell\n")).is_empty());
}

// Waiters.

/// An action whose output has a list of structs (with an enum, an optional string and a
/// nested struct), a plain integer, and a waiter written in `waiter` (the lines under its name).
fn with_waiter(name: &str, waiter: &str) -> String {
    action(&format!(
        "output:
  - {{name: count, type: integer, required: true}}
  - {{name: items, type: list<Item>}}
types:
  Item:
    struct:
      - {{name: state, type: State, required: true}}
      - {{name: note, type: string}}
      - {{name: inner, type: Inner}}
  Inner:
    struct:
      - {{name: level, type: integer}}
  State:
    enum: integer
    values:
      - {{name: Busy, value: 1}}
      - {{name: Idle, value: 0}}
waiters:
  {name}:
{waiter}"
    ))
}

const GOOD_WAITER: &str = "    doc: Waits until idle.
    path: items.state
    success: {all: [Idle]}
    failure: {any: [Busy]}
";

#[test]
fn a_good_waiter_loads() {
    let errors = errors_of(&with_waiter("Idle", GOOD_WAITER));
    assert!(errors.is_empty(), "{errors:#?}");
    // Into an optional struct of a list item, and a plain integer, and strings.
    for waiter in [
        "    doc: x\n    path: items.inner.level\n    success: {any: [3, -1]}\n",
        "    doc: x\n    path: count\n    success: {all: [0]}\n    minDelay: 1\n    maxDelay: 1\n    maxWait: 1\n",
        "    doc: x\n    path: items.note\n    success: {all: [done]}\n    failure: {any: [lost]}\n",
    ] {
        let errors = errors_of(&with_waiter("Done", waiter));
        assert!(errors.is_empty(), "{waiter}: {errors:#?}");
    }
}

#[test]
fn a_waiter_name_is_upper_camel_case() {
    let errors = errors_of(&with_waiter("not_camel", GOOD_WAITER));
    assert_one(&errors, "waiters.not_camel", "not an UpperCamelCase name");
}

#[test]
fn a_waiter_name_is_not_taken_by_a_type() {
    let errors = errors_of(&with_waiter("Item", GOOD_WAITER));
    assert_one(&errors, "waiters.Item", "taken by a type");
    let errors = errors_of(&with_waiter("DoItOutput", GOOD_WAITER));
    assert_one(&errors, "waiters.DoItOutput", "taken by a type");
}

#[test]
fn waiter_methods_do_not_collide_across_actions() {
    let other = "action: Other\ndoc: Other.\noutput:\n  - {name: count, type: integer, required: true}\nwaiters:\n  Idle:\n    doc: x\n    path: count\n    success: {all: [0]}\n";
    let result = load_sources(
        (Path::new("specs/service.yaml"), SERVICE),
        &[
            (
                Path::new("specs/DoIt.yaml"),
                with_waiter("Idle", GOOD_WAITER).as_str(),
            ),
            (Path::new("specs/Other.yaml"), other),
        ],
    );
    let errors = result.err().map(|e| e.0).unwrap_or_default();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].file, Path::new("specs/Other.yaml"));
    assert_eq!(errors[0].field, "waiters.Idle");
    assert!(
        errors[0].message.contains("`wait_until_idle` is already"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_waiter_method_is_not_an_action_method() {
    let result = load_sources(
        (Path::new("specs/service.yaml"), SERVICE),
        &[
            (
                Path::new("specs/DoIt.yaml"),
                with_waiter("Idle", GOOD_WAITER).as_str(),
            ),
            (
                Path::new("specs/WaitUntilIdle.yaml"),
                "action: WaitUntilIdle\ndoc: An unlucky name.\n",
            ),
        ],
    );
    let errors = result.err().map(|e| e.0).unwrap_or_default();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].field, "waiters.Idle");
    assert!(
        errors[0]
            .message
            .contains("is already the method of action `WaitUntilIdle`"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_waiter_needs_a_doc() {
    let errors = errors_of(&with_waiter(
        "Idle",
        "    path: items.state\n    success: {all: [Idle]}\n",
    ));
    assert_one(&errors, "waiters.Idle", "needs a `doc`");
}

#[test]
fn a_waiter_path_names_output_fields() {
    let errors = errors_of(&with_waiter(
        "Idle",
        "    doc: x\n    path: \"\"\n    success: {all: [Idle]}\n",
    ));
    assert_one(&errors, "waiters.Idle.path", "the path is empty");
    let errors = errors_of(&with_waiter(
        "Idle",
        "    doc: x\n    path: items.status\n    success: {all: [Idle]}\n",
    ));
    let shown = assert_one(
        &errors,
        "waiters.Idle.path",
        "`status` is not a field of `Item`",
    );
    assert!(shown.contains("state, note, inner"), "{shown}");
    let errors = errors_of(&with_waiter(
        "Idle",
        "    doc: x\n    path: total\n    success: {all: [0]}\n",
    ));
    assert_one(
        &errors,
        "waiters.Idle.path",
        "`total` is not a field of the output",
    );
}

#[test]
fn a_waiter_path_does_not_go_through_a_scalar() {
    let errors = errors_of(&with_waiter(
        "Idle",
        "    doc: x\n    path: count.value\n    success: {all: [0]}\n",
    ));
    assert_one(&errors, "waiters.Idle.path", "`count` is not a struct");
}

#[test]
fn a_waiter_path_ends_at_a_scalar() {
    let errors = errors_of(&with_waiter(
        "Idle",
        "    doc: x\n    path: items\n    success: {all: [Idle]}\n",
    ));
    assert_one(
        &errors,
        "waiters.Idle.path",
        "must end at an integer, a string or an enum",
    );
}

#[test]
fn a_matcher_is_all_or_any() {
    let errors = errors_of(&with_waiter(
        "Idle",
        "    doc: x\n    path: items.state\n    success: {all: [Idle], any: [Busy]}\n",
    ));
    assert_one(&errors, "waiters.Idle.success", "exactly one of");
    let errors = errors_of(&with_waiter(
        "Idle",
        "    doc: x\n    path: items.state\n    success: {}\n",
    ));
    assert_one(&errors, "waiters.Idle.success", "exactly one of");
}

#[test]
fn a_matcher_lists_values() {
    let errors = errors_of(&with_waiter(
        "Idle",
        "    doc: x\n    path: items.state\n    success: {all: []}\n",
    ));
    assert_one(
        &errors,
        "waiters.Idle.success",
        "the list of values is empty",
    );
    let errors = errors_of(&with_waiter(
        "Idle",
        "    doc: x\n    path: items.state\n    success: {any: [Idle, Idle]}\n",
    ));
    assert_one(&errors, "waiters.Idle.success", "listed twice");
}

#[test]
fn matcher_values_fit_the_path_type() {
    let errors = errors_of(&with_waiter(
        "Idle",
        "    doc: x\n    path: items.state\n    success: {all: [Asleep]}\n",
    ));
    assert_one(
        &errors,
        "waiters.Idle.success",
        "`Asleep` is not a value of `State` (Busy (1), Idle (0))",
    );
    let errors = errors_of(&with_waiter(
        "Idle",
        "    doc: x\n    path: count\n    success: {all: [zero]}\n",
    ));
    assert_one(
        &errors,
        "waiters.Idle.success",
        "does not fit the path's type",
    );
    let errors = errors_of(&with_waiter(
        "Idle",
        "    doc: x\n    path: items.state\n    success: {all: [Idle]}\n    failure: {any: [1]}\n",
    ));
    assert_one(
        &errors,
        "waiters.Idle.failure",
        "for an enum, give a value's name",
    );
}

#[test]
fn a_value_is_not_both_success_and_failure() {
    let errors = errors_of(&with_waiter(
        "Idle",
        "    doc: x\n    path: items.state\n    success: {all: [Idle]}\n    failure: {any: [Busy, Idle]}\n",
    ));
    assert_one(
        &errors,
        "waiters.Idle.failure",
        "`Idle` is listed for success too",
    );
}

#[test]
fn waiter_delays_are_ordered() {
    let errors = errors_of(&with_waiter(
        "Idle",
        &format!("{GOOD_WAITER}    minDelay: 0\n"),
    ));
    assert_one(&errors, "waiters.Idle.minDelay", "at least 1 second");
    let errors = errors_of(&with_waiter(
        "Idle",
        &format!("{GOOD_WAITER}    minDelay: 60\n"),
    ));
    assert_one(&errors, "waiters.Idle.minDelay", "60 is above maxDelay 30");
    let errors = errors_of(&with_waiter(
        "Idle",
        &format!("{GOOD_WAITER}    maxDelay: 60\n    maxWait: 59\n"),
    ));
    assert_one(&errors, "waiters.Idle.maxDelay", "60 is above maxWait 59");
}

#[test]
fn a_waiter_takes_no_unknown_keys() {
    let errors = errors_of(&with_waiter(
        "Idle",
        &format!("{GOOD_WAITER}    retries: 3\n"),
    ));
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].message.contains("unknown field `retries`"),
        "{}",
        errors[0]
    );
}
