//! The draft read back as `gongkai import` reads a published Word report (the project's Word
//! reader, then the one locator with the conventions of published reports): every cell of the
//! form is found, not blank, and equal to the value the draft was made from — for both forms,
//! on the published Lanzhou 2020 totals and on random figures. And the sentences of
//! 一、总体情况 carry the totals.

use std::path::Path;

use gongkai_document::Block;
use gongkai_draft::{docx, Draft, DraftError, Figures};
use gongkai_form::{parse_value, FormVersion, Level, RuleId, Section, ValueKind, MONEY_SCALE};
use gongkai_report::{Check, Place};
use proptest::prelude::*;

mod common;

use common::{lanzhou_sample, root};

/// The published Lanzhou 2020 totals (form 2019), from the tidy CSV of the published report.
fn lanzhou_2020() -> Vec<i64> {
    let form = FormVersion::F2019;
    let cat = form.catalogue();
    let path = root().join("tests/fixtures/lanzhou-2020-published.csv");
    let text = std::fs::read_to_string(&path).expect("the published totals");
    let mut values = vec![0; cat.len()];
    let mut seen = vec![false; cat.len()];
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(f.len(), 6, "{line}");
        let section = Section::parse(f[2]).expect("a section");
        let cell = cat.find(section, f[3], f[4]).expect("a cell of form 2019");
        values[cell.index] = parse_value(f[5], cell.kind())
            .expect("a value")
            .expect("not blank");
        seen[cell.index] = true;
    }
    assert!(seen.iter().all(|s| *s), "the CSV has every cell");
    values
}

/// What the project's reader makes of the draft.
fn read_back(bytes: &[u8], name: &str, year: i32) -> gongkai_pages::PageImport {
    let file = format!("{name}{year}年政府信息公开工作年度报告.docx");
    gongkai_pages::import_bytes(bytes, Path::new(&file))
}

/// Every cell found, none blank, each equal to what went in; unit, year and form from the title.
fn assert_round_trip(name: &str, figures: Figures, previous: Option<Figures>) {
    let bytes = docx(&Draft {
        caveats: &[],
        name,
        current: figures,
        previous,
    })
    .expect("a draft");
    let imp = read_back(&bytes, name, figures.year);
    let report = imp
        .report
        .as_ref()
        .unwrap_or_else(|| panic!("not read: {:?}", imp.diagnostics));
    assert_eq!(report.unit, name);
    assert_eq!(report.year, figures.year);
    assert_eq!(report.form, figures.form);
    assert!(
        imp.is_complete(),
        "{} of {} cells found; missing {:?}; {:?}",
        imp.found(),
        imp.expected(),
        imp.missing(),
        imp.diagnostics
    );
    let cat = figures.form.catalogue();
    for cell in &cat.cells {
        assert!(!report.blank[cell.index], "{} read as blank", cell.code());
        assert_eq!(
            report.values[cell.index],
            figures.values[cell.index],
            "{}",
            cell.code()
        );
    }
    assert!(imp.derived.is_empty(), "no total had to be derived");
    assert_eq!(imp.bad_cells, 0);
    let errors: Vec<_> = imp
        .diagnostics
        .iter()
        .filter(|d| d.level == Level::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    // The overview states what the tables hold: N1, reading its sentences, finds nothing.
    let n1: Vec<_> = imp
        .findings
        .iter()
        .filter(|f| f.rule == Check::Rule(RuleId::N1))
        .collect();
    assert!(n1.is_empty(), "{n1:#?}");
}

#[test]
fn lanzhou_2020_reads_back_to_the_published_totals() {
    let values = lanzhou_2020();
    assert_eq!(values.len(), 198);
    let figures = Figures {
        year: 2020,
        form: FormVersion::F2019,
        values: &values,
    };
    assert_round_trip("兰州市", figures, None);
    // The published totals keep the form's rules: the import finds nothing wrong.
    let bytes = docx(&Draft {
        caveats: &[],
        name: "兰州市",
        current: figures,
        previous: None,
    })
    .unwrap();
    let imp = read_back(&bytes, "兰州市", 2020);
    assert!(imp.findings.is_empty(), "{:?}", imp.findings);
}

/// N1 reads the overview's sentences: each figure they state, changed in the tables, is named
/// (so the round trip's silence is N1 agreeing, not N1 reading nothing).
#[test]
fn n1_holds_the_overview_to_the_tables() {
    let values = lanzhou_2020();
    let bytes = docx(&Draft {
        caveats: &[],
        name: "兰州市",
        current: Figures {
            year: 2020,
            form: FormVersion::F2019,
            values: &values,
        },
        previous: None,
    })
    .unwrap();
    let imp = read_back(&bytes, "兰州市", 2020);
    let report = imp.report.clone().expect("a report");
    let mut prose = gongkai_narrative::Prose::new();
    for line in lines(&bytes) {
        prose.push(&line, Place::File);
    }
    assert!(gongkai_narrative::check(&prose, &report).is_empty());
    let cat = report.form.catalogue();
    for code in [
        "requests.new_received.total",
        "requests.total.total",
        "requests.granted.total",
        "requests.carried_forward.total",
        "appeals.reconsideration.total",
        "appeals.litigation_direct.total",
        "appeals.litigation_after_reconsideration.total",
        "active.regulations.new_made",
        "active.normative_documents.new_published",
        "active.normative_documents.total_published",
    ] {
        let mut changed = report.clone();
        let cell = cat.by_code(code).expect("a cell").index;
        changed.values[cell] += 5;
        let found = gongkai_narrative::check(&prose, &changed);
        assert!(
            !found.is_empty() && found.iter().all(|f| f.cells.iter().any(|c| c == code)),
            "{code}: {found:#?}"
        );
    }
}

/// Random values of the right kinds: counts ≥ 0, signed changes, money with up to six decimals
/// of 万元, a few large.
fn values_of(form: FormVersion) -> impl Strategy<Value = Vec<i64>> {
    let kinds: Vec<ValueKind> = form.catalogue().cells.iter().map(|c| c.kind()).collect();
    kinds
        .into_iter()
        .map(|kind| match kind {
            ValueKind::Count => prop_oneof![0i64..50, 0i64..10_000_000].boxed(),
            ValueKind::SignedCount => (-5_000i64..5_000).boxed(),
            ValueKind::Money => prop_oneof![
                (0i64..1_000_000).prop_map(|v| v * MONEY_SCALE),
                0i64..1_000_000_000_000,
            ]
            .boxed(),
        })
        .collect::<Vec<_>>()
}

fn form_and_values() -> impl Strategy<Value = (FormVersion, Vec<i64>)> {
    prop_oneof![
        values_of(FormVersion::F2019).prop_map(|v| (FormVersion::F2019, v)),
        values_of(FormVersion::F2021).prop_map(|v| (FormVersion::F2021, v)),
    ]
}

proptest! {
    // Each case writes and reads a whole report: a few dozen are enough to meet every kind
    // of value in every cell.
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_figures_read_back_exactly((form, values) in form_and_values()) {
        let year = if form == FormVersion::F2019 { 2020 } else { 2022 };
        assert_round_trip("城关区", Figures { year, form, values: &values }, None);
    }
}

#[test]
fn both_forms_read_back_with_a_previous_year_of_the_other_form() {
    // Values that differ cell by cell, so a cell read from its neighbour shows.
    let fill = |form: FormVersion, seed: i64| -> Vec<i64> {
        (0..form.catalogue().len() as i64)
            .map(|i| (i * 7919 + seed) % 9973)
            .collect()
    };
    let v2020 = fill(FormVersion::F2019, 1);
    let v2021 = fill(FormVersion::F2021, 2);
    let previous = Figures {
        year: 2020,
        form: FormVersion::F2019,
        values: &v2020,
    };
    let current = Figures {
        year: 2021,
        form: FormVersion::F2021,
        values: &v2021,
    };
    assert_round_trip("兰州市", current, Some(previous));
    assert_round_trip("兰州市", previous, None);
}

/// The lines of the draft outside its tables, as the project's Word reader gives them.
fn lines(bytes: &[u8]) -> Vec<String> {
    let flow = gongkai_docx::read(bytes).expect("the draft reads");
    flow.blocks
        .into_iter()
        .filter_map(|b| match b {
            Block::Lines(lines) => Some(lines),
            Block::Table(_) => None,
        })
        .flatten()
        .collect()
}

fn paragraph_with<'a>(lines: &'a [String], start: &str) -> &'a str {
    lines
        .iter()
        .find(|l| l.contains(start))
        .unwrap_or_else(|| panic!("no line with {start}: {lines:#?}"))
}

#[test]
fn the_overview_states_the_lanzhou_totals_and_no_change_without_a_previous_year() {
    let values = lanzhou_2020();
    let bytes = docx(&Draft {
        caveats: &[],
        name: "兰州市",
        current: Figures {
            year: 2020,
            form: FormVersion::F2019,
            values: &values,
        },
        previous: None,
    })
    .unwrap();
    let lines = lines(&bytes);
    assert_eq!(lines[0], "兰州市2020年政府信息公开工作年度报告");
    let received = paragraph_with(&lines, "新收政府信息公开申请");
    // 343 received: 284 from natural persons, 50 + 1 + 2 + 6 + 0 = 59 from organisations.
    assert!(
        received.contains("新收政府信息公开申请343件，其中自然人申请284件，法人或其他组织申请59件"),
        "{received}"
    );
    assert!(
        received.contains("上年结转政府信息公开申请14件"),
        "{received}"
    );
    let results = paragraph_with(&lines, "本年度办理结果中");
    for part in [
        "予以公开297件",
        "部分公开8件",
        // 0 + 4 + 0 + 1 + 3 + 2 + 3 + 2
        "不予公开15件",
        "无法提供26件",
        // 2 + 6 + 0 + 3 + 0
        "不予处理11件",
        "其他处理0件",
        "办理结果总计357件",
        "结转下年度继续办理0件",
    ] {
        assert!(results.contains(part), "{part}: {results}");
    }
    let appeals = paragraph_with(&lines, "行政复议案件");
    for part in [
        "行政复议案件68件，其中结果维持18件，结果纠正6件，其他结果30件，尚未审结14件",
        // 41 + 14; corrected 2 + 0
        "行政诉讼案件55件，其中未经复议直接起诉41件、复议后起诉14件，结果维持2件，结果纠正2件，其他结果32件，尚未审结19件",
    ] {
        assert!(appeals.contains(part), "{part}: {appeals}");
    }
    let active = paragraph_with(&lines, "新制作规章");
    for part in [
        "新制作规章36件",
        "对外公开规范性文件总数3117件",
        "作出行政许可处理决定1432816件",
        "政府集中采购项目6447个",
        "政府集中采购总金额278800万元",
    ] {
        assert!(active.contains(part), "{part}: {active}");
    }
    let all = lines.join("\n");
    assert!(!all.contains("同比"), "no year to compare with");
    assert!(!all.contains("持平"));
    for heading in [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ] {
        assert!(lines.iter().any(|l| l == heading), "{heading}");
    }
}

#[test]
fn changes_are_stated_only_where_the_previous_year_has_the_measure() {
    let cur_form = FormVersion::F2021;
    let cat = cur_form.catalogue();
    let mut current = vec![0; cat.len()];
    let at = |form: FormVersion, s: Section, r: &str, c: &str| {
        form.catalogue().find(s, r, c).unwrap().index
    };
    current[at(cur_form, Section::Requests, "new_received", "total")] = 120;
    current[at(cur_form, Section::Requests, "granted", "total")] = 50;
    current[at(cur_form, Section::Active, "licensing", "decisions")] = 900;
    current[at(cur_form, Section::Active, "regulations", "issued")] = 7;
    current[at(cur_form, Section::Appeals, "reconsideration", "total")] = 4;
    // 2021's 其他处理 is three rows: 2 + 3 compares with 2020's one row.
    current[at(cur_form, Section::Requests, "other.fee_unpaid", "total")] = 2;
    current[at(cur_form, Section::Requests, "other.other", "total")] = 3;

    let prev_form = FormVersion::F2019;
    let mut previous = vec![0; prev_form.catalogue().len()];
    previous[at(prev_form, Section::Requests, "new_received", "total")] = 100;
    previous[at(prev_form, Section::Requests, "granted", "total")] = 50;
    previous[at(prev_form, Section::Active, "licensing", "decisions")] = 1000;
    previous[at(prev_form, Section::Active, "regulations", "new_made")] = 9;
    previous[at(prev_form, Section::Requests, "other", "total")] = 4;

    let draft = |prev: Option<Figures>| {
        let bytes = docx(&Draft {
            caveats: &[],
            name: "兰州市",
            current: Figures {
                year: 2021,
                form: cur_form,
                values: &current,
            },
            previous: prev,
        })
        .unwrap();
        lines(&bytes).join("\n")
    };
    let with = draft(Some(Figures {
        year: 2020,
        form: prev_form,
        values: &previous,
    }));
    assert!(
        with.contains("新收政府信息公开申请120件，同比增加20件（20.0%）"),
        "{with}"
    );
    assert!(with.contains("予以公开50件，与上年持平"), "{with}");
    assert!(with.contains("其他处理5件，同比增加1件（25.0%）"), "{with}");
    assert!(
        with.contains("作出行政许可处理决定900件，同比减少100件（10.0%）"),
        "处理决定数量 is in both forms: {with}"
    );
    assert!(
        with.contains("制发规章7件；"),
        "2021's 制发 is not 2020's 新制作: no change stated: {with}"
    );
    assert!(
        with.contains("行政复议案件4件，同比增加4件，"),
        "from none, no percentage: {with}"
    );

    let two_years = draft(Some(Figures {
        year: 2019,
        form: prev_form,
        values: &previous,
    }));
    assert!(
        two_years.contains("新收政府信息公开申请120件，较2019年增加20件（20.0%）"),
        "{two_years}"
    );
    assert!(
        two_years.contains("予以公开50件，与2019年持平"),
        "{two_years}"
    );

    let without = draft(None);
    assert!(
        !without.contains("同比") && !without.contains("持平"),
        "{without}"
    );
    assert!(
        without.contains("新收政府信息公开申请120件，其中"),
        "{without}"
    );
}

#[test]
fn figures_of_the_wrong_size_or_order_are_refused() {
    let short = vec![0; 10];
    let good = vec![0; FormVersion::F2019.catalogue().len()];
    let err = docx(&Draft {
        caveats: &[],
        name: "兰州市",
        current: Figures {
            year: 2021,
            form: FormVersion::F2021,
            values: &short,
        },
        previous: None,
    })
    .unwrap_err();
    assert_eq!(
        err,
        DraftError::Values {
            year: 2021,
            form: FormVersion::F2021,
            found: 10,
            expected: 200
        }
    );
    assert!(err.to_string().contains("200"), "{err}");
    let err = docx(&Draft {
        caveats: &[],
        name: "兰州市",
        current: Figures {
            year: 2020,
            form: FormVersion::F2019,
            values: &good,
        },
        previous: Some(Figures {
            year: 2020,
            form: FormVersion::F2019,
            values: &good,
        }),
    })
    .unwrap_err();
    assert_eq!(
        err,
        DraftError::PreviousYear {
            previous: 2020,
            current: 2020
        }
    );
}

#[test]
fn lanzhou_2020_over_2019_states_the_changes_of_the_sample_batch() {
    let v2020 = lanzhou_sample(2020);
    assert_eq!(
        v2020,
        lanzhou_2020(),
        "the sample's 2020 sum is the published total"
    );
    let v2019 = lanzhou_sample(2019);
    let cat = FormVersion::F2019.catalogue();
    let at = |row: &str, column: &str| cat.find(Section::Requests, row, column).unwrap().index;
    let (now, before) = (
        v2020[at("new_received", "total")],
        v2019[at("new_received", "total")],
    );
    assert_ne!(now, before, "the sample's years differ");
    let bytes = docx(&Draft {
        caveats: &[],
        name: "兰州市",
        current: Figures {
            year: 2020,
            form: FormVersion::F2019,
            values: &v2020,
        },
        previous: Some(Figures {
            year: 2019,
            form: FormVersion::F2019,
            values: &v2019,
        }),
    })
    .unwrap();
    let lines = lines(&bytes);
    let received = paragraph_with(&lines, "新收政府信息公开申请");
    let by = (now - before).abs();
    let tenths = (by * 2000 + before) / (2 * before);
    let expected = format!(
        "新收政府信息公开申请343件，同比{}{by}件（{}.{}%）",
        if now > before { "增加" } else { "减少" },
        tenths / 10,
        tenths % 10
    );
    assert!(received.contains(&expected), "{expected}: {received}");
    // The tables carry the current year only, whatever the year before.
    assert_round_trip(
        "兰州市",
        Figures {
            year: 2020,
            form: FormVersion::F2019,
            values: &v2020,
        },
        Some(Figures {
            year: 2019,
            form: FormVersion::F2019,
            values: &v2019,
        }),
    );
}
