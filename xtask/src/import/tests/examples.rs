//! The official examples (`--examples`): members required on output that an example answer
//! omits or gives as `null` are not required; nothing else changes.

use super::malformed::errors_with;
use super::*;

fn with_examples(out: &Path) -> Options {
    let mut options = options(out);
    options.examples = Some(fixture("examples.json"));
    options.examples_from = Some("fixture-cli 1.0".to_owned());
    options
}

#[test]
fn members_that_examples_lack_are_not_required() {
    let without = fixture_build(&options(&scratch("unused"))).unwrap();
    let with = fixture_build(&with_examples(&scratch("unused"))).unwrap();
    assert_eq!(with.counts, without.counts);
    assert_eq!(
        with.files.keys().collect::<Vec<_>>(),
        without.files.keys().collect::<Vec<_>>()
    );

    // The headers name the examples; of the rest, only the lacking members' lines change.
    let mut changed = Vec::new();
    for (name, text) in &with.files {
        let before = &without.files[name];
        let (header, body) = text.split_once('\n').unwrap();
        let (old_header, old_body) = before.split_once('\n').unwrap();
        assert_eq!(
            header,
            old_header.replace(
                "fixture-cli 1.0 (api.json), ",
                "fixture-cli 1.0 (api.json), fixture-cli 1.0 (examples.json: members its answers \
                 lack are not required), "
            ),
            "{name}"
        );
        assert_eq!(body.lines().count(), old_body.lines().count(), "{name}");
        for (new, old) in body.lines().zip(old_body.lines()) {
            if new != old {
                changed.push((name.as_str(), old.to_owned(), new.to_owned()));
            }
        }
    }
    let why = "  # not required: the description requires it, but examples of DescribeWidgets";
    let expected = [
        // A member of a list's items given as `null` (`WidgetSet[0]`).
        (
            "      - {name: Scores, type: list<float>, required: true, doc: \"Scores.\"}",
            format!("      - {{name: Scores, type: list<float>, doc: \"Scores.\"}}{why} give it as null"),
        ),
        // One that an example omits (`WidgetSet[1]`).
        (
            "      - {name: Counts, type: list<integer>, required: true, min: 0, doc: \"Counts.\"}",
            format!("      - {{name: Counts, type: list<integer>, min: 0, doc: \"Counts.\"}}{why} omit it"),
        ),
        // A member of an object in a list's items (`WidgetSet[1].Settings`), of a `usage:
        // both` structure.
        (
            "      - {name: Mode, type: WidgetMode, required: true, doc: \"Mode.\"}",
            format!("      - {{name: Mode, type: WidgetMode, doc: \"Mode.\"}}{why} give it as null"),
        ),
    ];
    let expected: Vec<(&str, String, String)> = expected
        .into_iter()
        .map(|(old, new)| ("service.yaml", old.to_owned(), new))
        .collect();
    assert_eq!(changed, expected);

    let notes = with.notes.join("\n");
    for part in [
        "examples.json: Widget.Counts is not required: the description requires it on output, \
         but DescribeWidgets example 1 omits it",
        "examples.json: Widget.Scores is not required: the description requires it on output, \
         but DescribeWidgets example 1 gives it as null",
        "examples.json: WidgetSettings.Mode is not required (on input too: the structure goes \
         both ways): the description requires it on output, but DescribeWidgets example 1 gives \
         it as null",
        "examples.json: members the description does not have (ignored): \
         ResizeWidgetResponse.Extra",
    ] {
        assert!(notes.contains(part), "{part:?} not in:\n{notes}");
    }
    // One line per member made optional.
    assert_eq!(notes.matches("is not required").count(), 3, "{notes}");

    // The files load in the codegen, comments and all.
    let dir = scratch("examples-codegen");
    for (name, text) in &with.files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    if let Err(errors) = qcloud_as_codegen::generate(&dir) {
        panic!("{errors}");
    }
}

#[test]
fn examples_give_the_same_bytes_again() {
    let out = scratch("examples-again");
    let first = import(&with_examples(&out)).unwrap();
    assert_eq!(first.touched.len(), first.files.len());
    let second = import(&with_examples(&out)).unwrap();
    assert!(second.touched.is_empty(), "{:?}", second.touched);
    assert_eq!(second.files, first.files);
}

#[test]
fn lacking_members_are_described_by_example() {
    use super::super::convert::examples::Lacking;
    let id = |action: &str, n| (action.to_owned(), n);
    let lacking = Lacking {
        absent: [id("A", 1), id("A", 3), id("B", 2)].into_iter().collect(),
        null: [id("C", 1)].into_iter().collect(),
    };
    assert_eq!(
        lacking.describe(true),
        "A examples 1 and 3 and B example 2 omit it and C example 1 gives it as null"
    );
    assert_eq!(
        lacking.describe(false),
        "examples of A and B omit it and examples of C give it as null"
    );
}

#[test]
fn malformed_examples_are_errors() {
    let example = |output: &str| {
        let list = serde_json::json!([{"title": "t", "output": output}]);
        serde_json::json!({"actions": {"DescribeWidgets": list}}).to_string()
    };
    let message = errors_with("examples.json", "{\"actions\": [");
    assert_names(&message, &["examples.json", "not a valid examples file"]);
    let message = errors_with("examples.json", &example("{\"Response\": "));
    assert_names(
        &message,
        &[
            "examples.json",
            "action DescribeWidgets, example 1",
            "not JSON",
        ],
    );
    let message = errors_with("examples.json", &example("{\"WidgetSet\": []}"));
    assert_names(&message, &["example 1", "not `{\"Response\": {…}}`"]);
    let text = serde_json::json!({"actions": {"DescribeGadgets": []}}).to_string();
    let message = errors_with("examples.json", &text);
    assert_names(&message, &["action DescribeGadgets", "no such action"]);
}

#[test]
fn other_shapes_and_unchanged_imports_are_noted() {
    let notes_of = |output: serde_json::Value| {
        let dir = scratch("examples-notes");
        let path = dir.join("examples.json");
        let list = serde_json::json!([{"output": output.to_string()}]);
        let text =
            serde_json::json!({"actions": {"ResizeWidget": list.clone(), "DescribeWidgets": list}});
        std::fs::write(&path, text.to_string()).unwrap();
        let mut options = with_examples(&dir);
        options.examples = Some(path);
        build(&options).unwrap().notes.join("\n")
    };
    let notes = notes_of(serde_json::json!({"Response": {
        "WidgetSet": [{"WidgetId": "wg-1", "Settings": "FAST"}, 7],
        "TotalCount": 2,
        "ActivityId": "wa-1",
        "RequestId": "req-1"
    }}));
    assert_names(
        &notes,
        &[
            "examples.json: values of another shape than the description's (not walked): \
             DescribeWidgets example 1 at Response.WidgetSet[0].Settings: not an object; \
             DescribeWidgets example 1 at Response.WidgetSet[1]: not an object",
            // Members of the other action's answer are unknown here, and the reverse.
            "ResizeWidgetResponse.TotalCount",
            "DescribeWidgetsResponse.ActivityId",
            // Absent where its object is present: made optional.
            "Widget.Scores is not required",
        ],
    );
    let notes = notes_of(serde_json::json!({"Response": {"TotalCount": "2"}}));
    assert_names(
        &notes,
        &["DescribeWidgetsResponse.WidgetSet is not required"],
    );
    assert!(
        !notes.contains("Widget.Scores"),
        "no item, nothing lacks: {notes}"
    );
    let notes = notes_of(serde_json::json!({"Response": {"Error": {"Code": "X"}}}));
    assert_names(
        &notes,
        &[
            "examples.json: every member the description requires on output is in every example \
           answer (nothing changed)",
        ],
    );
}
