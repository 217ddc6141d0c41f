//! Names: the service's, the Rust names of actions and members where the converted wire name
//! is taken or hard to read, and which data structure names are usable as Rust types.

use qcloud_as_codegen::model::names;

/// Service names (UpperCamelCase, as `service:` wants them) by the description's
/// `serviceShortName`.
const SERVICE_NAMES: &[(&str, &str)] = &[("as", "AutoScaling")];

/// Rust names given for readability where the converted wire name is garbled by acronyms.
const RUST_NAMES: &[(&str, &str)] = &[
    ("AntiDDoSPackageId", "anti_ddos_package_id"),
    ("IPv4AddressType", "ipv4_address_type"),
    ("IPv6InternetAccessible", "ipv6_internet_accessible"),
];

/// The service name for a `serviceShortName`.
pub fn service_name(short: &str) -> Option<&'static str> {
    SERVICE_NAMES
        .iter()
        .find(|(s, _)| *s == short)
        .map(|(_, name)| *name)
}

/// Whether a data structure's name can be a Rust type: UpperCamelCase, not a keyword, not a
/// generated service-wide type.
pub fn is_usable_type_name(name: &str, service_name: &str) -> bool {
    names::is_type_name(name)
        && ![
            format!("{service_name}Error"),
            format!("{service_name}Service"),
            "CommonError".to_owned(),
        ]
        .iter()
        .any(|taken| taken == name)
}

/// The `rustName` of an action whose method name `Client` or Rust takes.
pub fn action_rust_name(name: &str) -> Option<String> {
    let snake = names::snake(name);
    (names::RESERVED_METHODS.contains(&snake.as_str()) || names::KEYWORDS.contains(&snake.as_str()))
        .then(|| format!("{name}Action"))
}

/// The `rustName` a member needs: a keyword or a generated method name gets `_value`, a few
/// acronym-laden names get a readable one.
pub fn rust_name_of(wire: &str) -> Option<String> {
    if let Some((_, rust)) = RUST_NAMES.iter().find(|(w, _)| *w == wire) {
        return Some((*rust).to_owned());
    }
    let snake = names::field_name(wire);
    (names::KEYWORDS.contains(&snake.as_str()) || names::RESERVED_FIELDS.contains(&snake.as_str()))
        .then(|| format!("{snake}_value"))
}
