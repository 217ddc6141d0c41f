//! What the API 3.0 adapters of scheduled actions, lifecycle hooks, notifications and
//! policies share: one paged and filtered Describe ([`describe`]) and the answer to a refused
//! query, the id forms, and Beijing-time answers.

use super::query::{self, count, well_formed, Problem};
use qcloud_as::shape::DateTime;
use qcloud_as::v3::types::Filter;
use qcloud_as::v3::CommonError;

/// Beijing time's offset, minutes: the zone scheduled actions' times are written in.
const BEIJING_MINUTES: i32 = 8 * 60;

/// The answer to a refused Describe query: ids with filters by `conflict`, an unknown filter
/// by `unknown`, a filter with no value by `no_value`; the rest (too many ids, filters or
/// values, a bad `Offset`/`Limit`) the common `InvalidParameterValue`.
pub(crate) fn problem<E: From<CommonError>>(
    p: Problem,
    conflict: impl FnOnce(String) -> E,
    unknown: impl FnOnce(String) -> E,
    no_value: impl FnOnce(String) -> E,
) -> E {
    let message = p.message();
    match p {
        Problem::Conflict(_) => conflict(message),
        Problem::UnknownFilter(_) => unknown(message),
        Problem::NoValues(_) => no_value(message),
        _ => CommonError::invalid_parameter_value(message).into(),
    }
}

/// Whether `id` is a well-formed hook id: `ash-…`, or `lfh-…` for a hook made through API 2.0.
pub(crate) fn hook_id(id: &str) -> bool {
    well_formed(id, "ash") || well_formed(id, "lfh")
}

/// The first of `ids` that is not of the form `check` accepts.
pub(crate) fn malformed(ids: Option<&[String]>, check: impl Fn(&str) -> bool) -> Option<&str> {
    ids.into_iter()
        .flatten()
        .map(String::as_str)
        .find(|id| !check(id))
}

/// The `auto-scaling-group-id` filter's first value that is not `asg-…`.
pub(crate) fn malformed_group_filter(filters: &[qcloud_as::v3::types::Filter]) -> Option<&str> {
    filters
        .iter()
        .filter(|f| f.name == "auto-scaling-group-id")
        .flat_map(|f| &f.values)
        .map(String::as_str)
        .find(|v| !well_formed(v, "asg"))
}

/// A Unix time in Beijing time (`YYYY-MM-DDThh:mm:ss+08:00`).
pub(crate) fn beijing(seconds: u64) -> DateTime {
    DateTime::at_offset(i64::try_from(seconds).unwrap_or(i64::MAX), BEIJING_MINUTES)
}

/// A Unix time in UTC (`YYYY-MM-DDThh:mm:ssZ`).
pub(crate) fn utc(seconds: u64) -> DateTime {
    DateTime::from_unix_seconds(i64::try_from(seconds).unwrap_or(i64::MAX))
}

/// The Unix time of a time parameter named `name`, or the message saying it is not one (or
/// lies before 1970).
pub(crate) fn seconds(name: &str, time: &DateTime) -> Result<u64, String> {
    time.unix_seconds()
        .and_then(|s| u64::try_from(s).ok())
        .ok_or_else(|| {
            format!(
                "{name}: {:?} is not a time YYYY-MM-DDThh:mm:ss+08:00",
                time.as_str()
            )
        })
}

/// What a Describe of a kind of part asks: the request's ids (named `ids_name`), filters and
/// page, the filter names the action has, the form of its ids (`noun` and `form` name it in
/// messages), and whether an id given must exist.
pub(crate) struct Ask<'r> {
    /// The ids parameter's name.
    pub(crate) ids_name: &'static str,
    /// The ids given.
    pub(crate) ids: Option<&'r [String]>,
    /// The filters given.
    pub(crate) filters: Option<&'r [Filter]>,
    /// `Offset`.
    pub(crate) offset: Option<i64>,
    /// `Limit`.
    pub(crate) limit: Option<i64>,
    /// The filter names the action has.
    pub(crate) known: &'static [&'static str],
    /// Whether an id has the part's form.
    pub(crate) id_form: fn(&str) -> bool,
    /// The part, in messages: `lifecycle hook`.
    pub(crate) noun: &'static str,
    /// Its ids' form, in messages: `ash-…`.
    pub(crate) form: &'static str,
    /// Whether an `auto-scaling-group-id` filter value must be `asg-…`.
    pub(crate) group_filter_form: bool,
    /// Whether every id given must exist.
    pub(crate) ids_exist: bool,
}

/// Why [`describe`] refused; each action answers it in its own codes.
#[derive(Debug)]
pub(crate) enum Refused {
    /// The query itself ([`query::check`]).
    Query(Problem),
    /// An id not of the part's form: the message.
    MalformedId(String),
    /// An `auto-scaling-group-id` value that is not `asg-…`: the message.
    MalformedGroup(String),
    /// An id given that no part has: the message.
    Missing(String),
}

/// One Describe of a kind of part, paged and filtered: checks the query (in the order
/// [`Refused`] lists), keeps the `items` (each with its group) whose id is given or for which
/// every filter has a value `matches(group, item, name, value)`, and answers the number kept
/// and the page of them, through `out`.
pub(crate) fn describe<P, T>(
    ask: &Ask<'_>,
    items: Vec<(String, P)>,
    id_of: impl Fn(&P) -> &str,
    matches: impl Fn(&str, &P, &str, &str) -> bool,
    out: impl Fn(&str, &P) -> T,
) -> Result<(i64, Vec<T>), Refused> {
    let query = query::check(
        ask.ids_name,
        ask.ids,
        ask.filters,
        ask.offset,
        ask.limit,
        ask.known,
    )
    .map_err(Refused::Query)?;
    if let Some(bad) = malformed(query.ids, ask.id_form) {
        return Err(Refused::MalformedId(format!(
            "{}: {bad:?} is not a {} id ({})",
            ask.ids_name, ask.noun, ask.form
        )));
    }
    if let Some(bad) = malformed_group_filter(query.filters).filter(|_| ask.group_filter_form) {
        return Err(Refused::MalformedGroup(format!(
            "auto-scaling-group-id: {bad:?} is not a scaling group id (asg-…)"
        )));
    }
    if ask.ids_exist {
        if let Some(missing) = query
            .ids
            .into_iter()
            .flatten()
            .find(|id| !items.iter().any(|(_, p)| id_of(p) == id.as_str()))
        {
            return Err(Refused::Missing(format!(
                "{} {missing} does not exist",
                ask.noun
            )));
        }
    }
    let kept: Vec<(String, P)> = items
        .into_iter()
        .filter(|(g, p)| query.keeps(id_of(p), |name, value| matches(g, p, name, value)))
        .collect();
    let total = count(kept.len());
    let page = query.page.of(kept).iter().map(|(g, p)| out(g, p)).collect();
    Ok((total, page))
}

/// The answer to [`Refused`] of an action: the query by [`problem`] (ids with filters by
/// `conflict`, an unknown filter by `unknown`, a filter with no value by `no_value`), a
/// malformed id by `bad_id`, a malformed group by `bad_group`, a missing id by `missing`.
pub(crate) struct Answers<E> {
    /// Ids with filters.
    pub(crate) conflict: fn(String) -> E,
    /// An unknown filter.
    pub(crate) unknown: fn(String) -> E,
    /// A filter with no value.
    pub(crate) no_value: fn(String) -> E,
    /// A malformed id.
    pub(crate) bad_id: fn(String) -> E,
    /// A malformed group filter value.
    pub(crate) bad_group: fn(String) -> E,
    /// An id that does not exist.
    pub(crate) missing: fn(String) -> E,
}

impl<E: From<CommonError>> Answers<E> {
    /// The answer to `refused`.
    pub(crate) fn to(&self, refused: Refused) -> E {
        match refused {
            Refused::Query(p) => problem(p, self.conflict, self.unknown, self.no_value),
            Refused::MalformedId(m) => (self.bad_id)(m),
            Refused::MalformedGroup(m) => (self.bad_group)(m),
            Refused::Missing(m) => (self.missing)(m),
        }
    }
}

/// The common `InvalidParameterValue`, for [`Answers`] fields an action has no code of its own
/// for.
pub(crate) fn invalid_value<E: From<CommonError>>(message: String) -> E {
    CommonError::invalid_parameter_value(message).into()
}
