//! The sample's units: 8 districts and counties and 13 city departments, with the weights the
//! 2020 split shares the totals by, how each saves its file, and when it reports. All invented.

use gongkai_report::UnitKind;

use super::YEARS;
use crate::write::{Blanks, Encoding, FileStyle};
use crate::FileLayout;

#[derive(Debug)]
pub(super) struct Unit {
    pub name: &'static str,
    pub kind: UnitKind,
    /// Weight of section 二 (active disclosure) before per-row multipliers.
    pub active: f64,
    /// Weight of sections 三 and 四 (applications, appeals).
    pub requests: f64,
    pub file: File,
    /// First report year.
    pub from: i32,
    /// Last report year (`None`: still reporting).
    pub to: Option<i32>,
    /// The unit's own drift of applications per year on top of the city's (below 1: falling).
    pub trend: f64,
}

/// How a unit saves its file, every year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct File {
    pub layout: FileLayout,
    pub style: FileStyle,
}

/// A form grid in this encoding, with these zeros left blank.
const fn grid(encoding: Encoding, blanks: Blanks) -> File {
    File {
        layout: FileLayout::Grid,
        style: FileStyle {
            encoding,
            blanks,
            variety: None,
        },
    }
}

/// Tidy CSV (UTF-8) instead of the form grid.
const TIDY: File = File {
    layout: FileLayout::Tidy,
    style: FileStyle {
        encoding: Encoding::Utf8,
        blanks: Blanks::None,
        variety: None,
    },
};

const fn unit(name: &'static str, kind: UnitKind, active: f64, requests: f64, file: File) -> Unit {
    Unit {
        name,
        kind,
        active,
        requests,
        file,
        from: YEARS[0],
        to: None,
        trend: 1.0,
    }
}

impl Unit {
    /// Created in `year`: its first report is that year's.
    const fn from(mut self, year: i32) -> Unit {
        self.from = year;
        self
    }

    /// Merged away after `year`: its last report is that year's.
    const fn to(mut self, year: i32) -> Unit {
        self.to = Some(year);
        self
    }

    const fn trend(mut self, trend: f64) -> Unit {
        self.trend = trend;
        self
    }

    pub fn reports_in(&self, year: i32) -> bool {
        year >= self.from && self.to.is_none_or(|t| year <= t)
    }

    /// The city department `兰州市{name}`.
    fn is_department(&self, name: &str) -> bool {
        self.name
            .strip_prefix(super::CITY)
            .is_some_and(|n| n == name)
    }
}

use Blanks as B;
use Encoding as E;
use UnitKind as K;

/// Every unit, in registry order.
pub(super) const UNITS: &[Unit] = &[
    unit("城关区", K::District, 10.0, 14.0, grid(E::Utf8, B::None)).trend(1.04),
    unit(
        "七里河区",
        K::District,
        8.0,
        10.0,
        grid(E::Utf8Bom, B::None),
    ),
    unit("西固区", K::District, 6.0, 5.0, grid(E::Utf8, B::None)).trend(0.72),
    unit("安宁区", K::District, 6.0, 6.0, grid(E::Utf8, B::None)),
    unit("红古区", K::District, 3.0, 2.0, grid(E::Utf8, B::None)).trend(0.78),
    unit("永登县", K::County, 5.0, 4.0, grid(E::Gb18030, B::None)).trend(0.75),
    unit("皋兰县", K::County, 3.0, 2.0, grid(E::Utf8, B::OrgColumns)),
    unit("榆中县", K::County, 5.0, 5.0, grid(E::Utf8, B::None)),
    unit(
        "兰州市发展和改革委员会",
        K::Department,
        1.5,
        0.3,
        grid(E::Utf8, B::None),
    ),
    unit(
        "兰州市教育局",
        K::Department,
        1.5,
        0.5,
        grid(E::Utf8, B::RequestsAndAppeals),
    ),
    unit(
        "兰州市公安局",
        K::Department,
        4.0,
        1.0,
        grid(E::Utf8, B::None),
    ),
    unit("兰州市财政局", K::Department, 1.0, 0.0, TIDY),
    unit(
        "兰州市人力资源和社会保障局",
        K::Department,
        1.5,
        1.2,
        grid(E::Gb18030, B::None),
    ),
    unit(
        "兰州市自然资源局",
        K::Department,
        2.5,
        4.0,
        grid(E::Utf8, B::None),
    ),
    unit(
        "兰州市生态环境局",
        K::Department,
        2.0,
        0.6,
        grid(E::Utf8, B::None),
    ),
    unit(
        "兰州市住房和城乡建设局",
        K::Department,
        2.5,
        3.0,
        grid(E::Utf8, B::None),
    ),
    // As if merged into another body after its 2021 report.
    unit(
        "兰州市交通运输局",
        K::Department,
        2.5,
        0.4,
        grid(E::Utf8, B::None),
    )
    .to(2021),
    unit(
        "兰州市卫生健康委员会",
        K::Department,
        2.0,
        0.5,
        grid(E::Utf8, B::None),
    ),
    unit(
        "兰州市市场监督管理局",
        K::Department,
        3.0,
        1.5,
        grid(E::Utf8, B::None),
    ),
    unit(
        "兰州市司法局",
        K::Department,
        0.8,
        0.0,
        grid(E::Utf8, B::AllZeros),
    ),
    // A new department whose first report is for 2022 (the real city data bureaus were set up
    // in 2024). Not in the 2020 split.
    unit(
        "兰州市数据局",
        K::Department,
        0.5,
        0.8,
        grid(E::Utf8, B::None),
    )
    .from(2022)
    .trend(1.25),
];

/// The units reporting for `year` with their position in [`UNITS`], in registry order.
pub(super) fn units_in(year: i32) -> impl Iterator<Item = (usize, &'static Unit)> {
    UNITS
        .iter()
        .enumerate()
        .filter(move |(_, u)| u.reports_in(year))
}

/// Per-row multipliers of the active weight: who makes regulations, who issues penalties, …
pub(super) fn row_multiplier(u: &Unit, row: &str) -> f64 {
    if row == "regulations" {
        // Districts and counties do not make 规章; the city's departments draft them.
        return match u.kind {
            K::Department if u.is_department("司法局") => 4.0,
            K::Department => 1.0,
            _ => 0.0,
        };
    }
    if u.kind != K::Department {
        return 1.0;
    }
    let table: &[(&str, f64)] = match row {
        "licensing" => &[
            ("市场监督管理局", 6.0),
            ("公安局", 4.0),
            ("交通运输局", 3.0),
            ("住房和城乡建设局", 3.0),
            ("卫生健康委员会", 3.0),
            ("自然资源局", 2.0),
            ("人力资源和社会保障局", 2.0),
            ("财政局", 0.3),
            ("司法局", 0.5),
        ],
        "penalty" => &[
            ("公安局", 25.0),
            ("市场监督管理局", 5.0),
            ("交通运输局", 4.0),
            ("生态环境局", 3.0),
            ("住房和城乡建设局", 2.0),
            ("卫生健康委员会", 1.5),
            ("教育局", 0.2),
            ("发展和改革委员会", 0.3),
            ("财政局", 0.2),
            ("司法局", 0.3),
        ],
        "coercion" => &[
            ("公安局", 10.0),
            ("市场监督管理局", 3.0),
            ("生态环境局", 2.0),
            ("住房和城乡建设局", 2.0),
            ("交通运输局", 2.0),
            ("教育局", 0.0),
            ("财政局", 0.0),
            ("司法局", 0.0),
            ("发展和改革委员会", 0.2),
        ],
        "fees" => &[
            ("公安局", 2.0),
            ("自然资源局", 2.0),
            ("住房和城乡建设局", 2.0),
            ("发展和改革委员会", 0.3),
        ],
        "procurement" => &[("教育局", 3.0), ("卫生健康委员会", 3.0), ("公安局", 1.5)],
        _ => &[],
    };
    table
        .iter()
        .find(|(name, _)| u.is_department(name))
        .map_or(1.0, |(_, m)| *m)
}
