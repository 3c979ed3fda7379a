//! The tables of an export: their columns, types and meaning, written down once.
//!
//! The same specs give the Arrow schemas (with a `description` per field), the Parquet
//! key-value metadata, the CSV headers and the column tables of `docs/export.md`
//! ([`markdown`], checked against that page by a test).

use std::collections::HashMap;
use std::sync::Arc;

use arrow::datatypes::{DataType, Field, Schema, SchemaRef};

/// Money is an exact decimal in 万元: `MONEY_SCALE` (10⁶) is six decimal places.
pub const MONEY_PRECISION: u8 = 18;
pub const MONEY_SCALE_DIGITS: i8 = 6;

/// The type of an exported column. Flat types only: no lists, structs, maps or unsigned ints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColType {
    /// UTF-8 string (dictionary-encoded in Parquet).
    Str,
    I32,
    I64,
    F64,
    Bool,
    /// Decimal128(18, 6): 万元, exact.
    Money,
}

impl ColType {
    pub fn arrow(self) -> DataType {
        match self {
            ColType::Str => DataType::Utf8,
            ColType::I32 => DataType::Int32,
            ColType::I64 => DataType::Int64,
            ColType::F64 => DataType::Float64,
            ColType::Bool => DataType::Boolean,
            ColType::Money => DataType::Decimal128(MONEY_PRECISION, MONEY_SCALE_DIGITS),
        }
    }

    /// The type as `docs/export.md` names it (DuckDB's names).
    pub fn doc(self) -> &'static str {
        match self {
            ColType::Str => "VARCHAR",
            ColType::I32 => "INTEGER",
            ColType::I64 => "BIGINT",
            ColType::F64 => "DOUBLE",
            ColType::Bool => "BOOLEAN",
            ColType::Money => "DECIMAL(18,6)",
        }
    }
}

/// One column: name, type, whether it may be empty (null), and what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    pub name: &'static str,
    pub ty: ColType,
    pub nullable: bool,
    pub doc: &'static str,
}

/// One exported table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableSpec {
    /// File stem: `facts` → `facts/year=YYYY/part-0.parquet`, others `NAME.parquet`.
    pub name: &'static str,
    pub doc: &'static str,
    pub columns: &'static [ColumnSpec],
}

impl TableSpec {
    /// The Arrow schema, each field with its `description`. Arrow keeps metadata in a `HashMap`,
    /// whose order differs between runs: one key per map keeps the Parquet bytes repeatable.
    pub fn schema(&self) -> SchemaRef {
        let fields: Vec<Field> = self
            .columns
            .iter()
            .map(|c| {
                Field::new(c.name, c.ty.arrow(), c.nullable).with_metadata(HashMap::from([(
                    "description".to_string(),
                    c.doc.to_string(),
                )]))
            })
            .collect();
        Arc::new(Schema::new(fields).with_metadata(HashMap::from([(
            "description".to_string(),
            self.doc.to_string(),
        )])))
    }

    /// `{"column": "what it holds", …}` for the file metadata.
    pub fn columns_json(&self) -> String {
        let map: serde_json::Map<String, serde_json::Value> = self
            .columns
            .iter()
            .map(|c| (c.name.to_string(), serde_json::Value::from(c.doc)))
            .collect();
        serde_json::Value::Object(map).to_string()
    }
}

const fn col(name: &'static str, ty: ColType, nullable: bool, doc: &'static str) -> ColumnSpec {
    ColumnSpec {
        name,
        ty,
        nullable,
        doc,
    }
}

use ColType::*;

const UNIT: ColumnSpec = col("unit", Str, false, "reporting unit (填报单位)");
const FORM: ColumnSpec = col(
    "form",
    Str,
    false,
    "form version: 2019 (report years 2019-2020) or 2021 (2021 onward)",
);
const SECTION: ColumnSpec = col(
    "section",
    Str,
    false,
    "active (二), requests (三) or appeals (四)",
);
const ROW: ColumnSpec = col(
    "row",
    Str,
    false,
    "row code of the spec, e.g. withheld.state_secret",
);
const COLUMN: ColumnSpec = col(
    "column",
    Str,
    false,
    "column code of the spec, e.g. natural_person",
);
const MEASURE: ColumnSpec = col("measure", Str, false, "section.row.column");
/// The leading columns of the tables that mix unit reports and totals (deltas, rates).
const YEAR: ColumnSpec = col("year", I32, false, "report year");
const UNIT_OR_TOTAL: ColumnSpec = col(
    "unit",
    Str,
    false,
    "reporting unit, or the total's name when is_total",
);
const IS_TOTAL: ColumnSpec = col(
    "is_total",
    Bool,
    false,
    "a consolidated total, not a unit report",
);
const LEVEL_IF_TOTAL: ColumnSpec = col(
    "level",
    I32,
    true,
    "the total's level (see totals); empty for units",
);
const MEASURE_ID: ColumnSpec = col(
    "measure_id",
    Str,
    false,
    "form:measure, the one-column key of measures.parquet",
);
const KIND: ColumnSpec = col(
    "kind",
    Str,
    false,
    "count, signed_count (本年增/减) or money: which of value/amount holds the number",
);
const VALUE: ColumnSpec = col(
    "value",
    I64,
    true,
    "the number for kind count or signed_count; empty for money. Sum this",
);
const AMOUNT: ColumnSpec = col(
    "amount",
    Money,
    true,
    "the number for kind money, exact, in 万元; empty for counts. Sum this",
);

pub const FACTS: TableSpec = TableSpec {
    name: "facts",
    doc: "one row per unit report and cell of the form that is not 0, for one year (the year \
          is in the folder name year=YYYY, a hive partition); a cell without a row is 0: filled \
          with 0, left blank or absent (--zeros writes every cell, blank marked)",
    columns: &[
        UNIT,
        FORM,
        SECTION,
        ROW,
        COLUMN,
        MEASURE,
        MEASURE_ID,
        KIND,
        VALUE,
        AMOUNT,
        col(
            "blank",
            Bool,
            false,
            "the unit left the cell blank (or it was absent): counted as 0; such a cell has a \
             row only with --zeros",
        ),
        col(
            "file",
            Str,
            false,
            "the unit's file, as given on the command line",
        ),
        col(
            "line",
            I32,
            true,
            "1-based line of the value in that file; empty when the cell was absent or the file \
             has no lines (a workbook, a Word file, a web page's tables)",
        ),
    ],
};

pub const UNITS: TableSpec = TableSpec {
    name: "units",
    doc: "the units: the registry's, then any reporting unit it lacks; without a registry every \
          reporting unit",
    columns: &[
        UNIT,
        col(
            "kind",
            Str,
            true,
            "city, district, county, department or township (registry); empty without one",
        ),
        col(
            "parent",
            Str,
            true,
            "the unit above it in the registry; empty at the top",
        ),
        col(
            "level",
            I32,
            false,
            "depth in the registry tree: 0 at the top",
        ),
        col("registered", Bool, false, "listed in the units registry"),
        col("from_year", I32, true, "first report year (registry from)"),
        col("to_year", I32, true, "last report year (registry to)"),
        col("reports", I32, false, "reports of this unit in the export"),
    ],
};

pub const MEASURES: TableSpec = TableSpec {
    name: "measures",
    doc: "every measure of both forms: each cell, each group sum (withheld = Σ withheld.*) and \
          each derived rate, with labels",
    columns: &[
        MEASURE_ID,
        FORM,
        MEASURE,
        col("type", Str, false, "cell, group (a sum of rows) or rate"),
        col(
            "section",
            Str,
            true,
            "active, requests or appeals; empty for rates",
        ),
        col(
            "row",
            Str,
            true,
            "row code (a group's prefix for groups); empty for rates",
        ),
        col("column", Str, true, "column code; empty for rates"),
        col(
            "cell",
            I32,
            true,
            "0-based index of the cell in the form's template order; empty unless type = cell",
        ),
        col(
            "template_order",
            I32,
            false,
            "sort key: template order, each group before its rows, rates last",
        ),
        col(
            "label_zh",
            Str,
            false,
            "short Chinese label (row·column, or the rate's name)",
        ),
        col(
            "section_label_zh",
            Str,
            true,
            "the section heading as printed",
        ),
        col(
            "row_label_zh",
            Str,
            true,
            "the row's label path as printed, outer group first, joined by ' / '",
        ),
        col("column_label_zh", Str, true, "the column header as printed"),
        col("label_en", Str, false, "English label"),
        col("kind", Str, false, "count, signed_count, money or rate"),
        col(
            "additive",
            Bool,
            false,
            "false for rates: never sum them, divide summed numerators by summed denominators",
        ),
        col(
            "comparable_2019_2021",
            Bool,
            false,
            "the measure compares across the 2021 form change (section 二 does not)",
        ),
        col(
            "formula",
            Str,
            true,
            "how a rate is computed; empty otherwise",
        ),
    ],
};

pub const TOTALS: TableSpec = TableSpec {
    name: "totals",
    doc: "consolidated totals per year and cell: the batch's total (level 0) and, with a \
          registry, every group of the registry tree with reporting units below it; when every \
          unit lies below one root of the registry, the root's total is the batch's and is \
          written once, so summing level 0 counts each figure once",
    columns: &[
        YEAR,
        col(
            "total",
            Str,
            false,
            "the total's name: --name (else the registry's root above every unit, else 合计), \
             or a registry group",
        ),
        col(
            "level",
            I32,
            false,
            "0 for the batch's total; a registry group's depth in the tree (another root is 0 \
             too)",
        ),
        col(
            "parent",
            Str,
            true,
            "the group above it in the registry; empty at the top",
        ),
        col("units", I32, false, "unit reports summed"),
        col(
            "failing_units",
            I32,
            false,
            "of those, reports with rule errors (see findings.parquet)",
        ),
        FORM,
        SECTION,
        ROW,
        COLUMN,
        MEASURE,
        MEASURE_ID,
        KIND,
        VALUE,
        AMOUNT,
        col(
            "blank_units",
            I32,
            false,
            "unit reports that left the cell blank or absent",
        ),
    ],
};

pub const DELTAS: TableSpec = TableSpec {
    name: "deltas",
    doc: "year over year, per measure: every measure of the batch's total; a unit's or \
          registry group's measure only when it is not 0 in both years (--zeros: every measure); \
          the previous comparable year's value and the change (value/amount/rate by kind)",
    columns: &[
        YEAR,
        UNIT_OR_TOTAL,
        IS_TOTAL,
        LEVEL_IF_TOTAL,
        FORM,
        MEASURE,
        MEASURE_ID,
        col("kind", Str, false, "count, signed_count, money or rate"),
        col("value", I64, true, "this year's value for counts"),
        col("amount", Money, true, "this year's value for money, 万元"),
        col(
            "rate",
            F64,
            true,
            "this year's value for rates (0..1); never sum it",
        ),
        col("previous_value", I64, true, "last year's value for counts"),
        col(
            "previous_amount",
            Money,
            true,
            "last year's value for money",
        ),
        col("previous_rate", F64, true, "last year's value for rates"),
        col("change_value", I64, true, "value − previous_value"),
        col("change_amount", Money, true, "amount − previous_amount"),
        col(
            "change_rate",
            F64,
            true,
            "rate − previous_rate (in rate units, not percent)",
        ),
        col(
            "change_pct",
            F64,
            true,
            "change in percent of the previous value; empty when it was 0 or there is none",
        ),
        col(
            "status",
            Str,
            false,
            "compared; new (the previous value was 0); none (no previous year, or the form \
             change breaks the series)",
        ),
    ],
};

pub const RATES: TableSpec = TableSpec {
    name: "rates",
    doc: "derived rates per year and unit or total (a unit's or registry group's rate of 0 over \
          0 only with --zeros). NOT ADDITIVE: never sum or average `value`; aggregate as \
          sum(numerator) / sum(denominator)",
    columns: &[
        YEAR,
        UNIT_OR_TOTAL,
        IS_TOTAL,
        LEVEL_IF_TOTAL,
        FORM,
        col("rate", Str, false, "rate code, e.g. rate.disclosure"),
        col("label_zh", Str, false, "Chinese name, e.g. 公开率"),
        col("label_en", Str, false, "English name"),
        col(
            "numerator",
            I64,
            false,
            "Σ of the numerator's cells (additive)",
        ),
        col(
            "denominator",
            I64,
            false,
            "Σ of the denominator's cells (additive)",
        ),
        col(
            "value",
            F64,
            true,
            "numerator / denominator, 0..1; empty when the denominator is 0. NOT ADDITIVE: never \
             sum it",
        ),
    ],
};

pub const FINDINGS: TableSpec = TableSpec {
    name: "findings",
    doc: "validation findings, the entries of `gongkai validate --format json`: reading \
          problems (rule input), rule findings (R1-R6, X1-X4) and registry gaps (coverage)",
    columns: &[
        col("file", Str, true, "the file the finding is in"),
        col("line", I32, true, "1-based line of a text file"),
        col(
            "column",
            I32,
            true,
            "1-based field of that line of delimited text (CSV)",
        ),
        col("sheet", Str, true, "the workbook sheet, by name"),
        col(
            "cell",
            Str,
            true,
            "the sheet's cell as the sheet names it, e.g. D31; empty for a whole row",
        ),
        col(
            "table",
            I32,
            true,
            "1-based table of a web page or Word document",
        ),
        col("row", I32, true, "1-based row of that sheet or table"),
        col("page", I32, true, "1-based page of a PDF"),
        col("unit", Str, true, "unit"),
        col("year", I32, true, "report year"),
        col("rule", Str, false, "R1…R6, X1…X4, N1, input or coverage"),
        col("level", Str, false, "error or warning"),
        col(
            "cells",
            Str,
            false,
            "codes (section.row.column) of the cells involved, joined by ';'",
        ),
        col("expected", Str, true, "what the rule expects"),
        col("found", Str, true, "what the report has"),
        col("message", Str, false, "the finding as one line of text"),
    ],
};

/// Every table, in the order they are documented and written.
pub const ALL: [&TableSpec; 7] = [
    &FACTS, &UNITS, &MEASURES, &TOTALS, &DELTAS, &RATES, &FINDINGS,
];

/// The column tables of `docs/export.md`: one `#### file` heading and table per exported table.
pub fn markdown() -> String {
    let mut out = String::new();
    for t in ALL {
        let file = if t.name == "facts" {
            "facts/year=YYYY/part-0.parquet".to_string()
        } else {
            format!("{}.parquet", t.name)
        };
        out.push_str(&format!(
            "#### `{file}`\n\n{}.\n\n| column | type | meaning |\n|---|---|---|\n",
            capitalise(t.doc)
        ));
        for c in t.columns {
            let ty = if c.nullable {
                format!("{} (may be empty)", c.ty.doc())
            } else {
                c.ty.doc().to_string()
            };
            out.push_str(&format!("| `{}` | {ty} | {} |\n", c.name, c.doc));
        }
        out.push('\n');
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
