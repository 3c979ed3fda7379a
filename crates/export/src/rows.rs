//! Building a table row by row against its [`TableSpec`], typed by the spec.

use std::sync::Arc;

use arrow::array::{
    ArrayRef, BooleanBuilder, Decimal128Builder, Float64Builder, Int32Builder, Int64Builder,
    StringBuilder,
};
use arrow::record_batch::RecordBatch;

use crate::schema::{ColType, TableSpec, MONEY_PRECISION, MONEY_SCALE_DIGITS};
use crate::ExportError;

/// One cell of a row. `Money` is 万元 × 10⁶, as every value of the form is carried.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Val<'a> {
    Str(Option<&'a str>),
    /// A string its caller numbers ([`Val::key`]): in one column, one number is always one
    /// string. The codes of the form's cells and measures, which change every row, are then
    /// found by their number instead of their text.
    Keyed(u32, &'a str),
    I32(Option<i32>),
    I64(Option<i64>),
    F64(Option<f64>),
    Bool(Option<bool>),
    Money(Option<i64>),
}

impl<'a> Val<'a> {
    /// `text`, numbered by its form and its place `i` in that form's catalogue or measures; a
    /// place past the 1,024 a form's number leaves room for is given by its text.
    pub(crate) fn key(form: gongkai_form::FormVersion, i: usize, text: &'a str) -> Val<'a> {
        let form = gongkai_form::FormVersion::ALL
            .iter()
            .position(|f| *f == form)
            .unwrap_or(0) as u32;
        match u32::try_from(i) {
            Ok(i) if i < 1 << 10 => Val::Keyed(form << 10 | i, text),
            _ => Val::Str(Some(text)),
        }
    }

    pub(crate) fn is_null(&self) -> bool {
        match *self {
            Val::Str(x) => x.is_none(),
            Val::Keyed(..) => false,
            Val::I32(x) => x.is_none(),
            Val::I64(x) | Val::Money(x) => x.is_none(),
            Val::F64(x) => x.is_none(),
            Val::Bool(x) => x.is_none(),
        }
    }
}

/// Whether `values` make a row of `spec`: as many as its columns, money within Decimal(18, 6),
/// a value in every column that must have one. What the data may get wrong is checked before a
/// row is appended, so a row that does not fit is refused whole; a value of the wrong type is the
/// code's mistake, found while appending.
pub(crate) fn check_row(spec: &TableSpec, values: &[Val]) -> Result<(), ExportError> {
    let name = spec.name;
    if values.len() != spec.columns.len() {
        return Err(ExportError::Internal(format!(
            "{name}: row of {} values for {} columns",
            values.len(),
            spec.columns.len()
        )));
    }
    for (column, v) in spec.columns.iter().zip(values) {
        if let Val::Money(Some(m)) = *v {
            if m.unsigned_abs() > MONEY_MAX as u64 {
                return Err(ExportError::MoneyOutOfRange {
                    table: name,
                    column: column.name,
                    value: gongkai_form::format_value(m, gongkai_form::ValueKind::Money),
                });
            }
        }
        if v.is_null() && !column.nullable {
            return Err(ExportError::Internal(format!(
                "{name}.{}: empty value in a column that must have one",
                column.name
            )));
        }
    }
    Ok(())
}

#[derive(Debug)]
enum Builder {
    Str(StringBuilder),
    I32(Int32Builder),
    I64(Int64Builder),
    F64(Float64Builder),
    Bool(BooleanBuilder),
    Money(Decimal128Builder),
}

/// Largest magnitude Decimal(18, 6) holds: 10¹⁸ − 1 units of 10⁻⁶ 万元.
pub(crate) const MONEY_MAX: i64 = 999_999_999_999_999_999;

#[derive(Debug)]
pub(crate) struct Rows {
    spec: &'static TableSpec,
    builders: Vec<Builder>,
    len: usize,
}

impl Rows {
    pub(crate) fn new(spec: &'static TableSpec) -> Rows {
        let builders = spec
            .columns
            .iter()
            .map(|c| match c.ty {
                ColType::Str => Builder::Str(StringBuilder::new()),
                ColType::I32 => Builder::I32(Int32Builder::new()),
                ColType::I64 => Builder::I64(Int64Builder::new()),
                ColType::F64 => Builder::F64(Float64Builder::new()),
                ColType::Bool => Builder::Bool(BooleanBuilder::new()),
                ColType::Money => Builder::Money(
                    Decimal128Builder::new()
                        .with_precision_and_scale(MONEY_PRECISION, MONEY_SCALE_DIGITS)
                        .unwrap_or_default(),
                ),
            })
            .collect();
        Rows {
            spec,
            builders,
            len: 0,
        }
    }

    /// Appends one row; `values` must follow the spec's columns in order and type. A row that
    /// does not fit is refused whole ([`check_row`]): nothing of it is appended.
    pub(crate) fn push(&mut self, values: &[Val]) -> Result<(), ExportError> {
        check_row(self.spec, values)?;
        let name = self.spec.name;
        for ((b, v), column) in self.builders.iter_mut().zip(values).zip(self.spec.columns) {
            match (b, *v) {
                (Builder::Str(b), Val::Str(x)) => b.append_option(x),
                (Builder::Str(b), Val::Keyed(_, x)) => b.append_value(x),
                (Builder::I32(b), Val::I32(x)) => b.append_option(x),
                (Builder::I64(b), Val::I64(x)) => b.append_option(x),
                (Builder::F64(b), Val::F64(x)) => b.append_option(x),
                (Builder::Bool(b), Val::Bool(x)) => b.append_option(x),
                (Builder::Money(b), Val::Money(x)) => b.append_option(x.map(i128::from)),
                (_, v) => {
                    return Err(ExportError::Internal(format!(
                        "{name}.{}: {v:?} does not fit {:?}",
                        column.name, column.ty
                    )))
                }
            }
        }
        self.len += 1;
        Ok(())
    }

    /// Rows pushed since the last batch was taken.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The rows pushed so far as a batch; the builders start again empty.
    pub(crate) fn take(&mut self) -> Result<RecordBatch, ExportError> {
        // Each builder starts again with room for as many rows and bytes as it just held: a
        // stream of batches then grows no buffer twice (growing by doubling was a tenth of a
        // national export's time, copying).
        let rows = self.len;
        let columns: Vec<ArrayRef> = self
            .builders
            .iter_mut()
            .map(|b| -> ArrayRef {
                match b {
                    Builder::Str(b) => {
                        let array = b.finish();
                        *b = StringBuilder::with_capacity(rows, array.value_data().len());
                        Arc::new(array)
                    }
                    Builder::I32(b) => {
                        Arc::new(std::mem::replace(b, Int32Builder::with_capacity(rows)).finish())
                    }
                    Builder::I64(b) => {
                        Arc::new(std::mem::replace(b, Int64Builder::with_capacity(rows)).finish())
                    }
                    Builder::F64(b) => {
                        Arc::new(std::mem::replace(b, Float64Builder::with_capacity(rows)).finish())
                    }
                    Builder::Bool(b) => {
                        Arc::new(std::mem::replace(b, BooleanBuilder::with_capacity(rows)).finish())
                    }
                    Builder::Money(b) => {
                        let fresh = Decimal128Builder::with_capacity(rows)
                            .with_precision_and_scale(MONEY_PRECISION, MONEY_SCALE_DIGITS)
                            .unwrap_or_default();
                        Arc::new(std::mem::replace(b, fresh).finish())
                    }
                }
            })
            .collect();
        self.len = 0;
        Ok(RecordBatch::try_new(self.spec.schema(), columns)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::FACTS;

    fn row(amount: Option<i64>, value: Option<i64>) -> Vec<Val<'static>> {
        vec![
            Val::Str(Some("城关区")),
            Val::Str(Some("2019")),
            Val::Str(Some("active")),
            Val::Str(Some("procurement")),
            Val::Str(Some("amount")),
            Val::Str(Some("active.procurement.amount")),
            Val::Str(Some("2019:active.procurement.amount")),
            Val::Str(Some("money")),
            Val::I64(value),
            Val::Money(amount),
            Val::Bool(Some(false)),
            Val::Str(Some("城关区.csv")),
            Val::I32(None),
        ]
    }

    #[test]
    fn money_is_exact_decimal_and_bounded() {
        let mut rows = Rows::new(&FACTS);
        rows.push(&row(Some(MONEY_MAX), None)).unwrap();
        rows.push(&row(Some(-MONEY_MAX), None)).unwrap();
        rows.push(&row(Some(25_100_000), None)).unwrap();
        let err = rows.push(&row(Some(MONEY_MAX + 1), None)).unwrap_err();
        assert!(
            err.to_string().contains("past what Decimal(18, 6) holds"),
            "{err}"
        );
        let batch = rows.take().unwrap();
        let amounts = batch
            .column(9)
            .as_any()
            .downcast_ref::<arrow::array::Decimal128Array>()
            .unwrap();
        assert_eq!(amounts.value_as_string(2), "25.100000");
        assert_eq!(amounts.precision(), 18);
    }

    #[test]
    fn a_key_numbers_its_form_and_place_or_gives_its_text() {
        use gongkai_form::FormVersion::{F2019, F2021};
        assert_eq!(Val::key(F2019, 3, "a"), Val::Keyed(3, "a"));
        assert_eq!(Val::key(F2021, 3, "a"), Val::Keyed(1024 + 3, "a"));
        assert_eq!(Val::key(F2021, 1 << 10, "b"), Val::Str(Some("b")));
    }

    #[test]
    fn rows_must_fit_the_spec() {
        let mut rows = Rows::new(&FACTS);
        let mut bad = row(Some(1), None);
        bad[0] = Val::Str(None);
        assert!(rows.push(&bad).is_err(), "unit may not be empty");
        let mut bad = row(Some(1), None);
        bad[8] = Val::I32(Some(1));
        assert!(rows.push(&bad).is_err(), "value is Int64");
        assert!(rows.push(&row(None, None)[..5]).is_err());
    }
}
