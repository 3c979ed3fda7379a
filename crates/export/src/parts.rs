//! A table encoded on every core and joined into its one file: each part of it (a run of units,
//! a year) is a Parquet file of its own, hidden in the staging folder and encoded by whichever
//! worker is free; the parts are then joined in their order by copying their column chunks as
//! they are, with no decoding and no re-encoding. The parts are cut by the data alone, never by
//! the number of cores, so the joined file is the same bytes on any machine.

use std::fs::File;
use std::path::PathBuf;
use std::sync::Arc;

use parquet::arrow::ARROW_SCHEMA_META_KEY;
use parquet::column::writer::ColumnCloseResult;
use parquet::file::metadata::{PageIndexPolicy, ParquetMetaData, ParquetMetaDataReader};
use parquet::file::writer::SerializedFileWriter;

use crate::dir::Sink;
use crate::parquet_out;
use crate::ExportError;

/// Joins the Parquet files `parts` (one schema, written by [`crate::columns::ParquetTable`]) into `out`
/// in their order, with `metadata` as the file's key-value metadata beside the Arrow schema.
/// Returns the sink written to the end (not yet closed); the parts are left for the caller.
pub fn join(
    parts: &[PathBuf],
    out: Sink,
    metadata: Vec<(String, String)>,
) -> Result<Sink, ExportError> {
    let mut inputs: Vec<(File, ParquetMetaData)> = Vec::with_capacity(parts.len());
    for path in parts {
        let file = File::open(path).map_err(gongkai_atomic::io(path))?;
        let meta = ParquetMetaDataReader::new()
            .with_page_index_policy(PageIndexPolicy::Optional)
            .parse_and_finish(&file)?;
        inputs.push((file, meta));
    }
    let Some((_, first)) = inputs.first() else {
        return Err(ExportError::Internal("a table of no parts".to_string()));
    };
    let schema = first.file_metadata().schema_descr().root_schema_ptr();
    // The Arrow schema as the encoder wrote it (readers take column types from it), then ours.
    let mut kv: Vec<(String, String)> = first
        .file_metadata()
        .key_value_metadata()
        .into_iter()
        .flatten()
        .filter(|kv| kv.key == ARROW_SCHEMA_META_KEY)
        .filter_map(|kv| Some((kv.key.clone(), kv.value.clone()?)))
        .collect();
    kv.extend(metadata);
    let props = Arc::new(parquet_out::properties(kv)?);
    let mut writer = SerializedFileWriter::new(out, schema.clone(), props)?;
    for (file, meta) in &inputs {
        if meta.file_metadata().schema_descr().root_schema_ptr() != schema {
            return Err(ExportError::Internal(
                "parts of one table with two schemas".to_string(),
            ));
        }
        let index = meta.page_index();
        for (g, group) in meta.row_groups().iter().enumerate() {
            let mut out_group = writer.next_row_group()?;
            for (c, column) in group.columns().iter().enumerate() {
                out_group.append_column(
                    file,
                    ColumnCloseResult {
                        bytes_written: column.compressed_size() as u64,
                        rows_written: group.num_rows() as u64,
                        metadata: column.clone(),
                        bloom_filter: None,
                        column_index: index.and_then(|i| i.column_index(g, c)).cloned(),
                        offset_index: index.and_then(|i| i.offset_index(g, c)).cloned(),
                    },
                )?;
            }
            out_group.close()?;
        }
    }
    Ok(writer.into_inner()?)
}
