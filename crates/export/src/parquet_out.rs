//! Record batches → one Parquet file, streamed to disk: zstd, statistics, dictionary-encoded, a row group
//! per [`ROW_GROUP_ROWS`] rows, with the export's key-value metadata. No clock is read: the same batch and metadata
//! give the same bytes.

use arrow::datatypes::SchemaRef;
use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{EnabledStatistics, WriterProperties};

use crate::dir::Sink;
use crate::ExportError;

/// zstd level 3, zstd's own default: small files, fast to write.
pub const ZSTD_LEVEL: i32 = 3;

/// Rows per row group: one group for most files; the deltas of a large export have several.
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

/// A table encoded to Parquet as it is built, straight into its file: batches go in as they
/// fill and leave memory compressed; the key-value metadata is added at the end, when it is known.
pub struct Encoder {
    writer: ArrowWriter<Sink>,
}

impl std::fmt::Debug for Encoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Encoder").finish_non_exhaustive()
    }
}

impl Encoder {
    pub fn new(schema: SchemaRef, out: Sink) -> Result<Encoder, ExportError> {
        Ok(Encoder {
            writer: ArrowWriter::try_new(out, schema, Some(properties(Vec::new())?))?,
        })
    }

    pub fn write(&mut self, batch: &RecordBatch) -> Result<(), ExportError> {
        Ok(self.writer.write(batch)?)
    }

    /// The file, with `metadata`, written to the end (not yet closed).
    pub fn finish(mut self, metadata: Vec<(String, String)>) -> Result<Sink, ExportError> {
        for (k, v) in metadata {
            self.writer.append_key_value_metadata(KeyValue::new(k, v));
        }
        Ok(self.writer.into_inner()?)
    }
}

/// `batch` as one Parquet file into `out`.
pub fn write(
    batch: &RecordBatch,
    metadata: Vec<(String, String)>,
    out: Sink,
) -> Result<Sink, ExportError> {
    let mut encoder = Encoder::new(batch.schema(), out)?;
    encoder.write(batch)?;
    encoder.finish(metadata)
}
