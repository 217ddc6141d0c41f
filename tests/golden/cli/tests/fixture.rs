//! The generator's fixture service (`codegen/tests/fixtures/specs`, no Rust written for it) as a
//! command-line tool: the CLI golden files (`codegen/tests/fixtures/golden-cli`) compiled
//! against the fixture SDK (the SDK golden files), so they cannot rot, and its commands run
//! through the tool's runtime.
//!
//! The fixture SDK can only be compiled inside `qcloud-as`'s source (generated SDK code names
//! its runtime `crate::…`, adds methods to `crate::Client` and implements `qcloud-as`'s traits
//! for `qcloud-as`'s types, which coherence allows nowhere else). The test package
//! `qcloud-as-golden-sdk` builds that source with the fixture as `qcloud_as::golden_fixture`,
//! and this package builds the CLI's library against it; the CLI golden files name the SDK
//! `crate::sdk` and the runtime `crate::action`, so here they compile against it exactly as the
//! real ones compile against `qcloud-as` in the cli crate. Neither published crate carries the
//! fixture.

use qcloud_as::golden_fixture as sdk;
use qcloud_as_cli::action;

/// The fixture's commands: the generator's CLI golden files.
#[rustfmt::skip]
#[path = "../../../../codegen/tests/fixtures/golden-cli/mod.rs"]
mod commands;

use clap::ArgMatches;
use qcloud_as_cli::action::{request, Action};
use qcloud_as_cli::failure::Failure;
use sdk::operation::get_thing::GetThingRequest;
use sdk::operation::put_thing::{
    Inner, InnerRequired, Mode, Outer, PutThingRequest, PutThingRequired,
};
use sdk::types::{Color, Tag};

/// The fixture command's matches for `args`, and its action.
fn parse(args: &[&str]) -> (&'static Action, ArgMatches) {
    let command = qcloud_as_cli::app::command(commands::ACTIONS, &[]);
    let matches = match command.try_get_matches_from(["qcloud-as"].iter().chain(args)) {
        Ok(matches) => matches,
        Err(e) => panic!("{args:?}: {e}"),
    };
    let Some((name, sub)) = matches.subcommand() else {
        panic!("no subcommand in {args:?}");
    };
    let Some(action) = commands::ACTIONS.iter().find(|a| a.command == name) else {
        panic!("no action {name}");
    };
    (action, sub.clone())
}

#[test]
fn the_fixture_commands_are_well_formed() {
    qcloud_as_cli::app::command(commands::ACTIONS, &[]).debug_assert();
    let names: Vec<&str> = commands::ACTIONS.iter().map(|a| a.command).collect();
    assert_eq!(names, ["get-thing", "put-thing"]);
}

#[test]
fn every_spec_feature_of_the_fixture_builds_its_request_from_flags() {
    let (action, matches) = parse(&[
        "put-thing",
        "--thing-id",
        "thing-1",
        "--sizes",
        "1",
        "9",
        "--owner",
        "me",
        "--mode",
        "SLOW",
        "--type",
        "a keyword on the wire",
        "--tags",
        r#"{"key": "k", "value": "v"}"#,
        "--nested",
        r#"[{"inner": [{"port": 80, "weight": 3, "label": "web"}]}]"#,
    ]);
    let built = request::<PutThingRequest>(action, &matches);
    let expected = PutThingRequest::new(PutThingRequired {
        thing_id: "thing-1".into(),
        sizes: vec![1, 9],
        owner: "me".into(),
    })
    .mode(Mode::Slow)
    .kind("a keyword on the wire")
    .tags([Tag::new("k").value("v")])
    .nested([Outer::new([Inner::new(InnerRequired {
        port: 80,
        weight: 3,
        label: "web".into(),
    })])]);
    assert_eq!(built.ok(), Some(expected));

    // An enum by its wire value, a shared struct as JSON.
    let (action, matches) = parse(&[
        "get-thing",
        "--thing-id",
        "t",
        "--color",
        "blue",
        "--tag",
        r#"{"key": "k"}"#,
    ]);
    let built = request::<GetThingRequest>(action, &matches);
    assert_eq!(
        built.ok(),
        Some(
            GetThingRequest::new("t")
                .color(Color::Blue)
                .tag(Tag::new("k"))
        )
    );
}

#[test]
fn the_fixture_constraints_are_checked_naming_the_flag() {
    let base = ["put-thing", "--thing-id", "t", "--owner", "me"];
    let failure = |more: &[&str]| {
        let args: Vec<&str> = base.iter().chain(more).copied().collect();
        let (action, matches) = parse(&args);
        match request::<PutThingRequest>(action, &matches) {
            Err(Failure::Usage(message)) => message,
            other => panic!("{args:?}: {other:?}"),
        }
    };
    let message = failure(&["--sizes", "1", "10"]);
    assert!(message.starts_with("--sizes: "), "{message}");
    assert!(
        message.contains("`sizes.1` must be between 1 and 9, got 10"),
        "{message}"
    );
    let message = failure(&["--sizes", "1", "2", "3", "4"]);
    assert!(message.contains("at most 3 item(s)"), "{message}");
    let message = failure(&["--sizes", "1", "--tags", r#"{"key": ""}"#]);
    assert!(message.starts_with("--tags: "), "{message}");
    let message = failure(&[
        "--sizes",
        "1",
        "--nested",
        r#"{"inner": [{"port": 0, "weight": 1, "label": "x"}]}"#,
    ]);
    assert!(message.contains("nested.0.inner.0.port"), "{message}");
    let message = failure(&["--sizes", "1", "--nested", r#"{"inner": [{"port": 1}]}"#]);
    assert!(message.contains("missing field `weight`"), "{message}");
}

#[test]
fn the_fixture_skeletons_decode_as_their_requests() {
    for action in commands::ACTIONS {
        let (action, matches) = parse(&[action.command, "--cli-input-json", action.skeleton]);
        let decoded = match action.name {
            "GetThing" => request::<GetThingRequest>(action, &matches).map(|_| ()),
            _ => request::<PutThingRequest>(action, &matches).map(|_| ()),
        };
        // A skeleton decodes; its empty strings may break a length constraint, nothing else.
        match decoded {
            Ok(()) => {}
            Err(Failure::Usage(message)) if message.contains("character(s)") => {}
            Err(other) => panic!("{}: {other:?}", action.command),
        }
    }
}
