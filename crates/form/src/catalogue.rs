//! The cells of each form version, in template order.
//!
//! The tables below are the only place the template's codes and labels are written down; every
//! reader, rule and renderer walks the [`Catalogue`] built from them.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::{FormVersion, Section, ValueKind};

/// One column of a table: its code, the template's header and an English name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnDef {
    pub code: &'static str,
    pub label: &'static str,
    pub english: &'static str,
    pub kind: ValueKind,
}

/// One row of a table: its code, the template's label path (outer group first) and an English name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowDef {
    pub code: &'static str,
    /// Label path as printed: e.g. `["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"]`.
    pub path: &'static [&'static str],
    /// Other labels seen in published reports for the last element of `path`.
    pub aliases: &'static [&'static str],
    pub english: &'static str,
}

/// A block of rows sharing one header line: an item of section 二, or the whole of 三 or 四.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    pub section: Section,
    /// The item heading printed above the block (`第二十条第（一）项`), if any.
    pub heading: Option<&'static str>,
    pub rows: &'static [RowDef],
    pub columns: &'static [ColumnDef],
}

/// One cell of a form: the unit of every value, rule and output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    /// Dense index in template order, `0..catalogue.len()`.
    pub index: usize,
    pub section: Section,
    pub block: usize,
    pub row: &'static RowDef,
    pub column: &'static ColumnDef,
}

impl Cell {
    pub fn kind(&self) -> ValueKind {
        self.column.kind
    }

    /// `section.row.column`, the form the trend and findings outputs use.
    pub fn code(&self) -> String {
        format!(
            "{}.{}.{}",
            self.section.code(),
            self.row.code,
            self.column.code
        )
    }
}

const fn col(code: &'static str, label: &'static str, english: &'static str) -> ColumnDef {
    ColumnDef {
        code,
        label,
        english,
        kind: ValueKind::Count,
    }
}

const fn col_kind(
    code: &'static str,
    label: &'static str,
    english: &'static str,
    kind: ValueKind,
) -> ColumnDef {
    ColumnDef {
        code,
        label,
        english,
        kind,
    }
}

const fn row(code: &'static str, path: &'static [&'static str], english: &'static str) -> RowDef {
    RowDef {
        code,
        path,
        aliases: &[],
        english,
    }
}

// ---------------------------------------------------------------- section 二, form 2019

const COLS_2019_DOCS: &[ColumnDef] = &[
    col("new_made", "本年新制作数量", "made this year"),
    col("new_published", "本年新公开数量", "published this year"),
    col("total_published", "对外公开总数量", "total published"),
];
const COLS_2019_ITEMS: &[ColumnDef] = &[
    col("prior_year_items", "上一年项目数量", "items last year"),
    col_kind(
        "change",
        "本年增/减",
        "change this year",
        ValueKind::SignedCount,
    ),
    col("decisions", "处理决定数量", "decisions"),
];
const COLS_2019_FEES: &[ColumnDef] = &[
    col("prior_year_items", "上一年项目数量", "items last year"),
    col_kind(
        "change",
        "本年增/减",
        "change this year",
        ValueKind::SignedCount,
    ),
];
const COLS_2019_PROCUREMENT: &[ColumnDef] = &[
    col("projects", "采购项目数量", "procurement projects"),
    col_kind(
        "amount",
        "采购总金额",
        "procurement amount (10k yuan)",
        ValueKind::Money,
    ),
];

const ROW_REGULATIONS: RowDef = row("regulations", &["规章"], "regulations");
const ROW_NORMATIVE_2019: RowDef = RowDef {
    code: "normative_documents",
    path: &["规范性文件"],
    aliases: &["行政规范性文件"],
    english: "normative documents",
};
const ROW_NORMATIVE_2021: RowDef = RowDef {
    code: "normative_documents",
    path: &["行政规范性文件"],
    aliases: &["规范性文件"],
    english: "normative documents",
};
const ROW_LICENSING: RowDef = row("licensing", &["行政许可"], "administrative licensing");
const ROW_OTHER_SERVICES: RowDef = row(
    "other_services",
    &["其他对外管理服务事项"],
    "other public management services",
);
const ROW_PENALTY: RowDef = row("penalty", &["行政处罚"], "administrative penalties");
const ROW_COERCION: RowDef = row("coercion", &["行政强制"], "administrative coercion");
const ROW_FEES: RowDef = row("fees", &["行政事业性收费"], "administrative fees");
const ROW_PROCUREMENT: RowDef = row("procurement", &["政府集中采购"], "government procurement");

const ITEM_1: &str = "第二十条第（一）项";
const ITEM_5: &str = "第二十条第（五）项";
const ITEM_6: &str = "第二十条第（六）项";
const ITEM_8: &str = "第二十条第（八）项";
const ITEM_9: &str = "第二十条第（九）项";

const ACTIVE_2019: &[Block] = &[
    Block {
        section: Section::Active,
        heading: Some(ITEM_1),
        rows: &[ROW_REGULATIONS, ROW_NORMATIVE_2019],
        columns: COLS_2019_DOCS,
    },
    Block {
        section: Section::Active,
        heading: Some(ITEM_5),
        rows: &[ROW_LICENSING, ROW_OTHER_SERVICES],
        columns: COLS_2019_ITEMS,
    },
    Block {
        section: Section::Active,
        heading: Some(ITEM_6),
        rows: &[ROW_PENALTY, ROW_COERCION],
        columns: COLS_2019_ITEMS,
    },
    Block {
        section: Section::Active,
        heading: Some(ITEM_8),
        rows: &[ROW_FEES],
        columns: COLS_2019_FEES,
    },
    Block {
        section: Section::Active,
        heading: Some(ITEM_9),
        rows: &[ROW_PROCUREMENT],
        columns: COLS_2019_PROCUREMENT,
    },
];

// ---------------------------------------------------------------- section 二, form 2021

const COLS_2021_DOCS: &[ColumnDef] = &[
    col("issued", "本年制发件数", "issued this year"),
    col("abolished", "本年废止件数", "abolished this year"),
    col("in_force", "现行有效件数", "in force"),
];
const COLS_2021_DECISIONS: &[ColumnDef] =
    &[col("decisions", "本年处理决定数量", "decisions this year")];
const COLS_2021_FEES: &[ColumnDef] = &[col_kind(
    "amount",
    "本年收费金额（单位：万元）",
    "fees collected (10k yuan)",
    ValueKind::Money,
)];

const ACTIVE_2021: &[Block] = &[
    Block {
        section: Section::Active,
        heading: Some(ITEM_1),
        rows: &[ROW_REGULATIONS, ROW_NORMATIVE_2021],
        columns: COLS_2021_DOCS,
    },
    Block {
        section: Section::Active,
        heading: Some(ITEM_5),
        rows: &[ROW_LICENSING],
        columns: COLS_2021_DECISIONS,
    },
    Block {
        section: Section::Active,
        heading: Some(ITEM_6),
        rows: &[ROW_PENALTY, ROW_COERCION],
        columns: COLS_2021_DECISIONS,
    },
    Block {
        section: Section::Active,
        heading: Some(ITEM_8),
        rows: &[ROW_FEES],
        columns: COLS_2021_FEES,
    },
];

// ---------------------------------------------------------------- section 三

const REQUEST_COLUMNS: &[ColumnDef] = &[
    col("natural_person", "自然人", "natural persons"),
    col(
        "commercial_enterprise",
        "商业企业",
        "commercial enterprises",
    ),
    col("research_institution", "科研机构", "research institutions"),
    col(
        "social_welfare_org",
        "社会公益组织",
        "social welfare organisations",
    ),
    col(
        "legal_service_org",
        "法律服务机构",
        "legal service organisations",
    ),
    col("other_org", "其他", "other organisations"),
    col("total", "总计", "total"),
];

const RESULTS: &str = "三、本年度办理结果";
const WITHHELD: &str = "（三）不予公开";
const UNABLE: &str = "（四）无法提供";
const NOT_PROCESSED: &str = "（五）不予处理";
const OTHER: &str = "（六）其他处理";

macro_rules! request_rows {
    ($($other:expr),* $(,)?) => {
        &[
            row("new_received", &["一、本年新收政府信息公开申请数量"], "new applications received"),
            row("carried_over", &["二、上年结转政府信息公开申请数量"], "carried over from last year"),
            row("granted", &[RESULTS, "（一）予以公开"], "granted"),
            row(
                "partially_granted",
                &[RESULTS, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"],
                "partially granted",
            ),
            row("withheld.state_secret", &[RESULTS, WITHHELD, "1.属于国家秘密"], "withheld: state secret"),
            row(
                "withheld.prohibited_by_law",
                &[RESULTS, WITHHELD, "2.其他法律行政法规禁止公开"],
                "withheld: prohibited by other laws",
            ),
            row(
                "withheld.security_stability",
                &[RESULTS, WITHHELD, "3.危及“三安全一稳定”"],
                "withheld: endangers security or stability",
            ),
            row(
                "withheld.third_party_rights",
                &[RESULTS, WITHHELD, "4.保护第三方合法权益"],
                "withheld: third-party rights",
            ),
            row(
                "withheld.internal_affairs",
                &[RESULTS, WITHHELD, "5.属于三类内部事务信息"],
                "withheld: internal affairs",
            ),
            row(
                "withheld.process_information",
                &[RESULTS, WITHHELD, "6.属于四类过程性信息"],
                "withheld: process information",
            ),
            row(
                "withheld.law_enforcement_files",
                &[RESULTS, WITHHELD, "7.属于行政执法案卷"],
                "withheld: law enforcement files",
            ),
            row(
                "withheld.administrative_inquiry",
                &[RESULTS, WITHHELD, "8.属于行政查询事项"],
                "withheld: administrative inquiry",
            ),
            row(
                "unable.not_held",
                &[RESULTS, UNABLE, "1.本机关不掌握相关政府信息"],
                "unable: information not held",
            ),
            row(
                "unable.needs_creation",
                &[RESULTS, UNABLE, "2.没有现成信息需要另行制作"],
                "unable: would need to be created",
            ),
            row(
                "unable.unclear_after_correction",
                &[RESULTS, UNABLE, "3.补正后申请内容仍不明确"],
                "unable: unclear after correction",
            ),
            row(
                "not_processed.petition_complaint",
                &[RESULTS, NOT_PROCESSED, "1.信访举报投诉类申请"],
                "not processed: petition or complaint",
            ),
            row(
                "not_processed.duplicate",
                &[RESULTS, NOT_PROCESSED, "2.重复申请"],
                "not processed: duplicate",
            ),
            row(
                "not_processed.publication",
                &[RESULTS, NOT_PROCESSED, "3.要求提供公开出版物"],
                "not processed: asks for publications",
            ),
            row(
                "not_processed.unreasonable_repeated",
                &[RESULTS, NOT_PROCESSED, "4.无正当理由大量反复申请"],
                "not processed: unreasonable mass repetition",
            ),
            row(
                "not_processed.confirm_or_reissue",
                &[RESULTS, NOT_PROCESSED, "5.要求行政机关确认或重新出具已获取信息"],
                "not processed: confirm or reissue",
            ),
            $($other,)*
            row("total", &[RESULTS, "（七）总计"], "total"),
            row("carried_forward", &["四、结转下年度继续办理"], "carried forward to next year"),
        ]
    };
}

const REQUEST_ROWS_2019: &[RowDef] =
    request_rows![row("other", &[RESULTS, OTHER], "other handling")];
const REQUEST_ROWS_2021: &[RowDef] = request_rows![
    row(
        "other.overdue_correction",
        &[
            RESULTS,
            OTHER,
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
        ],
        "other: correction overdue",
    ),
    row(
        "other.fee_unpaid",
        &[
            RESULTS,
            OTHER,
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
        ],
        "other: fee unpaid",
    ),
    row("other.other", &[RESULTS, OTHER, "3.其他"], "other: other"),
];

// ---------------------------------------------------------------- section 四

const APPEAL_COLUMNS: &[ColumnDef] = &[
    col("upheld", "结果维持", "upheld"),
    col("corrected", "结果纠正", "corrected"),
    col("other", "其他结果", "other outcome"),
    col("pending", "尚未审结", "pending"),
    col("total", "总计", "total"),
];
const LITIGATION: &str = "行政诉讼";
const APPEAL_ROWS: &[RowDef] = &[
    row(
        "reconsideration",
        &["行政复议"],
        "administrative reconsideration",
    ),
    row(
        "litigation_direct",
        &[LITIGATION, "未经复议直接起诉"],
        "litigation without reconsideration",
    ),
    row(
        "litigation_after_reconsideration",
        &[LITIGATION, "复议后起诉"],
        "litigation after reconsideration",
    ),
];

const REQUESTS_2019: Block = Block {
    section: Section::Requests,
    heading: None,
    rows: REQUEST_ROWS_2019,
    columns: REQUEST_COLUMNS,
};
const REQUESTS_2021: Block = Block {
    section: Section::Requests,
    heading: None,
    rows: REQUEST_ROWS_2021,
    columns: REQUEST_COLUMNS,
};
const APPEALS: Block = Block {
    section: Section::Appeals,
    heading: None,
    rows: APPEAL_ROWS,
    columns: APPEAL_COLUMNS,
};

/// The whole form of one version: its blocks and the dense list of cells built from them.
#[derive(Debug)]
pub struct Catalogue {
    pub form: FormVersion,
    pub blocks: Vec<Block>,
    pub cells: Vec<Cell>,
    /// Dense index of each block's first cell.
    block_starts: Vec<usize>,
    /// `section.row.column` → dense index, for the tidy reader.
    codes: HashMap<String, usize>,
}

impl Catalogue {
    fn build(form: FormVersion) -> Catalogue {
        let mut blocks: Vec<Block> = match form {
            FormVersion::F2019 => ACTIVE_2019.to_vec(),
            FormVersion::F2021 => ACTIVE_2021.to_vec(),
        };
        blocks.push(match form {
            FormVersion::F2019 => REQUESTS_2019,
            FormVersion::F2021 => REQUESTS_2021,
        });
        blocks.push(APPEALS);
        let mut cells = Vec::new();
        let mut block_starts = Vec::new();
        for (b, block) in blocks.iter().enumerate() {
            block_starts.push(cells.len());
            for row in block.rows {
                for column in block.columns {
                    cells.push(Cell {
                        index: cells.len(),
                        section: block.section,
                        block: b,
                        row,
                        column,
                    });
                }
            }
        }
        let codes = cells.iter().map(|c| (c.code(), c.index)).collect();
        Catalogue {
            form,
            blocks,
            cells,
            block_starts,
            codes,
        }
    }

    pub fn get(form: FormVersion) -> &'static Catalogue {
        static F2019: OnceLock<Catalogue> = OnceLock::new();
        static F2021: OnceLock<Catalogue> = OnceLock::new();
        match form {
            FormVersion::F2019 => F2019.get_or_init(|| Catalogue::build(form)),
            FormVersion::F2021 => F2021.get_or_init(|| Catalogue::build(form)),
        }
    }

    pub fn len(&self) -> usize {
        self.cells.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// The cell with these codes, if this form has it.
    pub fn find(&self, section: Section, row: &str, column: &str) -> Option<&Cell> {
        self.cells
            .iter()
            .find(|c| c.section == section && c.row.code == row && c.column.code == column)
    }

    /// Dense index of the cell at (`row`, `column`) of `block`.
    pub fn cell_index(&self, block: usize, row: usize, column: usize) -> usize {
        self.block_starts[block] + row * self.blocks[block].columns.len() + column
    }

    /// The cell with the dotted code `section.row.column`.
    pub fn by_code(&self, code: &str) -> Option<&Cell> {
        self.codes.get(code).map(|&i| &self.cells[i])
    }

    /// Index of the cell in `section` at (`row`, `column`); panics only on a catalogue typo.
    pub(crate) fn index_of(&self, section: Section, row: &str, column: &str) -> usize {
        match self.find(section, row, column) {
            Some(c) => c.index,
            None => unreachable!("catalogue has no cell {section:?}.{row}.{column}"),
        }
    }

    pub fn cells_of(&self, section: Section) -> impl Iterator<Item = &Cell> {
        self.cells.iter().filter(move |c| c.section == section)
    }

    /// The block of `section` that holds rows and columns of the requests or appeals table.
    pub fn block_of(&self, section: Section) -> &Block {
        self.blocks
            .iter()
            .find(|b| b.section == section)
            .unwrap_or_else(|| unreachable!("every form has a block per section"))
    }

    /// Row codes of `section` in template order, each once.
    pub fn rows_of(&self, section: Section) -> Vec<&'static RowDef> {
        self.blocks
            .iter()
            .filter(|b| b.section == section)
            .flat_map(|b| b.rows.iter())
            .collect()
    }
}
