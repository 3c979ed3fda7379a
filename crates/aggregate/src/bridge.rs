//! Arrow (arrow-rs) record batch → polars [`DataFrame`] through the Arrow C Data Interface.
//!
//! The ingest crate builds its batch with arrow-rs; polars has its own Arrow implementation
//! (polars-arrow). Both speak the C Data Interface, so each column is exported by arrow-rs and
//! imported by polars-arrow: numeric and boolean buffers are shared, not copied (polars keeps the
//! arrow-rs buffers alive and releases them when the last polars reference goes).
//!
//! One exception: polars stores strings as `Utf8View`, so `Utf8` columns are converted (copied)
//! by polars on import. Callers that do not need a string column should project it away first.
//!
//! This module holds the project's only `unsafe` code, in [`import_column`].

use arrow::ffi::{FFI_ArrowArray, FFI_ArrowSchema};
use arrow::record_batch::RecordBatch;
use polars::prelude::{polars_err, Column, DataFrame, PolarsResult, Series};
use polars_arrow::ffi::{ArrowArray, ArrowSchema};

/// Moves every column of `batch` into a polars [`DataFrame`] with the same names and order.
pub fn record_batch_to_dataframe(batch: &RecordBatch) -> PolarsResult<DataFrame> {
    let schema = batch.schema();
    let columns = schema
        .fields()
        .iter()
        .zip(batch.columns())
        .map(|(field, array)| import_column(field.name(), array.as_ref()).map(Column::from))
        .collect::<PolarsResult<Vec<_>>>()?;
    DataFrame::new(batch.num_rows(), columns)
}

/// Exports one arrow-rs array to the C Data Interface and imports it as a polars [`Series`].
#[allow(unsafe_code)]
fn import_column(name: &str, array: &dyn arrow::array::Array) -> PolarsResult<Series> {
    // polars takes dictionaries in as categoricals, a feature not built here (and it panics
    // rather than failing without it): refuse them up front.
    if matches!(
        array.data_type(),
        arrow::datatypes::DataType::Dictionary(..)
    ) {
        return Err(polars_err!(
            ComputeError: "column {name}: dictionary-encoded columns are not bridged; project it away"
        ));
    }
    let (c_array, c_schema): (FFI_ArrowArray, FFI_ArrowSchema) =
        arrow::ffi::to_ffi(&array.to_data())
            .map_err(|e| polars_err!(ComputeError: "column {name}: arrow export failed: {e}"))?;

    // SAFETY: `FFI_ArrowSchema` and polars' `ArrowSchema` are both `#[repr(C)]` definitions of the
    // C Data Interface's `struct ArrowSchema`, so the pointer cast reinterprets the same bytes.
    // `c_schema` was just filled in by arrow-rs (valid format string, release callback set), it
    // outlives the borrow, and `import_field_from_c` only reads it; arrow-rs releases it on drop.
    let field = unsafe {
        let schema = &*std::ptr::from_ref(&c_schema).cast::<ArrowSchema>();
        polars_arrow::ffi::import_field_from_c(schema)?
    };

    // SAFETY: as above, both types are `#[repr(C)]` `struct ArrowArray` (transmute also checks
    // that the sizes agree). The transmute moves ownership: arrow-rs' `Drop` does not run, and
    // polars calls the producer's `release` callback (arrow-rs' own, taking a pointer to the same
    // layout) when its last reference goes; until then the arrow-rs buffers, which are immutable
    // and reference counted, stay alive. `c_array` was exported from `array` whose type is
    // exactly the one described by `c_schema`, from which `field` was read.
    let imported = unsafe {
        let c_array = std::mem::transmute::<FFI_ArrowArray, ArrowArray>(c_array);
        polars_arrow::ffi::import_array_from_c(c_array, field.dtype().clone())?
    };
    drop(c_schema);

    Series::from_arrow(name.into(), imported)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use arrow::array::{
        ArrayRef, BooleanArray, Int32Array, Int64Array, StringArray, UInt16Array, UInt32Array,
    };
    use arrow::datatypes::{DataType as ArrowType, Field, Schema};
    use polars::prelude::DataType;

    use super::*;

    const UNITS: [&str; 5] = ["城关区", "七里河区", "兰州市教育局", "", "Unit-5 (西固区)"];
    const YEARS: [i32; 5] = [2019, 2020, 2021, i32::MIN, i32::MAX];
    const FORMS: [u16; 5] = [2019, 2021, 2019, 0, u16::MAX];
    const VALUES: [i64; 5] = [0, -1, i64::MIN, i64::MAX, 278_800_000_000];
    const BLANKS: [bool; 5] = [true, false, false, true, false];
    const LINES: [u32; 5] = [1, 2, 3, 0, u32::MAX];

    fn batch() -> RecordBatch {
        let schema = Arc::new(Schema::new(vec![
            Field::new("unit", ArrowType::Utf8, false),
            Field::new("year", ArrowType::Int32, false),
            Field::new("form", ArrowType::UInt16, false),
            Field::new("value", ArrowType::Int64, false),
            Field::new("blank", ArrowType::Boolean, false),
            Field::new("line", ArrowType::UInt32, false),
        ]));
        let columns: Vec<ArrayRef> = vec![
            Arc::new(StringArray::from(UNITS.to_vec())),
            Arc::new(Int32Array::from(YEARS.to_vec())),
            Arc::new(UInt16Array::from(FORMS.to_vec())),
            Arc::new(Int64Array::from(VALUES.to_vec())),
            Arc::new(BooleanArray::from(BLANKS.to_vec())),
            Arc::new(UInt32Array::from(LINES.to_vec())),
        ];
        RecordBatch::try_new(schema, columns).unwrap()
    }

    fn opt<T: Copy>(values: &[T]) -> Vec<Option<T>> {
        values.iter().copied().map(Some).collect()
    }

    /// Checks `df` against rows `from..from + df.height()` of the constants.
    fn check(df: &DataFrame, from: usize) {
        let n = df.height();
        let names: Vec<&str> = df.get_column_names().iter().map(|s| s.as_str()).collect();
        assert_eq!(names, ["unit", "year", "form", "value", "blank", "line"]);
        let dtypes: Vec<DataType> = df.dtypes();
        assert_eq!(
            dtypes,
            [
                DataType::String,
                DataType::Int32,
                DataType::UInt16,
                DataType::Int64,
                DataType::Boolean,
                DataType::UInt32
            ]
        );
        let unit: Vec<_> = df.column("unit").unwrap().str().unwrap().iter().collect();
        let year: Vec<_> = df.column("year").unwrap().i32().unwrap().iter().collect();
        let form: Vec<_> = df.column("form").unwrap().u16().unwrap().iter().collect();
        let value: Vec<_> = df.column("value").unwrap().i64().unwrap().iter().collect();
        let blank: Vec<_> = df.column("blank").unwrap().bool().unwrap().iter().collect();
        let line: Vec<_> = df.column("line").unwrap().u32().unwrap().iter().collect();
        let r = from..from + n;
        assert_eq!(unit, opt(&UNITS[r.clone()]));
        assert_eq!(year, opt(&YEARS[r.clone()]));
        assert_eq!(form, opt(&FORMS[r.clone()]));
        assert_eq!(value, opt(&VALUES[r.clone()]));
        assert_eq!(blank, opt(&BLANKS[r.clone()]));
        assert_eq!(line, opt(&LINES[r]));
    }

    #[test]
    fn round_trip_keeps_every_value() {
        let batch = batch();
        let df = record_batch_to_dataframe(&batch).unwrap();
        assert_eq!(df.height(), 5);
        check(&df, 0);
    }

    #[test]
    fn sliced_batch_keeps_its_offset() {
        let batch = batch();
        for (offset, len) in [(1, 3), (2, 3), (4, 1), (5, 0), (0, 0)] {
            let sliced = batch.slice(offset, len);
            let df = record_batch_to_dataframe(&sliced).unwrap();
            assert_eq!(df.height(), len);
            check(&df, offset);
        }
    }

    #[test]
    fn ingest_schema_converts() {
        let batch = gongkai_report::arrow::to_record_batch(&[]).unwrap();
        // The dictionary-encoded unit column is refused with an error, not a panic.
        let err = record_batch_to_dataframe(&batch).unwrap_err();
        assert!(err.to_string().contains("column unit: dictionary"), "{err}");
        // Every other column crosses.
        let numeric = batch.project(&[1, 2, 3, 4, 5]).unwrap();
        let df = record_batch_to_dataframe(&numeric).unwrap();
        assert_eq!(df.height(), 0);
        assert_eq!(
            df.width(),
            gongkai_report::arrow::schema().fields().len() - 1
        );
    }

    #[test]
    fn int64_buffer_is_shared_not_copied() {
        let batch = batch();
        let arrow_ptr = batch
            .column(3)
            .as_any()
            .downcast_ref::<Int64Array>()
            .unwrap()
            .values()
            .as_ptr();
        let df = record_batch_to_dataframe(&batch).unwrap();
        let polars_ptr = df
            .column("value")
            .unwrap()
            .i64()
            .unwrap()
            .cont_slice()
            .unwrap()
            .as_ptr();
        assert_eq!(arrow_ptr, polars_ptr);

        // With an offset, polars points into the same allocation, `offset` elements in.
        let sliced = batch.slice(2, 3);
        let df = record_batch_to_dataframe(&sliced).unwrap();
        let polars_ptr = df
            .column("value")
            .unwrap()
            .i64()
            .unwrap()
            .cont_slice()
            .unwrap()
            .as_ptr();
        assert_eq!(arrow_ptr.wrapping_add(2), polars_ptr);

        // The frame outlives the batch: polars holds the arrow-rs buffer until it is dropped.
        drop(batch);
        drop(sliced);
        let values: Vec<_> = df.column("value").unwrap().i64().unwrap().iter().collect();
        assert_eq!(values, opt(&VALUES[2..5]));
    }
}
