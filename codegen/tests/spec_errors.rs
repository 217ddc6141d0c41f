//! A bad spec is rejected with an error naming the file, the action and the field. Each rule of
//! the spec format has a case here, one file per kind of rule (`spec_errors/`); the helpers
//! they share are here.

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

#[path = "spec_errors/error_codes.rs"]
mod error_codes;
#[path = "spec_errors/file_format.rs"]
mod file_format;
#[path = "spec_errors/names.rs"]
mod names;
#[path = "spec_errors/types.rs"]
mod types;
#[path = "spec_errors/waiters.rs"]
mod waiters;
