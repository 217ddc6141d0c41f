//! Types, defaults and constraints: a type that does not exist, a default that does not fit,
//! constraints on the wrong type or that nothing can meet, paging fields.

use super::*;

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
fn a_type_serves_parameters_and_outputs_alike() {
    let errors = errors_of(&action(
        "parameters:\n  - {name: tag, type: Tag}\n  - {name: mode, type: Mode}\noutput:\n  - {name: tag, type: Tag, required: true}\n  - {name: mode, type: Mode}\ntypes:\n  Tag:\n    struct:\n      - {name: key, type: string}\n  Mode: {enum: integer, values: [{name: A, value: 0}]}\n",
    ));
    assert!(errors.is_empty(), "{errors:#?}");
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
fn default_outside_the_constraints() {
    let errors = errors_of(&action(
        "parameters:\n  - {name: limit, type: integer, default: 500, max: 200}\n",
    ));
    assert_one(&errors, "parameters.limit.default", "outside min/max");
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
