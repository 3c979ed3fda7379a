//! Cells, rows, columns and value errors in both languages. The language is process-wide: this test
//! binary is the only one of the crate that sets it, in one test that restores it.

use gongkai_form::names::scope_name;
use gongkai_form::{FormVersion, Section, ValueError, ValueKind};
use gongkai_messages::{lang, set_lang, Lang};

/// Names in both languages: the language is process-wide, so one test sets and restores it.
#[test]
fn cells_rows_and_columns_are_named_as_the_form_prints_them() {
    let was = lang();
    let cat = FormVersion::F2021.catalogue();
    let cell = |s: Section, row: &str, col: &str| cat.find(s, row, col).copied();
    let granted = cell(Section::Requests, "granted", "natural_person");
    let other = cell(Section::Requests, "other.other", "total");
    let regulations = cell(Section::Active, "regulations", "issued");
    let names = |lang: Lang| {
        set_lang(lang);
        (
            granted.map(|c| (c.name(), c.code_name())),
            other.map(|c| c.name()),
            regulations.map(|c| c.name()),
            scope_name(cat, Section::Requests, "granted"),
            scope_name(cat, Section::Requests, "natural_person"),
        )
    };
    let values = |lang: Lang| {
        set_lang(lang);
        (
            ValueError::NotWhole.to_string(),
            ValueKind::Count.expected(),
            Section::Appeals.table_name(),
        )
    };
    let zh = names(Lang::Zh);
    let en = names(Lang::En);
    let (zh_values, en_values) = (values(Lang::Zh), values(Lang::En));
    set_lang(was);
    assert_eq!(
        zh_values,
        (
            "不是整数".to_string(),
            "不小于 0 的整数".to_string(),
            "表四".to_string()
        )
    );
    assert_eq!(
        en_values,
        (
            "not a whole number".to_string(),
            "a whole number ≥ 0".to_string(),
            "table 四".to_string()
        )
    );
    assert_eq!(
        zh,
        (
            Some((
                "表三“（一）予以公开”行“自然人”列".to_string(),
                "表三“（一）予以公开”行“自然人”列".to_string()
            )),
            Some("表三“3.其他”行“总计”列".to_string()),
            Some("表二“规章”行“本年制发件数”列".to_string()),
            "表三“（一）予以公开”行".to_string(),
            "表三“自然人”列".to_string(),
        )
    );
    assert_eq!(
        en,
        (
            Some((
                "requests.granted.natural_person (（一）予以公开 / 自然人)".to_string(),
                "requests.granted.natural_person".to_string()
            )),
            Some("requests.other.other.total (3.其他 / 总计)".to_string()),
            Some("active.regulations.issued (规章 / 本年制发件数)".to_string()),
            "row granted".to_string(),
            "column natural_person".to_string(),
        )
    );
}
