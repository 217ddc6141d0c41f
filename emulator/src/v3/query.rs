//! What the Describe actions of API 3.0 share: an id list or `Filters` (not both), at most 100
//! ids, at most 10 filters of at most 5 values each, filter names each action lists, and paging
//! with `Offset` (default 0) and `Limit` (default 20, at most 100). Each action turns a
//! [`Problem`] into its own error code.

use qcloud_as::v3::types::Filter;

/// The most ids an id list may hold.
pub(crate) const MAX_IDS: usize = 100;
/// The most filters a request may give.
pub(crate) const MAX_FILTERS: usize = 10;
/// The most values a filter may hold.
pub(crate) const MAX_FILTER_VALUES: usize = 5;
/// The page size when `Limit` is not given.
pub(crate) const DEFAULT_LIMIT: i64 = 20;
/// The largest `Limit`.
pub(crate) const MAX_LIMIT: i64 = 100;

/// Why a Describe request's query is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// Ids and filters together.
    Conflict(&'static str),
    /// More than [`MAX_IDS`] ids.
    TooManyIds(&'static str, usize),
    /// `Limit` above [`MAX_LIMIT`].
    LimitTooLarge(i64),
    /// A negative `Offset` or `Limit`.
    Negative(&'static str, i64),
    /// More than [`MAX_FILTERS`] filters.
    TooManyFilters(usize),
    /// A filter with more than [`MAX_FILTER_VALUES`] values.
    TooManyValues(String, usize),
    /// A filter with no value.
    NoValues(String),
    /// A filter name the action does not have.
    UnknownFilter(String),
}

impl Problem {
    /// The message of the answer.
    pub(crate) fn message(&self) -> String {
        match self {
            Problem::Conflict(ids) => format!("{ids} and Filters cannot be given together"),
            Problem::TooManyIds(ids, n) => {
                format!("{ids} holds {n} ids; at most {MAX_IDS} may be given")
            }
            Problem::LimitTooLarge(n) => format!("Limit {n} is above {MAX_LIMIT}"),
            Problem::Negative(name, n) => format!("{name} {n} is negative"),
            Problem::TooManyFilters(n) => {
                format!("Filters holds {n} filters; at most {MAX_FILTERS} may be given")
            }
            Problem::TooManyValues(name, n) => {
                format!("filter {name:?} has {n} values; at most {MAX_FILTER_VALUES} may be given")
            }
            Problem::NoValues(name) => format!("filter {name:?} has no value"),
            Problem::UnknownFilter(name) => format!("there is no filter {name:?}"),
        }
    }
}

/// The rows of a page: how many to skip and to take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Page {
    offset: usize,
    limit: usize,
}

impl Page {
    /// The items of this page.
    pub(crate) fn of<T>(self, items: Vec<T>) -> Vec<T> {
        items
            .into_iter()
            .skip(self.offset)
            .take(self.limit)
            .collect()
    }
}

/// A checked query: the ids (if given) and the filters (none when not given).
pub(crate) struct Query<'a> {
    pub(crate) ids: Option<&'a [String]>,
    pub(crate) filters: &'a [Filter],
    pub(crate) page: Page,
}

impl Query<'_> {
    /// Whether an item passes: its id is one of the ids (when given), and for every filter one
    /// of its values matches (`matches(name, value)`).
    pub(crate) fn keeps(&self, id: &str, matches: impl Fn(&str, &str) -> bool) -> bool {
        self.ids.is_none_or(|ids| ids.iter().any(|i| i == id))
            && self
                .filters
                .iter()
                .all(|f| f.values.iter().any(|v| matches(&f.name, v)))
    }
}

/// Checks a Describe request's ids (named `ids_name` in messages), filters (each named in
/// `known`, or `tag:<key>` when `known` holds `tag:`), offset and limit.
pub(crate) fn check<'a>(
    ids_name: &'static str,
    ids: Option<&'a [String]>,
    filters: Option<&'a [Filter]>,
    offset: Option<i64>,
    limit: Option<i64>,
    known: &[&str],
) -> Result<Query<'a>, Problem> {
    if ids.is_some() && filters.is_some() {
        return Err(Problem::Conflict(ids_name));
    }
    if let Some(ids) = ids {
        if ids.len() > MAX_IDS {
            return Err(Problem::TooManyIds(ids_name, ids.len()));
        }
    }
    let filters = filters.unwrap_or_default();
    if filters.len() > MAX_FILTERS {
        return Err(Problem::TooManyFilters(filters.len()));
    }
    for filter in filters {
        let tag = known.contains(&"tag:") && filter.name.starts_with("tag:");
        if !tag && (filter.name.starts_with("tag:") || !known.contains(&filter.name.as_str())) {
            return Err(Problem::UnknownFilter(filter.name.clone()));
        }
        if filter.values.is_empty() {
            return Err(Problem::NoValues(filter.name.clone()));
        }
        if filter.values.len() > MAX_FILTER_VALUES {
            return Err(Problem::TooManyValues(
                filter.name.clone(),
                filter.values.len(),
            ));
        }
    }
    let offset = offset.unwrap_or(0);
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if offset < 0 {
        return Err(Problem::Negative("Offset", offset));
    }
    if limit < 0 {
        return Err(Problem::Negative("Limit", limit));
    }
    if limit > MAX_LIMIT {
        return Err(Problem::LimitTooLarge(limit));
    }
    Ok(Query {
        ids,
        filters,
        page: Page {
            offset: usize::try_from(offset).unwrap_or(usize::MAX),
            limit: usize::try_from(limit).unwrap_or(0),
        },
    })
}

/// Whether tags (`Key`, `Value` pairs) match a tag filter: `tag-key` (a key), `tag-value` (a
/// value) or `tag:<key>` (that key with this value). Any other filter name: `None`.
pub(crate) fn tag_filter<'t>(
    name: &str,
    value: &str,
    mut tags: impl Iterator<Item = (&'t str, &'t str)>,
) -> Option<bool> {
    if name == "tag-key" {
        Some(tags.any(|(k, _)| k == value))
    } else if name == "tag-value" {
        Some(tags.any(|(_, v)| v == value))
    } else {
        let key = name.strip_prefix("tag:")?;
        Some(tags.any(|(k, v)| k == key && v == value))
    }
}

/// The answer to a [`Problem`] of an action whose error enum has the usual Describe codes
/// (`InvalidParameter.Conflict`, `InvalidParameterValue.LimitExceeded`,
/// `InvalidParameterValue.Filter`, `InvalidParameterValue.InvalidFilter`,
/// `LimitExceeded.FilterValuesTooLong`).
macro_rules! describe_problem {
    ($error:ty) => {
        |p: $crate::v3::query::Problem| -> $error {
            use $crate::v3::query::Problem;
            let message = p.message();
            match p {
                Problem::Conflict(_) => <$error>::invalid_parameter_conflict(message),
                Problem::TooManyIds(..) | Problem::LimitTooLarge(_) => {
                    <$error>::invalid_parameter_value_limit_exceeded(message)
                }
                Problem::Negative(..) => {
                    qcloud_as::v3::CommonError::invalid_parameter_value(message).into()
                }
                Problem::TooManyFilters(_) | Problem::NoValues(_) => {
                    <$error>::invalid_parameter_value_filter(message)
                }
                Problem::TooManyValues(..) => {
                    <$error>::limit_exceeded_filter_values_too_long(message)
                }
                Problem::UnknownFilter(_) => {
                    <$error>::invalid_parameter_value_invalid_filter(message)
                }
            }
        }
    };
}
pub(crate) use describe_problem;

/// A count as the answers give it.
pub(crate) fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Whether `id` is `prefix-` followed by letters and digits (a well-formed id of its kind).
pub(crate) fn well_formed(id: &str, prefix: &str) -> bool {
    id.strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(name: &str, values: &[&str]) -> Filter {
        Filter::new(name, values.iter().copied())
    }

    #[test]
    fn checks_ids_filters_and_paging() {
        let ids = vec!["asg-1".to_owned()];
        let known = ["auto-scaling-group-id", "tag:"];
        let one = [filter("auto-scaling-group-id", &["asg-1"])];
        assert!(check("Ids", Some(&ids), None, None, None, &known).is_ok());
        assert_eq!(
            check("Ids", Some(&ids), Some(&one), None, None, &known).err(),
            Some(Problem::Conflict("Ids"))
        );
        let many: Vec<String> = (0..101).map(|i| format!("asg-{i}")).collect();
        assert!(matches!(
            check("Ids", Some(&many), None, None, None, &known),
            Err(Problem::TooManyIds(_, 101))
        ));
        assert!(check("Ids", None, None, None, Some(100), &known).is_ok());
        assert_eq!(
            check("Ids", None, None, None, Some(101), &known).err(),
            Some(Problem::LimitTooLarge(101))
        );
        assert!(matches!(
            check("Ids", None, None, Some(-1), None, &known),
            Err(Problem::Negative("Offset", -1))
        ));
        let tagged = [filter("tag:env", &["prod"])];
        assert!(check("Ids", None, Some(&tagged), None, None, &known).is_ok());
        let unknown = [filter("nope", &["x"])];
        assert!(matches!(
            check("Ids", None, Some(&unknown), None, None, &known),
            Err(Problem::UnknownFilter(_))
        ));
        let six = [filter(
            "auto-scaling-group-id",
            &["a", "b", "c", "d", "e", "f"],
        )];
        assert!(matches!(
            check("Ids", None, Some(&six), None, None, &known),
            Err(Problem::TooManyValues(_, 6))
        ));
        let eleven: Vec<Filter> = (0..11)
            .map(|_| filter("auto-scaling-group-id", &["a"]))
            .collect();
        assert!(matches!(
            check("Ids", None, Some(&eleven), None, None, &known),
            Err(Problem::TooManyFilters(11))
        ));
    }

    #[test]
    fn pages_and_matches() {
        let query = check("Ids", None, None, Some(1), Some(2), &[]);
        assert!(query.is_ok());
        if let Ok(query) = query {
            assert_eq!(query.page.of(vec![1, 2, 3, 4]), vec![2, 3]);
            assert!(query.keeps("x", |_, _| false));
        }
        let tags = [("env", "prod"), ("team", "a")];
        assert_eq!(
            tag_filter("tag:env", "prod", tags.iter().copied()),
            Some(true)
        );
        assert_eq!(
            tag_filter("tag-key", "team", tags.iter().copied()),
            Some(true)
        );
        assert_eq!(
            tag_filter("tag-value", "b", tags.iter().copied()),
            Some(false)
        );
        assert_eq!(tag_filter("other", "b", tags.iter().copied()), None);
        assert!(well_formed("asg-demo0001", "asg") && !well_formed("asg-", "asg"));
        assert!(!well_formed("asc-demo0001", "asg") && !well_formed("asg-a_b", "asg"));
    }
}
