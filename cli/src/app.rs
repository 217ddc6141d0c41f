//! The `qcloud-as` command: one subcommand per API 3.0 action, `v2` with one per API 2.0
//! action, plus `emulator` and `completions`, and what each runs.

use crate::action::{
    Action, Invocation, Kind, Param, Reply, Run, ALL, CLI_INPUT_JSON, GENERATE_SKELETON, WAIT,
    WAIT_INTERVAL, WAIT_TIMEOUT,
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

/// The subcommand that holds API 2.0's commands.
pub const V2: &str = "v2";

const ABOUT: &str = "Tencent Cloud Auto Scaling API 3.0 (and, under `v2`, API 2.0) from the \
command line";

const LONG_ABOUT: &str = "Tencent Cloud Auto Scaling (AS) from the command line: one subcommand \
per action of API 3.0 (as.tencentcloudapi.com, 2018-04-19), generated from the same specs as the \
qcloud-as SDK, and the retired API 2.0 under `v2`:

  qcloud-as describe-auto-scaling-groups          API 3.0, DescribeAutoScalingGroups
  qcloud-as v2 describe-scaling-group             API 2.0, DescribeScalingGroup

Each action takes its parameters as flags named after their wire names in kebab case \
(--auto-scaling-group-id asg-1, --instance-ids ins-1 ins-2; tccli's --AutoScalingGroupId works \
too); structs and JSON documents as JSON, inline or @FILE; or the whole request as \
--cli-input-json in the API's own member names (its skeleton from --generate-skeleton). The \
answer is printed as JSON, or with --output table|text as one row per item of its list; --query \
selects with JMESPath; --all reads every page; --wait waits for the activity an action starts.";

const V2_ABOUT: &str = "Tencent Cloud Auto Scaling API 2.0 (scaling.api.qcloud.com)";

const V2_LONG_ABOUT: &str = "Tencent Cloud Auto Scaling API 2.0 (scaling.api.qcloud.com), \
retired by Tencent Cloud in favour of API 3.0 (the tool's top-level commands): one subcommand per \
action, flags named after the wire names in kebab case (--scaling-group-id asg-1, --keep-instance \
keep), regions in API 2.0's form (gz, sh, …) or API 3.0's.";

/// The environment, shown after the exit codes.
fn environment_help() -> String {
    format!(
        "Environment:
  TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY, TENCENTCLOUD_SESSION_TOKEN
                                 credentials (the SDK's default chain, first)
  TENCENTCLOUD_CREDENTIALS_FILE  the credentials file (else ~/.tencentcloud/credentials)
  TENCENTCLOUD_PROFILE           its profile (else default; --profile overrides)
  TKE_PROVIDER_ID, TKE_WEB_IDENTITY_TOKEN_FILE, TKE_ROLE_ARN, TKE_REGION
                                 TKE's web identity, exchanged through STS (third)
  QCLOUD_AS_METADATA_ENDPOINT    the metadata service of the CVM instance role (last)
  QCLOUD_AS_STS_ENDPOINT         STS, for the web identity
  {ENV_REGION}            --region
  {ENV_ENDPOINT}             --endpoint

{EXIT_CODES_HELP}"
    )
}

/// The whole command, with a subcommand per action of `actions` (API 3.0's) and, unless `v2`
/// is empty, the subcommand `v2` with one per action of `v2`.
pub fn command(actions: &'static [Action], v2: &'static [Action]) -> Command {
    let mut command = Command::new(NAME)
        .version(env!("CARGO_PKG_VERSION"))
        .about(ABOUT)
        .long_about(LONG_ABOUT)
        .after_help(environment_help())
        .subcommand_required(true)
        .arg_required_else_help(true)
        .args(global_args())
        .subcommands(actions.iter().map(action_command));
    if !v2.is_empty() {
        command = command.subcommand(
            Command::new(V2)
                .about(V2_ABOUT)
                .long_about(V2_LONG_ABOUT)
                .subcommand_required(true)
                .arg_required_else_help(true)
                .args(global_args())
                .subcommands(v2.iter().map(action_command)),
        );
    }
    command.subcommand(crate::emulator::command()).subcommand(
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
    if action.starts_activity() {
        command = command.args(wait_args());
    }
    command.args(global_args())
}

/// `--wait` and its settings, on the actions that start an activity.
fn wait_args() -> [Arg; 3] {
    let seconds = |s: &str| -> Result<std::time::Duration, String> {
        match s.parse::<f64>() {
            Ok(secs) if secs > 0.0 => {
                std::time::Duration::try_from_secs_f64(secs).map_err(|e| e.to_string())
            }
            _ => Err(format!("`{s}` is not a number of seconds above 0")),
        }
    };
    [
        Arg::new(WAIT).long(WAIT).action(ArgAction::SetTrue).help(
            "Wait for the activity the action starts to end (DescribeAutoScalingActivities), \
             and print it as the answer's Activity; exit 5 unless it ends SUCCESSFUL",
        ),
        Arg::new(WAIT_INTERVAL)
            .long(WAIT_INTERVAL)
            .value_name("SECONDS")
            .value_parser(seconds)
            .requires(WAIT)
            .help(format!(
                "How often --wait asks [default: {}]",
                crate::action::wait::DEFAULT_INTERVAL.as_secs()
            )),
        Arg::new(WAIT_TIMEOUT)
            .long(WAIT_TIMEOUT)
            .value_name("SECONDS")
            .value_parser(seconds)
            .requires(WAIT)
            .help(format!(
                "How long --wait waits at most [default: {}]",
                crate::action::wait::DEFAULT_TIMEOUT.as_secs()
            )),
    ]
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
    // tccli's flags are the wire names: `--AutoScalingGroupIds` works as well.
    let arg = if param.wire == param.flag {
        arg
    } else {
        arg.alias(param.wire)
    };
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

/// Runs the tool with `args` (the program name first) and gives its exit code: `actions` at
/// the top level, `v2` under `v2`.
pub fn main(
    actions: &'static [Action],
    v2: &'static [Action],
    args: impl IntoIterator<Item = OsString>,
) -> ExitCode {
    let mut command = command(actions, v2);
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
        Some((V2, middle)) if !v2.is_empty() => match middle.subcommand() {
            Some((name, sub)) => match v2.iter().find(|a| a.command == name) {
                Some(action) => run_action(action, &[sub, middle, &matches]),
                None => Err(Failure::Usage(format!("unknown command `{V2} {name}`"))),
            },
            None => Err(Failure::Usage(format!("no command given; see {V2} --help"))),
        },
        Some((name, sub)) => match actions.iter().find(|a| a.command == name) {
            Some(action) => run_action(action, &[sub, &matches]),
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
/// printed. `levels` are the matches of the action's subcommand and of those around it,
/// innermost first.
fn run_action(action: &Action, levels: &[&ArgMatches]) -> Result<(), Failure> {
    let Some(sub) = levels.first() else {
        return Err(Failure::Usage("no command given; see --help".to_owned()));
    };
    if sub.get_flag(GENERATE_SKELETON) {
        return print(action.skeleton);
    }
    let settings = Settings::from_matches(levels);
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
        Run::Single(send) | Run::Paged(send) | Run::Activity(send) => send(&invocation)?,
    };
    match reply {
        Reply::DryRun(text) => print(&text),
        Reply::Data(data) => print(&printer.render(&data, &action.listing)?),
        Reply::Incomplete(data, failure) => {
            print(&printer.render(&data, &action.listing)?)?;
            Err(failure)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_is_well_formed() {
        // clap's own checks: unique ids and flags (a spec flag that took a global one would
        // fail here), valid defaults and value names.
        command(crate::ACTIONS, crate::V2_ACTIONS).debug_assert();
    }

    #[test]
    fn both_versions_are_reachable_and_api_2_0_sits_under_v2() {
        let top = command(crate::ACTIONS, crate::V2_ACTIONS);
        let names: Vec<&str> = top.get_subcommands().map(Command::get_name).collect();
        assert!(names.contains(&"describe-auto-scaling-groups"), "{names:?}");
        assert!(names.contains(&"create-scaling-policy"), "{names:?}");
        assert!(!names.contains(&"describe-scaling-group"), "{names:?}");
        let v2 = top.find_subcommand(V2);
        let v2_names: Vec<&str> = v2
            .map(|c| c.get_subcommands().map(Command::get_name).collect())
            .unwrap_or_default();
        assert!(v2_names.contains(&"describe-scaling-group"), "{v2_names:?}");
        assert!(v2_names.contains(&"create-scaling-policy"), "{v2_names:?}");
        assert_eq!(v2_names.len(), crate::V2_ACTIONS.len());
        assert_eq!(names.len(), crate::ACTIONS.len() + 3, "{names:?}");
    }

    #[test]
    fn the_generator_reserves_every_flag_the_tool_defines() {
        let reserved = qcloud_as_codegen::emit::RESERVED_FLAGS;
        let top = command(crate::ACTIONS, crate::V2_ACTIONS);
        let mut flags: Vec<String> = top
            .get_arguments()
            .filter_map(|a| a.get_long().map(str::to_owned))
            .collect();
        let v2 = top
            .find_subcommand(V2)
            .into_iter()
            .flat_map(Command::get_subcommands);
        for sub in top.get_subcommands().chain(v2) {
            let params: Vec<&str> = crate::ACTIONS
                .iter()
                .chain(crate::V2_ACTIONS)
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
