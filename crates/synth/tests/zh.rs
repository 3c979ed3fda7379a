//! `gongkai generate`'s errors and the Lanzhou sample's summary in Chinese, as a user with a
//! Chinese locale reads them. The language is process-wide, so these run in a test binary of
//! their own; the crate's other tests run in English.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gongkai_messages::{set_lang, Lang};
use gongkai_synth::lanzhou::SampleSummary;
use gongkai_synth::{generate, Config, FileLayout, Years};

#[test]
fn errors_and_the_sample_summary_in_chinese() {
    set_lang(Lang::Zh);
    assert_eq!(
        Years::parse("2023-2019").err().map(|e| e.to_string()),
        Some(
            "年度“2023-2019”有误：应为“起始-终止”（如 2019-2023）或单个年份，且在 2000 至 2100 之间。"
                .to_string()
        )
    );
    let config = Config {
        seed: 1,
        units: 3,
        years: Years {
            first: 2020,
            last: 2020,
        },
        layout: FileLayout::Workbook,
        errors: 0.1,
        variety: false,
    };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        generate(config, &dir.path().join("out")).err().map(|e| e.to_string()),
        Some(
            "--errors 0.1 不能与 --layout workbook 同时使用：注入的差错只写入 CSV 布局（grid、tidy）。\
             使用 --layout workbook 时请设 --errors 0。"
                .to_string()
        )
    );
    let config = Config {
        errors: 0.0,
        ..config
    };
    assert_eq!(
        generate(config, Path::new("/"))
            .err()
            .map(|e| e.to_string()),
        Some("/：输出文件夹须有自己的名称（不能是 . 或 /）。".to_string())
    );

    let summary = SampleSummary {
        root: PathBuf::from("."),
        years: vec!["2020 年：……".to_string()],
        files: 100,
        encodings: BTreeMap::from([("GB18030", 40), ("UTF-8", 60)]),
        blank_cells: 7,
        warnings: Vec::new(),
        pairs: 80,
        cells: 198,
    };
    assert_eq!(
        summary.to_string(),
        "2020 年：……\n已写出 2019–2023 年单位报告 100 份，位于 . 下的 data/lanzhou/<年度>（GB18030 40 \
         份、UTF-8 60 份；空白单元格 7 个），以及 data/lanzhou/units.csv、\
         tests/fixtures/lanzhou-2020-published.csv 和 tests/fixtures/lanzhou-trend-expected.csv；\
         回读核验：提示 0 条，每份报告和全市合计均符合 R1–R6，80 组相邻年度均符合 X1–X4，2020 年\
         各单位之和与兰州市公布的合计一致（198 个单元格）。"
    );
}
