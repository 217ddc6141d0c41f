//! The checked model: every name resolved and every rule of the spec format enforced, with the
//! Rust names computed once. It knows shapes, operations, errors, constraints and docs; what a
//! wire protocol adds lives in [`crate::protocol`], and how Rust is written in [`crate::emit`].
//!
//! `check` builds it from the [`spec`](crate::spec) structs; a spec that breaks a rule is
//! rejected with a [`SpecError`](crate::SpecError) naming the file, the action and the field.

mod check;
mod errors;
mod fields;
pub mod names;
mod waiters;

pub(crate) use check::check;

use crate::protocol::Protocol;

/// The whole service: its settings, shared shapes, errors and actions (sorted by name).
#[derive(Debug, Clone)]
pub struct Service {
    /// UpperCamelCase, e.g. `AutoScaling`.
    pub name: String,
    pub protocol: Protocol,
    pub doc: String,
    pub host: String,
    pub path: String,
    /// The API version sent with every request, where the protocol has one.
    pub api_version: Option<String>,
    /// The service's name in signatures, where the protocol has one.
    pub signing_name: Option<String>,
    /// The name of the service's spec folder, e.g. `as/` (for the generated headers).
    pub source: String,
    pub common_errors: Vec<CommonError>,
    /// Every business error of every action, once each (by key), sorted by variant.
    pub business_errors: Vec<BusinessError>,
    /// Shapes shared by several actions (`service.yaml`).
    pub types: Vec<Shape>,
    pub actions: Vec<Action>,
    /// The generated service-wide names.
    pub idents: ServiceIdents,
}

/// Names of the service-wide generated items.
#[derive(Debug, Clone)]
pub struct ServiceIdents {
    /// The server trait, `AutoScalingService`.
    pub server_trait: String,
    /// The error every action's error converts into, `AutoScalingError`.
    pub error: String,
    /// The common errors' enum, `CommonError`.
    pub common_error: String,
}

/// How an error is identified on the wire: an integer code (`4000`) or a string one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ErrorCode {
    Integer(i64),
    Text(String),
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ErrorCode::Integer(code) => write!(f, "{code}"),
            ErrorCode::Text(code) => f.write_str(code),
        }
    }
}

/// An error every action can answer with.
#[derive(Debug, Clone)]
pub struct CommonError {
    pub code: ErrorCode,
    /// The business code a server answers it with, where the protocol has one.
    pub code_desc: Option<String>,
    pub variant: String,
    /// The snake-case constructor, e.g. `invalid_parameter`.
    pub ctor: String,
    pub doc: String,
}

/// A business error of an action.
#[derive(Debug, Clone)]
pub struct BusinessError {
    /// What identifies it in an answer: the `codeDesc` (API 2.0) or the string code.
    pub key: String,
    /// The code it is answered with.
    pub code: ErrorCode,
    pub variant: String,
    /// The snake-case constructor, e.g. `invalid_parameter_scaling_group_id_error`.
    pub ctor: String,
    pub doc: String,
}

/// One action.
#[derive(Debug, Clone)]
pub struct Action {
    /// The action's name on the wire, e.g. `DetachInstance`.
    pub name: String,
    /// The name Rust items are named after: `name`, or the spec's `rustName`.
    pub rust: String,
    /// The module and method name, e.g. `detach_instance`.
    pub snake: String,
    /// The spec file's name (for the generated header).
    pub source: String,
    pub doc: String,
    /// The official reference page.
    pub reference: Option<String>,
    /// Retired by the service.
    pub deprecated: bool,
    pub preconditions: Vec<String>,
    pub params: Vec<Field>,
    /// The action's own shapes.
    pub types: Vec<Shape>,
    pub output: Vec<Field>,
    pub errors: Vec<BusinessError>,
    pub idents: ActionIdents,
    /// How the action pages through a list, when it does.
    pub pages: Option<Pages>,
    /// Whether it is safe to send again after a transport failure.
    pub idempotent: bool,
    /// The conditions on its answer a client can wait for, by name.
    pub waiters: Vec<Waiter>,
}

/// A waiter of an action: a condition on its answer, polled by a generated
/// `Client::wait_until_…` method.
#[derive(Debug, Clone)]
pub struct Waiter {
    /// The UpperCamelCase name of its type, e.g. `ActivityDone`.
    pub name: String,
    /// The `Client` method, e.g. `wait_until_activity_done`.
    pub method: String,
    pub doc: String,
    /// The path into the answer, as written (wire names joined by `.`).
    pub path_text: String,
    /// Each field on the path, from the output down.
    pub path: Vec<PathStep>,
    /// The type of the values at the end of the path: an integer, a string or an enum.
    pub value: TypeRef,
    pub success: Matcher,
    pub failure: Option<Matcher>,
    /// Seconds.
    pub min_delay: u64,
    /// Seconds.
    pub max_delay: u64,
    /// Seconds.
    pub max_wait: u64,
}

/// One field on a waiter's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathStep {
    /// The Rust field name.
    pub rust: String,
    /// Always present (not an `Option`).
    pub required: bool,
    /// A list, looked into item by item.
    pub list: bool,
}

/// The values a waiter's path must show, all or any of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matcher {
    /// `true`: every value found is listed (and there is at least one); `false`: one is.
    pub all: bool,
    /// Integers, strings or enum value names, per the path's type.
    pub values: Vec<DefaultValue>,
    /// Each value as the spec writes it (an enum's variant name or wire value), for docs.
    pub shown: Vec<String>,
}

/// The fields an action pages with, by index into its parameters and output.
#[derive(Debug, Clone)]
pub struct Pages {
    /// The offset parameter (an optional integer).
    pub offset: usize,
    /// The page size parameter (an optional integer).
    pub limit: usize,
    /// The output's total (an integer).
    pub total: usize,
    /// The output's list of items.
    pub items: usize,
}

/// Names of an action's generated types.
#[derive(Debug, Clone)]
pub struct ActionIdents {
    pub request: String,
    pub call: String,
    pub output: String,
    pub error: String,
    /// The struct of required parameters, when there are more than two of them.
    pub request_required: Option<String>,
    /// The same for the output's required fields.
    pub output_required: Option<String>,
}

/// A parameter, a struct member or an output field.
#[derive(Debug, Clone)]
pub struct Field {
    /// The wire name, as written in the spec.
    pub wire: String,
    /// The Rust field name.
    pub rust: String,
    pub ty: TypeRef,
    /// Always present: a constructor argument, not an `Option`.
    pub required: bool,
    pub default: Option<DefaultValue>,
    pub doc: String,
    pub constraints: Constraints,
}

impl Field {
    /// The accessor of a field with a default, e.g. `limit_or_default`.
    pub fn default_accessor(&self) -> String {
        names::default_accessor(&self.rust)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Constraints {
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeRef {
    String,
    Integer,
    Boolean,
    /// A floating-point number.
    Float,
    /// A time in ISO 8601 form (`2019-01-01T00:00:00Z`): `qcloud_as::DateTime`, which keeps the
    /// text and reads it leniently.
    DateTime,
    List(Box<TypeRef>),
    /// A value sent as a JSON document in one string.
    Json(Box<TypeRef>),
    Struct(String),
    Enum(String),
}

impl TypeRef {
    /// The type itself, or a list's (or JSON document's) item type.
    pub fn item(&self) -> &TypeRef {
        match self {
            TypeRef::List(inner) | TypeRef::Json(inner) => inner.item(),
            other => other,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DefaultValue {
    Integer(i64),
    String(String),
    /// The enum's variant name.
    Variant(String),
}

/// A named type, usable by parameters and outputs alike.
#[derive(Debug, Clone)]
pub struct Shape {
    pub name: String,
    pub doc: String,
    pub kind: ShapeKind,
    /// Whether an output reaches it (then it is always decodable, not only by servers).
    pub in_output: bool,
    /// Whether a request reaches it (then it is validated before sending and after decoding).
    pub in_input: bool,
}

#[derive(Debug, Clone)]
pub enum ShapeKind {
    Struct {
        fields: Vec<Field>,
        /// The struct of required members, when there are more than two of them.
        required_struct: Option<String>,
    },
    Enum {
        repr: EnumRepr,
        values: Vec<EnumValue>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumRepr {
    Integer,
    String,
}

#[derive(Debug, Clone)]
pub struct EnumValue {
    pub name: String,
    pub wire: String,
    pub doc: String,
}

/// How many required fields a constructor takes as arguments; more go into a struct with
/// named fields, so they cannot be swapped.
pub const MAX_POSITIONAL: usize = 2;
