//! A record batch as CSV that Excel and WPS open right: UTF-8 with a BOM, CRLF line ends, money
//! as an exact decimal in 万元 (no trailing zeros), empty for nulls.

use arrow::array::{
    Array, BooleanArray, Decimal128Array, Float64Array, Int32Array, Int64Array, StringArray,
};
use arrow::datatypes::DataType;
use arrow::record_batch::RecordBatch;
use gongkai_form::{format_value, ValueKind};

use crate::ExportError;

pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes a header and the rows of `batches`; `lead` names a constant first column (the facts'
/// `year`) whose value is given per batch.
pub fn write(
    lead: Option<&str>,
    batches: &[(Option<String>, &RecordBatch)],
) -> Result<Vec<u8>, ExportError> {
    let mut out = BOM.to_vec();
    let Some((_, first)) = batches.first() else {
        return Ok(out);
    };
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let schema = first.schema();
        let mut header: Vec<&str> = lead.into_iter().collect();
        header.extend(schema.fields().iter().map(|f| f.name().as_str()));
        w.write_record(&header)?;
        for (lead_value, batch) in batches {
            let columns: Vec<Column> = batch
                .columns()
                .iter()
                .map(|a| Column::of(a.as_ref()))
                .collect::<Result<_, _>>()?;
            let mut record: Vec<String> = Vec::with_capacity(header.len());
            for row in 0..batch.num_rows() {
                record.clear();
                if let Some(v) = lead_value {
                    record.push(v.clone());
                }
                record.extend(columns.iter().map(|c| c.text(row)));
                w.write_record(&record)?;
            }
        }
        w.flush().map_err(csv::Error::from)?;
    }
    Ok(out)
}

/// A column, downcast once.
enum Column<'a> {
    Str(&'a StringArray),
    I32(&'a Int32Array),
    I64(&'a Int64Array),
    F64(&'a Float64Array),
    Bool(&'a BooleanArray),
    Money(&'a Decimal128Array),
}

impl<'a> Column<'a> {
    fn of(a: &'a dyn Array) -> Result<Column<'a>, ExportError> {
        let any = a.as_any();
        let bad = || ExportError::Internal(format!("no CSV form for {}", a.data_type()));
        Ok(match a.data_type() {
            DataType::Utf8 => Column::Str(any.downcast_ref().ok_or_else(bad)?),
            DataType::Int32 => Column::I32(any.downcast_ref().ok_or_else(bad)?),
            DataType::Int64 => Column::I64(any.downcast_ref().ok_or_else(bad)?),
            DataType::Float64 => Column::F64(any.downcast_ref().ok_or_else(bad)?),
            DataType::Boolean => Column::Bool(any.downcast_ref().ok_or_else(bad)?),
            DataType::Decimal128(_, 6) => Column::Money(any.downcast_ref().ok_or_else(bad)?),
            _ => return Err(bad()),
        })
    }

    fn text(&self, i: usize) -> String {
        let null = match self {
            Column::Str(a) => a.is_null(i),
            Column::I32(a) => a.is_null(i),
            Column::I64(a) => a.is_null(i),
            Column::F64(a) => a.is_null(i),
            Column::Bool(a) => a.is_null(i),
            Column::Money(a) => a.is_null(i),
        };
        if null {
            return String::new();
        }
        match self {
            Column::Str(a) => a.value(i).to_string(),
            Column::I32(a) => a.value(i).to_string(),
            Column::I64(a) => a.value(i).to_string(),
            // Shortest text that reads back as the same double.
            Column::F64(a) => a.value(i).to_string(),
            Column::Bool(a) => a.value(i).to_string(),
            // Decimal(18, 6) always fits i64; the scale is MONEY_SCALE.
            Column::Money(a) => {
                format_value(i64::try_from(a.value(i)).unwrap_or(0), ValueKind::Money)
            }
        }
    }
}
