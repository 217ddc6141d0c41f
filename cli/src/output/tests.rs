//! The output formats on a small answer.

use super::*;

const LISTING: Listing = Listing {
    rows: Some("scalingGroupSet"),
    columns: &["scalingGroupId", "instanceNum"],
};

fn data() -> Ordered {
    let text = r#"{"totalCount": 2, "scalingGroupSet": [
        {"scalingGroupId": "asg-1", "instanceNum": 4, "zone": [1]},
        {"scalingGroupId": "asg-two\nlines", "instanceNum": 1}]}"#;
    serde_json::from_str(text).unwrap_or(Ordered::Null)
}

fn printer(format: Format, query: Option<&str>) -> Printer {
    Printer {
        format,
        query: query.and_then(|q| Query::compile(q).ok()),
        pretty: false,
    }
}

#[test]
fn json_keeps_the_declared_order() {
    let out = printer(Format::Json, None).render(&data(), &LISTING);
    assert_eq!(
        out.ok().as_deref(),
        Some(
            "{\"totalCount\":2,\"scalingGroupSet\":[{\"scalingGroupId\":\"asg-1\",\
             \"instanceNum\":4,\"zone\":[1]},{\"scalingGroupId\":\"asg-two\\nlines\",\
             \"instanceNum\":1}]}\n"
        )
    );
}

#[test]
fn a_table_shows_the_declared_columns_on_one_line_each() {
    let out = printer(Format::Table, None).render(&data(), &LISTING);
    assert_eq!(
        out.ok().as_deref(),
        Some(
            "scalingGroupId  instanceNum\n\
             --------------  -----------\n\
             asg-1           4\n\
             asg-two lines   1\n"
        )
    );
}

#[test]
fn text_is_tab_separated() {
    let out = printer(Format::Text, None).render(&data(), &LISTING);
    assert_eq!(out.ok().as_deref(), Some("asg-1\t4\nasg-two lines\t1\n"));
}

#[test]
fn a_query_selects_before_formatting() {
    let out =
        printer(Format::Json, Some("scalingGroupSet[].scalingGroupId")).render(&data(), &LISTING);
    assert_eq!(
        out.ok().as_deref(),
        Some("[\"asg-1\",\"asg-two\\nlines\"]\n")
    );
    let out = printer(Format::Table, Some("scalingGroupSet[0]")).render(&data(), &LISTING);
    assert_eq!(
        out.ok().as_deref(),
        Some(
            "instanceNum  scalingGroupId  zone\n\
             -----------  --------------  ----\n\
             4            asg-1           [1]\n"
        )
    );
}

#[test]
fn a_list_of_lists_gives_a_column_per_position() {
    let out = printer(
        Format::Text,
        Some("scalingGroupSet[].[scalingGroupId, instanceNum]"),
    )
    .render(&data(), &LISTING);
    assert_eq!(out.ok().as_deref(), Some("asg-1\t4\nasg-two lines\t1\n"));
    let out =
        printer(Format::Table, Some("scalingGroupSet[].[instanceNum]")).render(&data(), &LISTING);
    assert_eq!(out.ok().as_deref(), Some("[0]\n---\n4\n1\n"));
}

#[test]
fn a_bad_query_is_a_usage_error() {
    assert!(matches!(Query::compile("a[?"), Err(Failure::Usage(_))));
}
