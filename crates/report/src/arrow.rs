//! Reports as one Arrow record batch: the engine-neutral hand-off to polars, DataFusion and others.
//!
//! The batch is long (one row per unit, year and cell), sparse and lean. A national year is 20
//! million cells, most of them a written 0, so:
//! - a cell holding a written 0 has no row (an absent row means 0, not blank), except each
//!   report's first cell, which always has one so that every report is seen;
//! - the unit name is dictionary-encoded (a 4-byte key per row, each name stored once);
//! - provenance (file, line) stays with the [`UnitReport`]s and the findings, not on every row.

use std::collections::HashMap;
use std::sync::Arc;

use arrow::array::{
    ArrayRef, BooleanArray, DictionaryArray, Int32Array, Int64Array, StringArray, UInt16Array,
    UInt32Array,
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
}

/// The type of the `unit` column: keys into a dictionary of unit names.
pub fn unit_type() -> DataType {
    DataType::Dictionary(Box::new(DataType::UInt32), Box::new(DataType::Utf8))
}

/// The long layout: one row per unit, year and cell that is not a written 0 (see the module docs).
/// `form` is 2019 or 2021; `cell` is the dense index into that form's catalogue; `value` is exact
/// (money in 万元 × 10⁶); `blank` marks a cell left empty or absent from the file.
pub fn schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new(col::UNIT, unit_type(), false),
        Field::new(col::YEAR, DataType::Int32, false),
        Field::new(col::FORM, DataType::UInt16, false),
        Field::new(col::CELL, DataType::UInt16, false),
        Field::new(col::VALUE, DataType::Int64, false),
        Field::new(col::BLANK, DataType::Boolean, false),
    ]))
}

/// The cells of all `reports` as one batch (written zeros left out, see the module docs),
/// reports in the given order, cells in template order.
pub fn to_record_batch(reports: &[UnitReport]) -> Result<RecordBatch, ArrowError> {
    // At most every cell: one pass over the values, not one to count and one to copy.
    let n: usize = reports.iter().map(|r| r.values.len()).sum();
    let mut names: Vec<&str> = Vec::new();
    let mut key_of: HashMap<&str, u32> = HashMap::new();
    let mut unit = Vec::with_capacity(n);
    let mut year = Vec::with_capacity(n);
    let mut form = Vec::with_capacity(n);
    let mut cell = Vec::with_capacity(n);
    let mut value = Vec::with_capacity(n);
    let mut blank = Vec::with_capacity(n);
    for r in reports {
        let key = *key_of.entry(r.unit.as_str()).or_insert_with(|| {
            names.push(r.unit.as_str());
            names.len() as u32 - 1
        });
        let f = r.form.number();
        for (i, (&v, &b)) in r.values.iter().zip(&r.blank).enumerate() {
            if i != 0 && v == 0 && !b {
                continue;
            }
            unit.push(key);
            year.push(r.year);
            form.push(f);
            cell.push(i as u16);
            value.push(v);
            blank.push(b);
        }
    }
    let unit = DictionaryArray::try_new(
        UInt32Array::from(unit),
        Arc::new(StringArray::from(names)) as ArrayRef,
    )?;
    let columns: Vec<ArrayRef> = vec![
        Arc::new(unit),
        Arc::new(Int32Array::from(year)),
        Arc::new(UInt16Array::from(form)),
        Arc::new(UInt16Array::from(cell)),
        Arc::new(Int64Array::from(value)),
        Arc::new(BooleanArray::from(blank)),
    ];
    RecordBatch::try_new(schema(), columns)
}
