//! What the generated commands declare ([`Action`], [`Param`], [`Kind`], [`Listing`], [`Run`]),
//! and the generic code that acts on it: building a request from the flags with the SDK's own
//! serde derives, checking it against the spec, and sending it ([`send`], [`send_paged`]).
//!
//! The generated files (`src/generated/` for API 2.0, `src/v3/generated/` for API 3.0, from
//! `cargo xtask codegen`) hold one `ACTION` per action; nothing here is written per action.
//! API 2.0's senders are here, API 3.0's in [`v3`] (`--wait` in [`wait`]).

pub mod v3;
pub mod wait;

use crate::failure::Failure;
use crate::output::Ordered;
use crate::settings::Settings;
use clap::ArgMatches;
use qcloud_as::paginate::{Paged, Paginator};
use qcloud_as::shape::{EnumShape, UnknownValues, Validate};
use qcloud_as::{Client, Error, Execute, Operation};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::fmt::Display;
use std::str::FromStr;

/// The id of the flag that gives the whole request as JSON.
pub const CLI_INPUT_JSON: &str = "cli-input-json";
/// The id of the flag that prints a request skeleton.
pub const GENERATE_SKELETON: &str = "generate-skeleton";
/// The id of the flag that walks every page.
pub const ALL: &str = "all";
/// The id of the flag that waits for the activity an action starts.
pub const WAIT: &str = "wait";
/// The id of the flag that sets how often `--wait` asks.
pub const WAIT_INTERVAL: &str = "wait-interval";
/// The id of the flag that sets how long `--wait` waits at most.
pub const WAIT_TIMEOUT: &str = "wait-timeout";

/// The most pages `--all` reads before it gives up on an answer whose paging never ends.
pub const MAX_PAGES: usize = 10_000;

/// One action's subcommand, as generated from its spec.
#[derive(Debug, Clone, Copy)]
pub struct Action {
    /// The subcommand, e.g. `detach-instance`.
    pub command: &'static str,
    /// The action's name on the wire, e.g. `DetachInstance`.
    pub name: &'static str,
    /// The spec's doc, with its preconditions; the first line is the short help.
    pub doc: &'static str,
    /// One flag per parameter.
    pub params: &'static [Param],
    /// What `--output table` and `--output text` show.
    pub listing: Listing,
    /// The request as JSON with a value in every field, for `--generate-skeleton`.
    pub skeleton: &'static str,
    /// Builds and sends the request.
    pub run: Run,
}

impl Action {
    /// The parameter with this wire name.
    pub fn param(&self, wire: &str) -> Option<&'static Param> {
        self.params.iter().find(|p| p.wire == wire)
    }

    /// Whether the action pages (and so takes `--all`).
    pub fn pages(&self) -> bool {
        matches!(self.run, Run::Paged(_))
    }

    /// Whether the action starts an activity (and so takes `--wait`).
    pub fn starts_activity(&self) -> bool {
        matches!(self.run, Run::Activity(_))
    }
}

/// One parameter's flag.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    /// The flag without its dashes: the wire name in kebab case (`scaling-group-id`).
    pub flag: &'static str,
    /// The wire name (`scalingGroupId`): the request's JSON member.
    pub wire: &'static str,
    /// What one value is.
    pub kind: Kind,
    /// A list: the flag takes several values (`--instance-ids ins-1 ins-2`).
    pub list: bool,
    /// Required (unless the request comes from `--cli-input-json`).
    pub required: bool,
    /// What the service assumes when the flag is not given (shown, never sent).
    pub default: Option<&'static str>,
    /// The spec's doc and constraints.
    pub help: &'static str,
}

impl Param {
    /// An optional single-value flag without help.
    pub const fn new(flag: &'static str, wire: &'static str, kind: Kind) -> Param {
        Param {
            flag,
            wire,
            kind,
            list: false,
            required: false,
            default: None,
            help: "",
        }
    }

    /// The flag takes several values.
    pub const fn list(self) -> Param {
        Param { list: true, ..self }
    }

    /// The flag is required.
    pub const fn required(self) -> Param {
        Param {
            required: true,
            ..self
        }
    }

    /// The value the service assumes without it.
    pub const fn default(self, default: &'static str) -> Param {
        Param {
            default: Some(default),
            ..self
        }
    }

    /// Its help text.
    pub const fn help(self, help: &'static str) -> Param {
        Param { help, ..self }
    }
}

/// What one value of a flag is.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// Text.
    String,
    /// A 64-bit integer.
    Integer,
    /// One of an enum's values.
    Enum(EnumKind),
    /// A struct or a JSON document, given as JSON (inline or `@file`) and decoded with the
    /// SDK's serde derives.
    Json,
}

impl Kind {
    /// The kind of the SDK enum `E`: its value set, parsed with its `FromStr` (a wire value or a
    /// variant name in any case).
    pub const fn enum_of<E>() -> Kind
    where
        E: EnumShape + FromStr + serde::Serialize,
        E::Err: Display,
    {
        Kind::Enum(EnumKind {
            type_name: E::NAME,
            names: E::NAMES,
            wire: E::WIRE,
            parse: parse_enum::<E>,
        })
    }
}

/// An enum's value set, from the SDK type.
#[derive(Debug, Clone, Copy)]
pub struct EnumKind {
    /// The enum's name.
    pub type_name: &'static str,
    /// The variant names.
    pub names: &'static [&'static str],
    /// Their wire values, in the same order.
    pub wire: &'static [&'static str],
    /// Parses a typed value into the JSON the request decodes from.
    pub parse: fn(&str) -> Result<Value, String>,
}

fn parse_enum<E>(text: &str) -> Result<Value, String>
where
    E: FromStr + serde::Serialize,
    E::Err: Display,
{
    let value = text.parse::<E>().map_err(|e| e.to_string())?;
    serde_json::to_value(&value).map_err(|e| e.to_string())
}

/// What `--output table` and `--output text` show of an answer.
#[derive(Debug, Clone, Copy)]
pub struct Listing {
    /// The list whose items are the rows (the paged items, else the answer's only list);
    /// `None`: the answer itself is the one row.
    pub rows: Option<&'static str>,
    /// The row's scalar fields, in spec order (empty for a list of scalars).
    pub columns: &'static [&'static str],
}

/// How an action is sent.
#[derive(Debug, Clone, Copy)]
pub enum Run {
    /// One request.
    Single(Sender),
    /// A request that pages: `--all` walks every page with the SDK's paginator.
    Paged(Sender),
    /// An API 3.0 request whose answer names the activity it started (`ActivityId`): `--wait`
    /// polls the activity until it ends.
    Activity(Sender),
}

/// Builds the request from the flags and sends it (or shows it, with `--dry-run`).
pub type Sender = fn(&Invocation<'_>) -> Result<Reply, Failure>;

/// What a generated command is run with.
#[derive(Debug)]
pub struct Invocation<'a> {
    /// The action.
    pub action: &'a Action,
    /// The subcommand's flags.
    pub matches: &'a ArgMatches,
    /// The global options.
    pub settings: &'a Settings,
    /// Where the request runs.
    pub runtime: &'a tokio::runtime::Runtime,
}

/// What a command produced.
#[derive(Debug)]
pub enum Reply {
    /// The answer's `data`, in the order the service's fields are declared.
    Data(Ordered),
    /// `--dry-run`: the signed request.
    DryRun(String),
    /// An answer printed as [`Reply::Data`] is, after which the command fails (`--wait` on an
    /// activity that did not succeed).
    Incomplete(Ordered, Failure),
}

/// Builds the request of `action` from its flags: `--cli-input-json` first, then each flag
/// given, decoded with the SDK's serde derives and checked against the spec's constraints.
pub fn request<R: Validate + DeserializeOwned>(
    action: &Action,
    matches: &ArgMatches,
) -> Result<R, Failure> {
    let mut object = match matches.get_one::<Value>(CLI_INPUT_JSON) {
        Some(Value::Object(members)) => members.clone(),
        Some(_) => {
            return Err(Failure::Usage(format!(
                "--{CLI_INPUT_JSON}: the request must be a JSON object of parameters (see \
                 --{GENERATE_SKELETON})"
            )))
        }
        None => Map::new(),
    };
    for param in action.params {
        let Some(mut values) = matches.get_many::<Value>(param.flag) else {
            continue;
        };
        let value = if param.list {
            let mut items = Vec::new();
            for value in values {
                match (param.kind, value) {
                    // A JSON array given to a list of structs holds several items.
                    (Kind::Json, Value::Array(more)) => items.extend(more.iter().cloned()),
                    _ => items.push(value.clone()),
                }
            }
            Value::Array(items)
        } else {
            match values.next_back() {
                Some(value) => value.clone(),
                None => continue,
            }
        };
        object.insert(param.wire.to_owned(), value);
    }
    let request = decode::<R>(action, Value::Object(object))?;
    request
        .validate("", UnknownValues::Reject)
        .map_err(|e| Failure::Usage(at_flag(action, e.parameter(), &e.to_string())))?;
    Ok(request)
}

/// Decodes the request, refusing members the spec does not have.
fn decode<R: DeserializeOwned>(action: &Action, value: Value) -> Result<R, Failure> {
    let mut unknown = Vec::new();
    let result: Result<R, _> = serde_path_to_error::deserialize(serde_ignored::Deserializer::new(
        value,
        &mut |path: serde_ignored::Path<'_>| unknown.push(member_path(&path.to_string())),
    ));
    let request = match result {
        Ok(request) => request,
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner().to_string();
            // A missing required parameter at the top: name its flag.
            if path == "." {
                if let Some(param) = missing_field(&inner).and_then(|wire| action.param(wire)) {
                    return Err(Failure::Usage(format!(
                        "the required flag --{} is missing (or `{}` in --{CLI_INPUT_JSON})",
                        param.flag, param.wire
                    )));
                }
                return Err(Failure::Usage(format!("invalid request: {inner}")));
            }
            return Err(Failure::Usage(at_flag(action, &path, &inner)));
        }
    };
    if let Some(path) = unknown.first() {
        return Err(Failure::Usage(at_flag(
            action,
            path,
            &format!("`{path}` is not a field of the spec"),
        )));
    }
    Ok(request)
}

/// A path as serde_ignored shows it (`forwardLBInfos.?.0.port`, `?` for an `Option`) written
/// as serde_path_to_error does: `forwardLBInfos[0].port`.
fn member_path(ignored: &str) -> String {
    let mut out = String::new();
    for segment in ignored.split('.').filter(|s| *s != "?") {
        if !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{segment}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(segment);
        }
    }
    out
}

/// The field serde's "missing field `x`" message names.
fn missing_field(message: &str) -> Option<&str> {
    message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
}

/// A message about the value at `path` (`forwardLBInfos[0].port`, `instanceIds`), naming the
/// flag it came from.
fn at_flag(action: &Action, path: &str, message: &str) -> String {
    let top = path
        .split(['.', '['])
        .next()
        .filter(|segment| !segment.is_empty());
    match top.and_then(|wire| action.param(wire)) {
        Some(param) if message.contains(path) => format!("--{}: {message}", param.flag),
        Some(param) => format!("--{}: at {path}: {message}", param.flag),
        None => format!("--{CLI_INPUT_JSON}: at {path}: {message}"),
    }
}

/// Sends one request of type `R` built from the flags, or shows it with `--dry-run`.
pub fn send<R: Operation + DeserializeOwned>(inv: &Invocation<'_>) -> Result<Reply, Failure> {
    let request = request::<R>(inv.action, inv.matches)?;
    let client = inv.settings.client(inv.runtime)?;
    if inv.settings.dry_run {
        return dry_run(&client, &request).map(Reply::DryRun);
    }
    let output = inv
        .runtime
        .block_on(client.execute(&request))
        .map_err(|e| Failure::from_sdk(inv.action.name, e))?;
    Ordered::of(&output).map(Reply::Data)
}

/// [`send`] for an action that pages; with `--all`, every page is read with the SDK's
/// paginator and the answer shows the last page with the items of all pages.
pub fn send_paged<R: Operation + Paged<Page = <R as Operation>::Output> + DeserializeOwned>(
    inv: &Invocation<'_>,
) -> Result<Reply, Failure> {
    if !inv.matches.get_flag(ALL) || inv.settings.dry_run {
        return send::<R>(inv);
    }
    let request = request::<R>(inv.action, inv.matches)?;
    let client = inv.settings.client(inv.runtime)?;
    all_pages(inv, Paginator::new(client, request), Failure::from_sdk)
}

/// Reads every page of `pages` (either version's), and gives the last page with the items of
/// all pages in the listing's list; `fail` makes the failure of a page's error.
pub(crate) fn all_pages<C, R>(
    inv: &Invocation<'_>,
    mut pages: Paginator<C, R>,
    fail: fn(&'static str, Error<C::Error>) -> Failure,
) -> Result<Reply, Failure>
where
    C: Execute<R, Output = R::Page>,
    R: Paged,
    R::Page: serde::Serialize,
{
    let mut last = None;
    let mut items = Vec::new();
    for _ in 0..MAX_PAGES {
        let Some(page) = inv.runtime.block_on(pages.next_page()) else {
            let mut answer = last.unwrap_or_else(|| Ordered::Object(Vec::new()));
            if let Some(rows) = inv.action.listing.rows {
                answer.set(rows, Ordered::List(items));
            }
            return Ok(Reply::Data(answer));
        };
        let page = page.map_err(|e| fail(inv.action.name, e))?;
        let mut page = Ordered::of(&page)?;
        if let Some(Ordered::List(more)) = inv.action.listing.rows.and_then(|r| page.take(r)) {
            items.extend(more);
        }
        last = Some(page);
    }
    Err(Failure::Transport {
        action: inv.action.name,
        message: format!("paging did not end after {MAX_PAGES} pages"),
    })
}

/// The signed request as it would be sent: method, URL and each parameter, with the session
/// token replaced by `***` (the secret key is never part of a request), then the string that
/// was signed.
fn dry_run<R: Operation>(client: &Client, request: &R) -> Result<String, Failure> {
    const REDACTED: &str = "***";
    let nonce = nonce()?;
    let timestamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let params = client
        .signed_params(request, timestamp, nonce)
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let config = client.config();
    let endpoint = config.endpoint();
    let method = config.http_method().as_str();
    let shown: Vec<(String, String)> = params
        .into_iter()
        .map(|(name, value)| {
            if name == "Token" {
                (name, REDACTED.to_owned())
            } else {
                (name, value)
            }
        })
        .collect();
    let mut out = format!("{method} {}\n", endpoint.url());
    if method == "POST" {
        out.push_str("Content-Type: application/x-www-form-urlencoded\n");
    }
    out.push('\n');
    for (name, value) in &shown {
        out.push_str(&format!("{name}={value}\n"));
    }
    let signed =
        qcloud_as::signing::string_to_sign(method, endpoint.host(), endpoint.path(), &shown);
    out.push_str(&format!(
        "\nString to sign ({}; the parameters sorted by name{}):\n{signed}\n",
        config.signature_method().as_str(),
        if shown.iter().any(|(n, _)| n == "Token") {
            ", Token shown redacted"
        } else {
            ""
        }
    ));
    Ok(out)
}

/// A random `Nonce`, as the SDK makes them: `1..=2^63-1`.
fn nonce() -> Result<u64, Failure> {
    let mut bytes = [0u8; 8];
    loop {
        getrandom::fill(&mut bytes)
            .map_err(|e| Failure::Other(format!("no secure random Nonce could be made: {e}")))?;
        let nonce = u64::from_le_bytes(bytes) >> 1;
        if nonce != 0 {
            return Ok(nonce);
        }
    }
}
