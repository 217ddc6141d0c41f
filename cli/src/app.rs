//! The `qcloud-as` command: one subcommand per generated action, plus `emulator` and
//! `completions`, and what each runs.

use crate::action::{
    Action, Invocation, Kind, Param, Reply, Run, ALL, CLI_INPUT_JSON, GENERATE_SKELETON,
};
use crate::failure::{exit, Failure, EXIT_CODES_HELP};
use crate::output::{Printer, Query};
use crate::settings::{global_args, Settings, ENV_ENDPOINT, ENV_REGION};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Arg, ArgAction, ArgMatches, Command};
use serde_json::Value;
use std::ffi::OsString;
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

/// The binary's name.
pub const NAME: &str = "qcloud-as";

const ABOUT: &str = "Tencent Cloud Auto Scaling API 2.0 from the command line";

const LONG_ABOUT: &str = "Tencent Cloud Auto Scaling (AS) API 2.0 from the command line: one \
subcommand per action, generated from the same specs as the qcloud-as SDK.

Each action takes its parameters as flags (--scaling-group-id asg-1, --instance-ids ins-1 ins-2, \
--keep-instance keep); structs and JSON documents as JSON, inline or @FILE; or the whole request \
as --cli-input-json (its skeleton from --generate-skeleton). The answer's data is printed as JSON, \
or with --output table|text as one row per item of its list; --query selects with JMESPath.";

/// The environment, shown after the exit codes.
fn environment_help() -> String {
    format!(
        "Environment:
  TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY, TENCENTCLOUD_SESSION_TOKEN
                                 credentials (the SDK's default chain, first)
  TENCENTCLOUD_CREDENTIALS_FILE  the credentials file (else ~/.tencentcloud/credentials)
  TENCENTCLOUD_PROFILE           its profile (else default; --profile overrides)
  {ENV_REGION}            --region
  {ENV_ENDPOINT}             --endpoint

{EXIT_CODES_HELP}"
    )
}

/// The whole command, with a subcommand per action of `actions`.
pub fn command(actions: &'static [Action]) -> Command {
    let command = Command::new(NAME)
        .version(env!("CARGO_PKG_VERSION"))
        .about(ABOUT)
        .long_about(LONG_ABOUT)
        .after_help(environment_help())
        .subcommand_required(true)
        .arg_required_else_help(true)
        .args(global_args())
        .subcommands(actions.iter().map(action_command))
        .subcommand(crate::emulator::command());
    command.subcommand(
        Command::new("completions")
            .about("Print a completion script for a shell")
            .arg(
                Arg::new("shell")
                    .required(true)
                    .value_parser(clap::value_parser!(clap_complete::Shell)),
            ),
    )
}

/// The first sentence of a text's first line (a paragraph), for short help.
fn summary(text: &str) -> &str {
    let line = text.lines().next().unwrap_or_default();
    match line.find(". ") {
        Some(end) => &line[..=end],
        None => line,
    }
}

/// An action's subcommand: a flag per parameter, the global options, and the request-wide
/// flags.
fn action_command(action: &'static Action) -> Command {
    let mut command = Command::new(action.command)
        .about(summary(action.doc))
        .long_about(action.doc)
        .after_help(format!("Action on the wire: {}", action.name))
        .next_help_heading("Parameters")
        .args(action.params.iter().map(param_arg))
        .next_help_heading("Request")
        .arg(
            Arg::new(CLI_INPUT_JSON)
                .long(CLI_INPUT_JSON)
                .value_name("JSON|@FILE")
                .value_parser(json)
                .help(
                    "The whole request as a JSON object of wire names (@FILE reads a file, @- \
                     standard input); flags given as well replace its members",
                ),
        )
        .arg(
            Arg::new(GENERATE_SKELETON)
                .long(GENERATE_SKELETON)
                .action(ArgAction::SetTrue)
                .help("Print a JSON skeleton of the request for --cli-input-json, and exit"),
        );
    if action.pages() {
        command = command.arg(
            Arg::new(ALL)
                .long(ALL)
                .action(ArgAction::SetTrue)
                .help("Read every page (from --offset, --limit at a time) and print all items"),
        );
    }
    command.args(global_args())
}

/// A JSON value, inline or `@FILE` (`@-`: standard input).
fn json(text: &str) -> Result<Value, String> {
    let owned;
    let text = match text.strip_prefix('@') {
        Some("-") => {
            let mut buffer = String::new();
            std::io::stdin()
                .read_to_string(&mut buffer)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            owned = buffer;
            owned.as_str()
        }
        Some(path) => {
            owned =
                std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            owned.as_str()
        }
        None => text,
    };
    serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))
}

/// A parameter's flag: its value parser (every value becomes the JSON the request decodes
/// from), how many values it takes, and its help.
fn param_arg(param: &'static Param) -> Arg {
    let mut notes = Vec::new();
    if param.required {
        notes.push("[required]".to_owned());
    }
    if let Some(default) = param.default {
        notes.push(format!("[default: {default}]"));
    }
    let arg = Arg::new(param.flag).long(param.flag);
    let arg = match param.kind {
        Kind::String => arg
            .value_name("TEXT")
            .value_parser(|s: &str| Ok::<_, String>(Value::String(s.to_owned()))),
        Kind::Integer => arg
            .value_name("INTEGER")
            .allow_negative_numbers(true)
            .value_parser(|s: &str| {
                s.trim()
                    .parse::<i64>()
                    .map(Value::from)
                    .map_err(|_| format!("`{s}` is not an integer"))
            }),
        Kind::Enum(kind) => {
            let values = kind.names.iter().zip(kind.wire).map(|(name, wire)| {
                let value = PossibleValue::new(*name);
                if name == wire {
                    value
                } else {
                    value.alias(*wire).help(format!("sent as {wire}"))
                }
            });
            arg.value_name("VALUE").ignore_case(true).value_parser(
                PossibleValuesParser::new(values).try_map(move |s: String| (kind.parse)(&s)),
            )
        }
        Kind::Json => {
            notes.push(if param.list {
                "[JSON object, or array of them; @FILE reads a file]".to_owned()
            } else {
                "[JSON; @FILE reads a file]".to_owned()
            });
            arg.value_name("JSON").value_parser(json)
        }
    };
    let arg = if param.list {
        arg.num_args(1..).action(ArgAction::Append)
    } else {
        arg.action(ArgAction::Set)
    };
    let arg = if param.required {
        arg.required_unless_present_any([CLI_INPUT_JSON, GENERATE_SKELETON])
    } else {
        arg
    };
    let notes = notes.join(" ");
    let with_notes = |text: &str| {
        if text.is_empty() {
            notes.clone()
        } else if notes.is_empty() {
            text.to_owned()
        } else {
            format!("{text} {notes}")
        }
    };
    arg.help(with_notes(summary(param.help)))
        .long_help(with_notes(param.help))
}

/// Writes to stdout; a closed pipe (`| head`) ends the output quietly.
fn print(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Other(format!("cannot write the output: {e}"))),
    }
}

/// Runs the tool with `args` (the program name first) and gives its exit code.
pub fn main(actions: &'static [Action], args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let mut command = command(actions);
    let matches = match command.try_get_matches_from_mut(args) {
        Ok(matches) => matches,
        Err(e) => {
            // Usage errors go to stderr with code 2; --help and --version to stdout with 0.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(exit::USAGE));
        }
    };
    let result = match matches.subcommand() {
        Some(("completions", sub)) => completions(&mut command, sub),
        Some(("emulator", sub)) => return crate::emulator::run(sub),
        Some((name, sub)) => match actions.iter().find(|a| a.command == name) {
            Some(action) => run_action(action, sub, &matches),
            None => Err(Failure::Usage(format!("unknown command `{name}`"))),
        },
        None => Err(Failure::Usage("no command given; see --help".to_owned())),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}

/// `completions SHELL`.
fn completions(command: &mut Command, sub: &ArgMatches) -> Result<(), Failure> {
    let Some(shell) = sub.get_one::<clap_complete::Shell>("shell").copied() else {
        return Err(Failure::Usage("no shell given".to_owned()));
    };
    let mut script = Vec::new();
    clap_complete::generate(shell, command, NAME, &mut script);
    print(&String::from_utf8_lossy(&script))
}

/// An action's subcommand: the skeleton, or the request sent (or shown) and its answer
/// printed.
fn run_action(action: &Action, sub: &ArgMatches, top: &ArgMatches) -> Result<(), Failure> {
    if sub.get_flag(GENERATE_SKELETON) {
        return print(action.skeleton);
    }
    let settings = Settings::from_matches(sub, top);
    // A bad query is found before anything is sent.
    let query = settings.query.as_deref().map(Query::compile).transpose()?;
    let printer = Printer {
        format: settings.format,
        query,
        pretty: std::io::stdout().is_terminal(),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Other(format!("cannot start the async runtime: {e}")))?;
    let invocation = Invocation {
        action,
        matches: sub,
        settings: &settings,
        runtime: &runtime,
    };
    let reply = match action.run {
        Run::Single(send) | Run::Paged(send) => send(&invocation)?,
    };
    match reply {
        Reply::DryRun(text) => print(&text),
        Reply::Data(data) => print(&printer.render(&data, &action.listing)?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_is_well_formed() {
        // clap's own checks: unique ids and flags (a spec flag that took a global one would
        // fail here), valid defaults and value names.
        command(crate::ACTIONS).debug_assert();
    }

    #[test]
    fn the_generator_reserves_every_flag_the_tool_defines() {
        let reserved = qcloud_as_codegen::emit::RESERVED_FLAGS;
        let top = command(crate::ACTIONS);
        let mut flags: Vec<String> = top
            .get_arguments()
            .filter_map(|a| a.get_long().map(str::to_owned))
            .collect();
        for sub in top.get_subcommands() {
            let params: Vec<&str> = crate::ACTIONS
                .iter()
                .filter(|a| a.command == sub.get_name())
                .flat_map(|a| a.params.iter().map(|p| p.flag))
                .collect();
            flags.extend(
                sub.get_arguments()
                    .filter_map(|a| a.get_long())
                    .filter(|f| !params.contains(f))
                    .filter(|_| sub.get_name() != "emulator")
                    .map(str::to_owned),
            );
        }
        flags.extend(["help".to_owned(), "version".to_owned()]);
        for flag in flags {
            assert!(
                reserved.contains(&flag.as_str()),
                "--{flag} is not reserved"
            );
        }
    }
}
