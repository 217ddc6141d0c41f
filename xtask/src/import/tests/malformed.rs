//! Errors on malformed inputs: each names the file and where in it.

use super::*;

/// Builds from the fixture with one input replaced (or, for `examples.json`, added) by `text`;
/// the errors, as text.
pub(super) fn errors_with(input: &str, text: &str) -> String {
    let dir = scratch("bad");
    let path = dir.join(input);
    std::fs::write(&path, text).unwrap();
    let mut options = options(&dir);
    match input {
        "api.json" => options.api_json = path,
        "errorcodes.py" => options.error_codes = path,
        "client.go" => options.client = Some(path),
        "examples.json" => {
            options.examples = Some(path);
            options.examples_from = Some("fixture-cli 1.0".to_owned());
        }
        _ => options.overlay = path,
    }
    match build(&options) {
        Ok(_) => panic!("{input} was accepted"),
        Err(errors) => errors.to_string(),
    }
}

/// The fixture's api.json with `edit` applied to its JSON.
fn api_json_with(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let text = std::fs::read_to_string(fixture("api.json")).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    edit(&mut value);
    serde_json::to_string_pretty(&value).unwrap()
}

#[test]
fn bad_json_names_the_file() {
    let message = errors_with("api.json", "{\"actions\": {");
    assert_names(&message, &["api.json", "not a valid description", "line 1"]);
    let message = errors_with("api.json", "{\"actions\": {}, \"objects\": {}}");
    assert_names(&message, &["api.json", "metadata"]);
}

#[test]
fn an_unknown_type_names_the_action_and_member() {
    let text = api_json_with(|v| {
        v["objects"]["ResizeWidgetRequest"]["members"][2]["member"] = "int128".into()
    });
    let message = errors_with("api.json", &text);
    assert_names(
        &message,
        &[
            "api.json",
            "action ResizeWidget",
            "member Size",
            "unknown type `int`/`int128`",
        ],
    );
    let text = api_json_with(|v| v["objects"]["Widget"]["members"][0]["type"] = "timestamp".into());
    let message = errors_with("api.json", &text);
    assert_names(
        &message,
        &["object Widget", "member WidgetId", "unknown type"],
    );
}

#[test]
fn a_member_of_an_unknown_object_names_the_object_and_member() {
    let text = api_json_with(|v| v["objects"]["Widget"]["members"][3]["member"] = "Gadget".into());
    let message = errors_with("api.json", &text);
    assert_names(
        &message,
        &[
            "api.json",
            "object Widget",
            "member Settings",
            "`Gadget` is not an object",
        ],
    );
    let text = api_json_with(|v| {
        v["objects"]["DescribeWidgetsRequest"]["members"][1]["member"] = "Gadget".into()
    });
    let message = errors_with("api.json", &text);
    assert_names(
        &message,
        &["action DescribeWidgets", "member Filters", "`Gadget`"],
    );
    let text = api_json_with(|v| v["actions"]["UpgradeWidget"]["output"] = "NoSuchResponse".into());
    let message = errors_with("api.json", &text);
    assert_names(&message, &["action UpgradeWidget", "NoSuchResponse"]);
}

#[test]
fn other_malformed_inputs_are_errors() {
    let message = errors_with("errorcodes.py", "A = 'Fine'\nB = Unquoted\n");
    assert_names(&message, &["errorcodes.py", "line 2", "constant B"]);
    let message = errors_with("errorcodes.py", "# nothing\n");
    assert_names(&message, &["errorcodes.py", "no `NAME = 'Code'` constants"]);
    let message = errors_with("errorcodes.py", "A = 'Not a code!'\n");
    assert_names(&message, &["errorcodes.py", "line 1", "not an error code"]);

    let client = std::fs::read_to_string(fixture("client.go")).unwrap();
    let message = errors_with(
        "client.go",
        &client.replace(
            "func (c *Client) UpgradeWidget(",
            "func (c *Client) UpgradeGadget(",
        ),
    );
    assert_names(
        &message,
        &["client.go", "action UpgradeWidget", "method UpgradeGadget"],
    );
    let message = errors_with(
        "client.go",
        &client.replace(
            "//  INTERNALERROR = \"InternalError\"",
            "//  INTERNALERROR InternalError",
        ),
    );
    assert_names(
        &message,
        &[
            "client.go",
            "line 34 (method ResizeWidget)",
            "expected `CONSTANT = \"Code\"`",
        ],
    );

    let message = errors_with("overlay.yaml", "actions:\n  ResizeGadget:\n    doc: x\n");
    assert_names(
        &message,
        &["overlay.yaml", "actions.ResizeGadget: no such action"],
    );
    let message = errors_with(
        "overlay.yaml",
        "types:\n  Widget:\n    fields: {Colour: x}\n",
    );
    assert_names(&message, &["types.Widget.fields.Colour: no such field"]);
    let message = errors_with("overlay.yaml", "members:\n  Colour: x\n");
    assert_names(
        &message,
        &["members.Colour: no parameter, output or struct member has this name"],
    );
    let message = errors_with(
        "overlay.yaml",
        "actions:\n  ResizeWidget:\n    summary: x\n",
    );
    assert_names(
        &message,
        &["overlay.yaml", "not a valid overlay", "summary"],
    );
}

#[test]
fn bad_enums_name_the_overlay_entry() {
    let overlay = std::fs::read_to_string(fixture("overlay.yaml")).unwrap();
    let with = |edit: &str, by: &str| {
        assert!(overlay.contains(edit), "{edit}");
        errors_with("overlay.yaml", &overlay.replace(edit, by))
    };
    let message = with("ResizeWidgetRequest.Type", "ResizeWidgetRequest.Kind");
    assert_names(
        &message,
        &[
            "overlay.yaml",
            "enums.WidgetMode",
            "ResizeWidgetRequest.Kind",
            "no such member",
        ],
    );
    let message = with("ResizeWidgetRequest.Type", "ResizeWidgetRequest.Size");
    assert_names(
        &message,
        &[
            "enums.WidgetMode",
            "ResizeWidgetRequest.Size",
            "strings and lists of strings only",
        ],
    );
    let message = with("ResizeWidgetRequest.Type", "Widget");
    assert_names(&message, &["enums.WidgetMode", "`<Object>.<Member>`"]);
    let message = with(", name: Dot", "");
    assert_names(
        &message,
        &["enums.WidgetMode", "value \".\"", "give `name:`"],
    );
    let message = with("{value: slow-ish}", "{value: FAST_AND_LOUD}");
    assert_names(&message, &["enums.WidgetMode", "listed twice"]);
    let message = with(
        "    members: [WidgetSettings.Mode,",
        "    members: [WidgetSettings.Mode]\n  Other:\n    values: [{value: A}]\n    members: [WidgetSettings.Mode,",
    );
    assert_names(
        &message,
        &[
            "enums.WidgetMode",
            "WidgetSettings.Mode is also a member of enums.Other",
        ],
    );
    let message = with("  WidgetMode:", "  Widget:");
    assert_names(&message, &["enums.Widget", "not usable as an enum's name"]);
}
