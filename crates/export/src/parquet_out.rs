//! One record batch → one Parquet file in memory: zstd, statistics, dictionary-encoded, one row
//! group, with the export's key-value metadata. No clock is read: the same batch and metadata
//! give the same bytes.

use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{EnabledStatistics, WriterProperties};

use crate::ExportError;

/// zstd level 3, zstd's own default: small files, fast to write.
const ZSTD_LEVEL: i32 = 3;

/// Rows per row group: far above an export's size, so each file is one row group.
pub const ROW_GROUP_ROWS: usize = 1 << 20;

pub fn properties(metadata: Vec<(String, String)>) -> Result<WriterProperties, ExportError> {
    let kv = metadata
        .into_iter()
        .map(|(k, v)| KeyValue::new(k, v))
        .collect();
    Ok(WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::try_new(ZSTD_LEVEL)?))
        .set_statistics_enabled(EnabledStatistics::Page)
        .set_dictionary_enabled(true)
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .set_key_value_metadata(Some(kv))
        .build())
}

/// The Parquet bytes of `batch`.
pub fn write(batch: &RecordBatch, metadata: Vec<(String, String)>) -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::new();
    let mut writer = ArrowWriter::try_new(&mut out, batch.schema(), Some(properties(metadata)?))?;
    writer.write(batch)?;
    writer.close()?;
    Ok(out)
}
