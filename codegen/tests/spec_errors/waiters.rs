//! Waiters: their names, docs, paths through the output and the values they match.

use super::*;

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
