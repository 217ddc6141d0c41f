//! The rules of the API 3.0 protocol (`tencentcloud-v3`): each has a case here, and a good API
//! 3.0 spec renders for the `crate::v3` runtime.

use qcloud_as_codegen::{load_sources, render, SpecError};
use std::path::Path;

const SERVICE: &str = "
service: Fixture
protocol: tencentcloud-v3
apiVersion: \"2020-01-01\"
signingName: fx
host: fx.tencentcloudapi.com
path: /
commonErrors:
  - {code: InvalidParameter, variant: InvalidParameter, doc: A parameter is wrong.}
  - {code: ResourceNotFound, variant: ResourceNotFound, doc: No such resource.}
";

const ACTION: &str = "
action: DoIt
doc: Does it.
reference: https://example.com/DoIt
parameters:
  - {name: GroupId, type: string, required: true, doc: The group.}
  - {name: Force, type: boolean, doc: Whether to force it.}
  - {name: Ratio, type: float, doc: A ratio.}
  - {name: Grid, type: list<list<integer>>, doc: Lists of lists are JSON.}
output:
  - {name: RequestId, type: string, required: true, doc: The request.}
errors:
  - {code: ResourceNotFound.GroupNotFound, doc: No such group.}
";

fn load(service: &str, action: &str) -> Result<qcloud_as_codegen::model::Service, Vec<SpecError>> {
    load_sources(
        (Path::new("specs/service.yaml"), service),
        &[(Path::new("specs/DoIt.yaml"), action)],
    )
    .map_err(|e| e.0)
}

fn errors(service: &str, action: &str) -> Vec<SpecError> {
    load(service, action).err().unwrap_or_default()
}

/// Asserts exactly one error at `field` whose message holds `needle`.
fn assert_one(errors: &[SpecError], field: &str, needle: &str) {
    assert_eq!(errors.len(), 1, "expected one error, got {errors:#?}");
    assert_eq!(errors[0].field, field, "{}", errors[0]);
    assert!(
        errors[0].message.contains(needle),
        "message {:?} lacks {needle:?}",
        errors[0].message
    );
}

#[test]
fn a_good_api_3_spec_renders_for_the_v3_runtime() {
    let service = match load(SERVICE, ACTION) {
        Ok(service) => service,
        Err(e) => panic!("{e:#?}"),
    };
    let files = render(&service);
    let action = files.get("operation/do_it.rs").map_or("", String::as_str);
    assert!(
        action.contains("impl crate::v3::Operation for DoItRequest"),
        "{action}"
    );
    assert!(
        action.contains("pub force: ::std::option::Option<bool>"),
        "{action}"
    );
    assert!(action.contains("crate::shape::Float"), "{action}");
    assert!(
        action.contains("crate::v3::ServiceError::answer(\"ResourceNotFound.GroupNotFound\""),
        "{action}"
    );
    let root = files.get("mod.rs").map_or("", String::as_str);
    assert!(
        root.contains("api_version: ::std::option::Option::Some(\"2020-01-01\")"),
        "{root}"
    );
    let error = files.get("error.rs").map_or("", String::as_str);
    assert!(
        error.contains("(\"ResourceNotFound\", Self::ResourceNotFound)"),
        "{error}"
    );
}

#[test]
fn api_3_needs_its_version_and_signing_name() {
    let service = SERVICE.replace("apiVersion: \"2020-01-01\"\n", "");
    let found = errors(&service, ACTION);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].field, "apiVersion");
    let service = SERVICE.replace("signingName: fx\n", "signingName: \"f x\"\n");
    let found = errors(&service, ACTION);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].field, "signingName");
}

#[test]
fn api_2_has_no_version_header() {
    let service = "
service: Fixture
protocol: qcloud-v2
apiVersion: \"2020-01-01\"
host: fixture.api.qcloud.com
path: /v2/index.php
";
    let found = errors(service, "action: DoIt\ndoc: x\n");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].message.contains("has no `apiVersion`"),
        "{}",
        found[0]
    );
}

#[test]
fn api_3_codes_are_dotted_names() {
    let service = SERVICE.replace("code: InvalidParameter,", "code: 4000,");
    let found = errors(&service, ACTION);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].message.contains("dotted names"), "{}", found[0]);
    let action = ACTION.replace("ResourceNotFound.GroupNotFound", "ResourceNotFound..Group");
    assert_one(
        &errors(SERVICE, &action),
        "errors.ResourceNotFound..Group.code",
        "is not an API 3.0 error code",
    );
}

#[test]
fn api_3_errors_have_no_code_desc() {
    let action = ACTION.replace(
        "{code: ResourceNotFound.GroupNotFound,",
        "{code: ResourceNotFound.GroupNotFound, codeDesc: X,",
    );
    assert_one(
        &errors(SERVICE, &action),
        "errors.X.codeDesc",
        "no `codeDesc`",
    );
}

/// An API 3.0 action with a list of groups whose `Status` is a string enum, and `waiter`
/// (the lines under the waiter's name `Idle`).
fn with_waiter(waiter: &str) -> String {
    format!(
        "{ACTION}types:
  Group:
    struct:
      - {{name: Status, type: Status, required: true}}
  Status:
    enum: string
    values:
      - {{name: Idle, value: NOT_BUSY}}
      - {{name: Busy, value: BUSY}}
      - {{name: NotBusy, value: Idle}}
      - {{name: Lost, value: LOST}}
waiters:
  Idle:
{waiter}"
    )
    .replace(
        "output:\n",
        "output:\n  - {name: GroupSet, type: list<Group>, required: true, doc: The groups.}\n",
    )
}

#[test]
fn api_3_waiters_render_for_the_v3_client_and_match_wire_values() {
    let action = with_waiter(
        "    doc: Waits until idle.\n    path: GroupSet.Status\n    success: {all: [NOT_BUSY]}\n    failure: {any: [LOST, Busy]}\n",
    );
    let service = match load(SERVICE, &action) {
        Ok(service) => service,
        Err(e) => panic!("{e:#?}"),
    };
    let files = render(&service);
    let code = files.get("operation/do_it.rs").map_or("", String::as_str);
    for part in [
        "impl crate::waiter::Condition for Idle",
        "type Client = crate::v3::Client;",
        "impl crate::v3::Client {",
        "pub fn wait_until_idle(",
        // A wire value and a variant name alike give the variant.
        "**v == Status::Idle",
        "**v == Status::Lost || **v == Status::Busy",
        // The docs speak as the spec does.
        "every `GroupSet.Status` is `NOT_BUSY`",
        "[`Client::do_it`](crate::v3::Client::do_it)",
    ] {
        assert!(code.contains(part), "{part} in {code}");
    }
}

#[test]
fn an_api_3_waiter_value_is_a_name_or_a_wire_value_and_not_both() {
    let unknown =
        with_waiter("    doc: x\n    path: GroupSet.Status\n    success: {all: [ASLEEP]}\n");
    assert_one(
        &errors(SERVICE, &unknown),
        "waiters.Idle.success",
        "`ASLEEP` is not a value of `Status` (Idle (NOT_BUSY), Busy (BUSY), NotBusy (Idle)",
    );
    // `Idle` names one variant and is the wire value of another.
    let ambiguous =
        with_waiter("    doc: x\n    path: GroupSet.Status\n    success: {all: [Idle]}\n");
    assert_one(
        &errors(SERVICE, &ambiguous),
        "waiters.Idle.success",
        "`Idle` is ambiguous in `Status`: the name of `Idle` and the wire value of `NotBusy`",
    );
}
