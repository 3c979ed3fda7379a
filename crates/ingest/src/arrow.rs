//! Reports as one Arrow record batch: the engine-neutral hand-off to polars, DataFusion and others.

use std::sync::Arc;

use arrow::array::{
    ArrayRef, BooleanArray, Int32Array, Int64Array, StringBuilder, UInt16Array, UInt32Array,
};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use arrow::error::ArrowError;
use arrow::record_batch::RecordBatch;

use crate::UnitReport;

/// Column names of [`to_record_batch`]'s output, in order.
pub mod col {
    pub const UNIT: &str = "unit";
    pub const YEAR: &str = "year";
    pub const FORM: &str = "form";
    pub const CELL: &str = "cell";
    pub const VALUE: &str = "value";
    pub const BLANK: &str = "blank";
    pub const FILE: &str = "file";
    pub const LINE: &str = "line";
}

/// The long layout: one row per unit, year and cell. `form` is 2019 or 2021; `cell` is the
/// dense index into that form's catalogue; `value` is exact (money in 万元 × 10⁶).
pub fn schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new(col::UNIT, DataType::Utf8, false),
        Field::new(col::YEAR, DataType::Int32, false),
        Field::new(col::FORM, DataType::UInt16, false),
        Field::new(col::CELL, DataType::UInt16, false),
        Field::new(col::VALUE, DataType::Int64, false),
        Field::new(col::BLANK, DataType::Boolean, false),
        Field::new(col::FILE, DataType::Utf8, false),
        Field::new(col::LINE, DataType::UInt32, false),
    ]))
}

/// All cells of all `reports` as one batch, reports in the given order, cells in template order.
pub fn to_record_batch(reports: &[UnitReport]) -> Result<RecordBatch, ArrowError> {
    let n: usize = reports.iter().map(|r| r.values.len()).sum();
    let mut unit = StringBuilder::with_capacity(n, n * 9);
    let mut year = Vec::with_capacity(n);
    let mut form = Vec::with_capacity(n);
    let mut cell = Vec::with_capacity(n);
    let mut value = Vec::with_capacity(n);
    let mut blank = Vec::with_capacity(n);
    let mut file = StringBuilder::with_capacity(n, n * 24);
    let mut line = Vec::with_capacity(n);
    for r in reports {
        let f: u16 = r.form.code().parse().unwrap_or(0);
        let path = r.source.file.display().to_string();
        for (i, v) in r.values.iter().enumerate() {
            unit.append_value(&r.unit);
            year.push(r.year);
            form.push(f);
            cell.push(i as u16);
            value.push(*v);
            blank.push(r.blank[i]);
            file.append_value(&path);
            line.push(r.source.lines[i]);
        }
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(unit.finish()),
        Arc::new(Int32Array::from(year)),
        Arc::new(UInt16Array::from(form)),
        Arc::new(UInt16Array::from(cell)),
        Arc::new(Int64Array::from(value)),
        Arc::new(BooleanArray::from(blank)),
        Arc::new(file.finish()),
        Arc::new(UInt32Array::from(line)),
    ];
    RecordBatch::try_new(schema(), columns)
}
