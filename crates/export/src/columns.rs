//! A table's Parquet pages, encoded here from its values: strings by their key in a dictionary
//! kept per column chunk, numbers as they are (PLAIN), nulls as definition levels. The file
//! around the pages (page headers, row groups, page index, footer, Arrow schema) is the
//! `parquet` crate's, so every reader sees the same kind of file the Arrow writer makes (a
//! property test holds the two to the same rows and statistics).
//!
//! Why not the Arrow writer: it hashes and compares every string of every row (interning it into
//! its dictionary and keeping min/max by string comparison), and the rows first went through
//! Arrow builders. That was half of an export's time at 10,000 units × 5 years. Here a string
//! equal to its column's previous one costs a comparison, a cell's or measure's code is found by
//! its number ([`Val::Keyed`]), min/max are taken once per page, and a page is cut every
//! [`PAGE_ROWS`] rows.

use std::hash::BuildHasher;
use std::sync::Arc;

use bytes::Bytes;
use parquet::basic::{Compression, Encoding, PageType, Type as PhysicalType, ZstdLevel};
use parquet::column::page::{CompressedPage, Page, PageWriter};
use parquet::column::writer::ColumnCloseResult;
use parquet::data_type::ByteArray;
use parquet::file::metadata::{
    ColumnChunkMetaData, ColumnIndexBuilder, OffsetIndexBuilder, PageEncodingStats,
};
use parquet::file::statistics::{Statistics, ValueStatistics};
use parquet::file::writer::{SerializedFileWriter, SerializedPageWriter, TrackedWrite};
use parquet::schema::types::{ColumnDescPtr, SchemaDescriptor};

use crate::dir::Sink;
use crate::parquet_out::{self, ROW_GROUP_ROWS, ZSTD_LEVEL};
use crate::rows::{check_row, Val};
use crate::schema::{ColType, TableSpec};
use crate::ExportError;

/// Rows per data page: 16,384 rows of dictionary keys are 10–30 KB before zstd (the Arrow
/// writer's default cut is 20,000 rows).
const PAGE_ROWS: usize = 1 << 14;

/// Literal groups of 8 values per bit-packed run at most: 63 keeps its header one byte, as
/// readers of the oldest files expect.
const MAX_LITERAL_GROUPS: usize = 63;

/// A table written row by row into one Parquet file: a row group per [`ROW_GROUP_ROWS`] rows,
/// its pages compressed as they fill; only the open pages' values and the row group's compressed
/// pages are held.
pub struct ParquetTable {
    spec: &'static TableSpec,
    writer: SerializedFileWriter<Sink>,
    columns: Vec<Column>,
    /// Rows in the open row group, and in its open page.
    group_rows: usize,
    page_rows: usize,
    /// Rows a row group holds: [`ROW_GROUP_ROWS`] (fewer in tests).
    group_limit: usize,
}

impl std::fmt::Debug for ParquetTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParquetTable")
            .field("table", &self.spec.name)
            .field("group_rows", &self.group_rows)
            .finish_non_exhaustive()
    }
}

impl ParquetTable {
    pub fn new(spec: &'static TableSpec, out: Sink) -> Result<ParquetTable, ExportError> {
        let schema = spec.schema();
        let descr: SchemaDescriptor =
            parquet::arrow::ArrowSchemaConverter::new().convert(&schema)?;
        let mut props = parquet_out::properties(Vec::new())?;
        parquet::arrow::add_encoded_arrow_schema_to_metadata(&schema, &mut props);
        let columns = spec
            .columns
            .iter()
            .zip(descr.columns())
            .map(|(c, d)| Column::new(c.ty, c.nullable, d.clone()))
            .collect::<Result<Vec<_>, _>>()?;
        let writer = SerializedFileWriter::new(out, descr.root_schema_ptr(), Arc::new(props))?;
        Ok(ParquetTable {
            spec,
            writer,
            columns,
            group_rows: 0,
            page_rows: 0,
            group_limit: ROW_GROUP_ROWS,
        })
    }

    /// Appends one row; `values` follow the spec's columns in order and type. A row the data
    /// makes unfit (money past Decimal(18, 6), an empty required value) is refused whole:
    /// nothing of it is appended. A value of the wrong type is the code's mistake, found while
    /// appending.
    pub fn push(&mut self, values: &[Val]) -> Result<(), ExportError> {
        check_row(self.spec, values)?;
        let name = self.spec.name;
        for ((spec, column), v) in self.spec.columns.iter().zip(&mut self.columns).zip(values) {
            if !column.push(v) {
                return Err(ExportError::Internal(format!(
                    "{name}.{}: {v:?} does not fit {:?}",
                    spec.name, spec.ty
                )));
            }
        }
        self.page_rows += 1;
        self.group_rows += 1;
        if self.page_rows == PAGE_ROWS {
            self.cut_page()?;
        }
        if self.group_rows == self.group_limit {
            self.close_group()?;
        }
        Ok(())
    }

    fn cut_page(&mut self) -> Result<(), ExportError> {
        if self.page_rows > 0 {
            for c in &mut self.columns {
                c.cut_page()?;
            }
        }
        self.page_rows = 0;
        Ok(())
    }

    /// The open row group written: each column's dictionary page, then its data pages.
    fn close_group(&mut self) -> Result<(), ExportError> {
        self.cut_page()?;
        if self.group_rows == 0 {
            return Ok(());
        }
        let mut group = self.writer.next_row_group()?;
        for c in &mut self.columns {
            let (bytes, close) = c.close_chunk(self.group_rows as u64)?;
            group.append_column(&bytes, close)?;
        }
        group.close()?;
        self.group_rows = 0;
        Ok(())
    }

    /// The file written to the end with `metadata` (not yet closed), and its rows.
    pub fn finish(mut self, metadata: Vec<(String, String)>) -> Result<Sink, ExportError> {
        self.close_group()?;
        for (k, v) in metadata {
            self.writer
                .append_key_value_metadata(parquet::file::metadata::KeyValue::new(k, v));
        }
        Ok(self.writer.into_inner()?)
    }
}

/// One column of the open row group.
struct Column {
    descr: ColumnDescPtr,
    nullable: bool,
    values: Values,
    /// Definition levels of the open page (nullable columns): 1 a value, 0 empty.
    defs: Vec<u8>,
    /// The row group's pages so far, compressed, their sizes before compression and their
    /// statistics for the page index.
    pages: Vec<(Page, usize, PageStats)>,
    nulls: u64,
    /// Strings: the row group's dictionary, by first use.
    dict: Dictionary,
}

enum Values {
    /// Keys into the column's dictionary.
    Str(Vec<u32>),
    I32(Vec<i32>, MinMax<i32>),
    I64(Vec<i64>, MinMax<i64>),
    F64(Vec<f64>, MinMax<f64>),
    Bool(Vec<bool>, MinMax<bool>),
}

/// A column chunk's distinct strings, each held once: the table holds their keys, found by
/// the string's hash.
#[derive(Default)]
struct Dictionary {
    keys: hashbrown::HashTable<u32>,
    entries: Vec<Box<str>>,
    /// Keys of the strings given by number ([`Val::Keyed`]), plus one (0: not seen yet).
    by_number: Vec<u32>,
    /// The last string's key: a unit's name, its form, its file repeat row after row.
    last: Option<u32>,
}

impl Dictionary {
    fn key(&mut self, s: &str) -> u32 {
        if let Some(k) = self.last {
            if *self.entries[k as usize] == *s {
                return k;
            }
        }
        let hash = |s: &str| foldhash::fast::FixedState::default().hash_one(s);
        let entries = &mut self.entries;
        let k = match self.keys.entry(
            hash(s),
            |&k| *entries[k as usize] == *s,
            |&k| hash(&entries[k as usize]),
        ) {
            hashbrown::hash_table::Entry::Occupied(e) => *e.get(),
            hashbrown::hash_table::Entry::Vacant(e) => {
                let k = entries.len() as u32;
                entries.push(s.into());
                e.insert(k);
                k
            }
        };
        self.last = Some(k);
        k
    }

    /// The key of `s`, which the caller numbers `number`: found by the number after its first
    /// row (a measure's code changes every row; hashing and comparing it was a twentieth of an
    /// export).
    fn keyed(&mut self, number: u32, s: &str) -> u32 {
        let n = number as usize;
        if let Some(&k) = self.by_number.get(n) {
            if k != 0 {
                debug_assert_eq!(&*self.entries[k as usize - 1], s, "number {number}");
                self.last = Some(k - 1);
                return k - 1;
            }
        }
        let k = self.key(s);
        if self.by_number.len() <= n {
            self.by_number.resize(n + 1, 0);
        }
        self.by_number[n] = k + 1;
        k
    }

    fn clear(&mut self) {
        self.keys.clear();
        self.entries.clear();
        self.by_number.clear();
        self.last = None;
    }
}

/// A page's entry in the column index: its rows, empty values, and least and greatest value as
/// Parquet writes them (little-endian numbers, a string's bytes); `None` when it has no value.
struct PageStats {
    rows: usize,
    nulls: usize,
    min_max: Option<(Vec<u8>, Vec<u8>)>,
    /// Doubles: NaNs (none are written, but the index counts them).
    nans: Option<i64>,
}

/// The least and greatest value of a chunk or page.
#[derive(Clone, Copy)]
struct MinMax<T>(Option<(T, T)>);

impl<T: Copy + PartialOrd> MinMax<T> {
    fn add(&mut self, v: T) {
        self.0 = Some(match self.0 {
            None => (v, v),
            Some((lo, hi)) => (if v < lo { v } else { lo }, if v > hi { v } else { hi }),
        });
    }

    /// A page's least and greatest value (NaN-free), as `bytes` writes them, also taken
    /// into the chunk's: one pass over the page, not a comparison per value pushed.
    fn page(&mut self, xs: &[T], bytes: impl Fn(&T) -> Vec<u8>) -> Option<(Vec<u8>, Vec<u8>)> {
        let mut page = MinMax(None);
        for &x in xs {
            page.add(x);
        }
        let (lo, hi) = page.0?;
        self.add(lo);
        self.add(hi);
        Some((bytes(&lo), bytes(&hi)))
    }
}

impl Column {
    fn new(ty: ColType, nullable: bool, descr: ColumnDescPtr) -> Result<Column, ExportError> {
        let physical = descr.physical_type();
        let values = match (ty, physical) {
            (ColType::Str, PhysicalType::BYTE_ARRAY) => Values::Str(Vec::new()),
            (ColType::I32, PhysicalType::INT32) => Values::I32(Vec::new(), MinMax(None)),
            // Decimal(18, 6) is an INT64 of 10⁻⁶ 万元 in Parquet.
            (ColType::I64 | ColType::Money, PhysicalType::INT64) => {
                Values::I64(Vec::new(), MinMax(None))
            }
            (ColType::F64, PhysicalType::DOUBLE) => Values::F64(Vec::new(), MinMax(None)),
            (ColType::Bool, PhysicalType::BOOLEAN) => Values::Bool(Vec::new(), MinMax(None)),
            _ => {
                return Err(ExportError::Internal(format!(
                    "{}: {ty:?} as Parquet {physical}",
                    descr.name()
                )))
            }
        };
        Ok(Column {
            descr,
            nullable,
            values,
            defs: Vec::new(),
            pages: Vec::new(),
            nulls: 0,
            dict: Dictionary::default(),
        })
    }

    /// Appends `v`; false, appending nothing, when it is not of this column's type.
    fn push(&mut self, v: &Val) -> bool {
        let present = match (&mut self.values, *v) {
            (Values::Str(keys), Val::Str(Some(s))) => {
                keys.push(self.dict.key(s));
                true
            }
            (Values::Str(keys), Val::Keyed(id, s)) => {
                keys.push(self.dict.keyed(id, s));
                true
            }
            (Values::I32(xs, _), Val::I32(Some(x))) => {
                xs.push(x);
                true
            }
            (Values::I64(xs, _), Val::I64(Some(x)) | Val::Money(Some(x))) => {
                xs.push(x);
                true
            }
            (Values::F64(xs, _), Val::F64(Some(x))) => {
                xs.push(x);
                true
            }
            (Values::Bool(xs, _), Val::Bool(Some(x))) => {
                xs.push(x);
                true
            }
            (Values::Str(_), Val::Str(None))
            | (Values::I32(..), Val::I32(None))
            | (Values::I64(..), Val::I64(None) | Val::Money(None))
            | (Values::F64(..), Val::F64(None))
            | (Values::Bool(..), Val::Bool(None)) => false,
            _ => return false,
        };
        if self.nullable {
            self.defs.push(u8::from(present));
        }
        self.nulls += u64::from(!present);
        true
    }

    /// The open page encoded and compressed: definition levels (RLE, with their length before
    /// them), then the values: keys as RLE/bit-packed hybrid after their bit width, numbers
    /// PLAIN.
    fn cut_page(&mut self) -> Result<(), ExportError> {
        let mut buf = Vec::new();
        let rows = if self.nullable {
            let mut levels = Vec::new();
            hybrid(&self.defs, 1, &mut levels);
            buf.extend_from_slice(&(levels.len() as u32).to_le_bytes());
            buf.extend_from_slice(&levels);
            let rows = self.defs.len();
            self.defs.clear();
            rows
        } else {
            self.values.len()
        };
        let nulls = rows - self.values.len();
        let mut nans = None;
        let min_max = match &mut self.values {
            Values::Str(keys) => {
                // Each key once, then the strings compared: a page holds a few hundred.
                let mut seen = vec![false; self.dict.entries.len()];
                let mut lo: Option<&str> = None;
                let mut hi: Option<&str> = None;
                for &mut k in keys {
                    if !std::mem::replace(&mut seen[k as usize], true) {
                        let e = &*self.dict.entries[k as usize];
                        lo = Some(lo.map_or(e, |l| l.min(e)));
                        hi = Some(hi.map_or(e, |h| h.max(e)));
                    }
                }
                lo.zip(hi)
                    .map(|(l, h)| (l.as_bytes().to_vec(), h.as_bytes().to_vec()))
            }
            // The page's least and greatest, kept for the chunk too.
            Values::I32(xs, chunk) => chunk.page(xs, |x| x.to_le_bytes().to_vec()),
            Values::I64(xs, chunk) => chunk.page(xs, |x| x.to_le_bytes().to_vec()),
            Values::F64(xs, chunk) => {
                nans = Some(xs.iter().filter(|x| x.is_nan()).count() as i64);
                let finite: Vec<f64> = xs.iter().copied().filter(|x| !x.is_nan()).collect();
                // Parquet's rule for zeros: a least 0 is written −0.0, a greatest one +0.0.
                chunk
                    .page(&finite, |x| x.to_le_bytes().to_vec())
                    .map(|(lo, hi)| {
                        let zero = |b: Vec<u8>, z: f64| {
                            if f64::from_le_bytes(b[..8].try_into().unwrap_or_default()) == 0.0 {
                                z.to_le_bytes().to_vec()
                            } else {
                                b
                            }
                        };
                        (zero(lo, -0.0), zero(hi, 0.0))
                    })
            }
            Values::Bool(xs, chunk) => chunk.page(xs, |x| vec![u8::from(*x)]),
        };
        let stats = PageStats {
            rows,
            nulls,
            min_max,
            nans,
        };
        let encoding = match &mut self.values {
            Values::Str(keys) => {
                let width = key_width(self.dict.entries.len());
                buf.push(width);
                hybrid(keys, width, &mut buf);
                keys.clear();
                Encoding::RLE_DICTIONARY
            }
            Values::I32(xs, _) => plain(xs.drain(..).map(i32::to_le_bytes), &mut buf),
            Values::I64(xs, _) => plain(xs.drain(..).map(i64::to_le_bytes), &mut buf),
            Values::F64(xs, _) => plain(xs.drain(..).map(f64::to_le_bytes), &mut buf),
            Values::Bool(xs, _) => {
                let mut byte = 0u8;
                for (i, &x) in xs.iter().enumerate() {
                    byte |= u8::from(x) << (i % 8);
                    if i % 8 == 7 {
                        buf.push(byte);
                        byte = 0;
                    }
                }
                if xs.len() % 8 != 0 {
                    buf.push(byte);
                }
                xs.clear();
                Encoding::PLAIN
            }
        };
        if rows == 0 {
            return Ok(());
        }
        let page = Page::DataPage {
            buf: compress(&buf)?,
            num_values: rows as u32,
            encoding,
            def_level_encoding: Encoding::RLE,
            rep_level_encoding: Encoding::RLE,
            statistics: None,
        };
        self.pages.push((page, buf.len(), stats));
        Ok(())
    }

    /// The row group's chunk of this column, `rows` long: its bytes (dictionary page first) and
    /// what the file's footer says of it. The column starts again empty.
    fn close_chunk(&mut self, rows: u64) -> Result<(Bytes, ColumnCloseResult), ExportError> {
        let mut sink = TrackedWrite::new(Vec::new());
        let mut uncompressed = 0i64;
        let mut dictionary_offset = None;
        let mut encodings = vec![Encoding::RLE];
        let mut stats_of_pages = Vec::new();
        {
            let mut pages = SerializedPageWriter::new(&mut sink);
            if let Values::Str(_) = self.values {
                let mut plain = Vec::new();
                for e in &self.dict.entries {
                    plain.extend_from_slice(&(e.len() as u32).to_le_bytes());
                    plain.extend_from_slice(e.as_bytes());
                }
                let page = Page::DictionaryPage {
                    buf: compress(&plain)?,
                    num_values: self.dict.entries.len() as u32,
                    encoding: Encoding::PLAIN,
                    is_sorted: false,
                };
                let spec = pages.write_page(CompressedPage::new(page, plain.len()))?;
                dictionary_offset = Some(spec.offset as i64);
                uncompressed += spec.uncompressed_size as i64;
                encodings.push(Encoding::PLAIN);
                stats_of_pages.push(PageEncodingStats {
                    page_type: PageType::DICTIONARY_PAGE,
                    encoding: Encoding::PLAIN,
                    count: 1,
                });
            }
            let mut data_offset = None;
            let count = self.pages.len() as i32;
            let mut encoding = Encoding::PLAIN;
            let mut offsets = OffsetIndexBuilder::new();
            let mut index = ColumnIndexBuilder::new(self.descr.physical_type());
            for (page, size, stats) in self.pages.drain(..) {
                encoding = page.encoding();
                let spec = pages.write_page(CompressedPage::new(page, size))?;
                data_offset.get_or_insert(spec.offset as i64);
                uncompressed += spec.uncompressed_size as i64;
                offsets.append_offset_and_size(spec.offset as i64, spec.bytes_written as i32);
                offsets.append_row_count(stats.rows as i64);
                match stats.min_max {
                    Some((lo, hi)) => {
                        index.append(false, lo, hi, stats.nulls as i64, stats.nans);
                    }
                    None if stats.nulls == stats.rows => {
                        index.append(true, Vec::new(), Vec::new(), stats.nulls as i64, stats.nans);
                    }
                    // Values, but none to order (every one NaN): no index for the chunk.
                    None => index.to_invalid(),
                }
            }
            encodings.push(encoding);
            stats_of_pages.push(PageEncodingStats {
                page_type: PageType::DATA_PAGE,
                encoding,
                count,
            });
            pages.close()?;
            let bytes = Bytes::from(std::mem::take(sink.inner_mut()));
            let metadata = ColumnChunkMetaData::builder(self.descr.clone())
                .set_compression(Compression::ZSTD(ZstdLevel::try_new(ZSTD_LEVEL)?))
                .set_encodings_mask(parquet::basic::EncodingMask::new_from_encodings(
                    encodings.iter(),
                ))
                .set_page_encoding_stats(stats_of_pages)
                .set_total_compressed_size(bytes.len() as i64)
                .set_total_uncompressed_size(uncompressed)
                .set_num_values(rows as i64)
                .set_data_page_offset(data_offset.unwrap_or(0))
                .set_dictionary_page_offset(dictionary_offset)
                .set_statistics(self.statistics())
                .build()?;
            self.nulls = 0;
            self.dict.clear();
            self.values.reset_min_max();
            let close = ColumnCloseResult {
                bytes_written: bytes.len() as u64,
                rows_written: rows,
                metadata,
                bloom_filter: None,
                column_index: if index.valid() {
                    Some(index.build()?)
                } else {
                    None
                },
                offset_index: Some(offsets.build()),
            };
            Ok((bytes, close))
        }
    }

    /// The chunk's statistics: least and greatest value and the number of empty ones. Signed
    /// types also fill the old min/max fields, as the Arrow writer does.
    fn statistics(&self) -> Statistics {
        let nulls = Some(self.nulls);
        match &self.values {
            Values::Str(_) => {
                let mut entries = self.dict.entries.iter().map(|e| e.as_bytes());
                let first = entries.next();
                let (lo, hi) = entries.fold((first, first), |(lo, hi), e| {
                    (lo.min(Some(e)), hi.max(Some(e)))
                });
                let bytes = |b: Option<&[u8]>| b.map(|b| ByteArray::from(b.to_vec()));
                Statistics::ByteArray(ValueStatistics::new(
                    bytes(lo),
                    bytes(hi),
                    None,
                    nulls,
                    false,
                ))
            }
            Values::I32(_, MinMax(m)) => Statistics::Int32(
                ValueStatistics::new(m.map(|m| m.0), m.map(|m| m.1), None, nulls, false)
                    .with_backwards_compatible_min_max(true),
            ),
            Values::I64(_, MinMax(m)) => Statistics::Int64(
                ValueStatistics::new(m.map(|m| m.0), m.map(|m| m.1), None, nulls, false)
                    .with_backwards_compatible_min_max(true),
            ),
            // Parquet's rule for zeros: a least 0 is written −0.0, a greatest one +0.0.
            Values::F64(_, MinMax(m)) => Statistics::Double(
                ValueStatistics::new(
                    m.map(|m| if m.0 == 0.0 { -0.0 } else { m.0 }),
                    m.map(|m| if m.1 == 0.0 { 0.0 } else { m.1 }),
                    None,
                    nulls,
                    false,
                )
                .with_backwards_compatible_min_max(true),
            ),
            Values::Bool(_, MinMax(m)) => Statistics::Boolean(ValueStatistics::new(
                m.map(|m| m.0),
                m.map(|m| m.1),
                None,
                nulls,
                false,
            )),
        }
    }
}

impl Values {
    /// Values in the open page.
    fn len(&self) -> usize {
        match self {
            Values::Str(x) => x.len(),
            Values::I32(x, _) => x.len(),
            Values::I64(x, _) => x.len(),
            Values::F64(x, _) => x.len(),
            Values::Bool(x, _) => x.len(),
        }
    }

    fn reset_min_max(&mut self) {
        match self {
            Values::Str(_) => {}
            Values::I32(_, m) => m.0 = None,
            Values::I64(_, m) => m.0 = None,
            Values::F64(_, m) => m.0 = None,
            Values::Bool(_, m) => m.0 = None,
        }
    }
}

/// Numbers PLAIN: each one's little-endian bytes, one after another.
fn plain<const N: usize>(numbers: impl Iterator<Item = [u8; N]>, buf: &mut Vec<u8>) -> Encoding {
    numbers.for_each(|b| buf.extend_from_slice(&b));
    Encoding::PLAIN
}

/// Bits a key of a dictionary of `entries` needs (at least 1).
fn key_width(entries: usize) -> u8 {
    let max = entries.saturating_sub(1) as u32;
    (32 - max.leading_zeros()).max(1) as u8
}

thread_local! {
    /// A compressor per thread, kept: making one per page was a tenth of the encoding's time.
    static ZSTD: std::cell::RefCell<Option<zstd::bulk::Compressor<'static>>> =
        const { std::cell::RefCell::new(None) };
}

fn compress(data: &[u8]) -> Result<Bytes, ExportError> {
    let fail = |e: std::io::Error| ExportError::Internal(format!("zstd: {e}"));
    ZSTD.with_borrow_mut(|z| {
        let z = match z {
            Some(z) => z,
            None => z.insert(zstd::bulk::Compressor::new(ZSTD_LEVEL).map_err(fail)?),
        };
        z.compress(data).map(Bytes::from).map_err(fail)
    })
}

/// `values`, of `width` bits, in Parquet's RLE/bit-packed hybrid: a run of 8 or more equal
/// values as one repeated value, the others bit-packed in groups of 8 (the last group padded
/// with zeros; the page's value count says where the values end).
fn hybrid<T: Copy + PartialEq + Into<u32>>(values: &[T], width: u8, out: &mut Vec<u8>) {
    let mut literal: Vec<u32> = Vec::with_capacity(8 * MAX_LITERAL_GROUPS);
    let mut i = 0;
    while i < values.len() {
        let v = values[i];
        let run = values[i..].iter().take_while(|&&x| x == v).count();
        i += run;
        let v: u32 = v.into();
        // Fill the literal to a whole group from the run, then the rest repeats if it is long.
        let fill = ((8 - literal.len() % 8) % 8).min(run);
        literal.extend(std::iter::repeat_n(v, fill));
        let rest = run - fill;
        if rest >= 8 {
            flush_literal(&mut literal, width, out);
            put_varint((rest as u64) << 1, out);
            let bytes = usize::from(width).div_ceil(8);
            out.extend_from_slice(&v.to_le_bytes()[..bytes]);
        } else {
            literal.extend(std::iter::repeat_n(v, rest));
        }
        if literal.len() >= 8 * MAX_LITERAL_GROUPS {
            // Whole groups out; a part group stays for the next values.
            let whole = literal.len() / 8 * 8;
            let tail: Vec<u32> = literal.split_off(whole);
            flush_literal(&mut literal, width, out);
            literal = tail;
        }
    }
    if !literal.is_empty() {
        literal.resize(literal.len().div_ceil(8) * 8, 0);
        flush_literal(&mut literal, width, out);
    }
}

/// The literal values (whole groups of 8) bit-packed, least significant bit first, in runs of
/// at most [`MAX_LITERAL_GROUPS`] groups.
fn flush_literal(literal: &mut Vec<u32>, width: u8, out: &mut Vec<u8>) {
    debug_assert!(literal.len().is_multiple_of(8));
    for run in literal.chunks(8 * MAX_LITERAL_GROUPS) {
        put_varint(((run.len() / 8) as u64) << 1 | 1, out);
        let mut acc: u64 = 0;
        let mut bits = 0u32;
        for &v in run {
            acc |= u64::from(v) << bits;
            bits += u32::from(width);
            while bits >= 8 {
                out.push(acc as u8);
                acc >>= 8;
                bits -= 8;
            }
        }
        debug_assert_eq!(bits, 0, "8 values of any width fill whole bytes");
    }
    literal.clear();
}

fn put_varint(mut v: u64, out: &mut Vec<u8>) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parquet's own reading of the hybrid encoding, for the test: the values back.
    fn decode(mut bytes: &[u8], width: u8, n: usize) -> Vec<u32> {
        let mut out = Vec::new();
        let varint = |b: &mut &[u8]| {
            let (mut v, mut shift) = (0u64, 0);
            loop {
                let byte = b[0];
                *b = &b[1..];
                v |= u64::from(byte & 0x7f) << shift;
                shift += 7;
                if byte < 0x80 {
                    return v;
                }
            }
        };
        while out.len() < n {
            let header = varint(&mut bytes);
            if header & 1 == 1 {
                let groups = (header >> 1) as usize;
                let len = groups * usize::from(width);
                let (packed, rest) = bytes.split_at(len);
                bytes = rest;
                let mut bit = 0usize;
                for _ in 0..groups * 8 {
                    let mut v = 0u32;
                    for b in 0..usize::from(width) {
                        let at = bit + b;
                        v |= u32::from((packed[at / 8] >> (at % 8)) & 1) << b;
                    }
                    bit += usize::from(width);
                    out.push(v);
                }
            } else {
                let run = (header >> 1) as usize;
                let k = usize::from(width).div_ceil(8);
                let mut le = [0u8; 4];
                le[..k].copy_from_slice(&bytes[..k]);
                bytes = &bytes[k..];
                out.extend(std::iter::repeat_n(u32::from_le_bytes(le), run));
            }
        }
        out.truncate(n);
        out
    }

    #[test]
    fn the_hybrid_encoding_gives_the_values_back() {
        let cases: Vec<Vec<u32>> = vec![
            vec![],
            vec![5],
            vec![1, 2, 3],
            vec![7; 8],
            vec![7; 1000],
            (0..1000).map(|i| i % 13).collect(),
            (0..5000).map(|i| (i / 37) % 300).collect(),
            (0..3000)
                .map(|i| if i % 100 < 90 { 0 } else { i % 7 })
                .collect(),
            [
                vec![1, 2, 3],
                vec![9; 20],
                vec![4, 5],
                vec![9; 7],
                vec![1; 9],
            ]
            .concat(),
        ];
        for values in cases {
            let width = key_width(values.iter().max().map_or(1, |&m| m as usize + 1));
            let mut out = Vec::new();
            hybrid(&values, width, &mut out);
            assert_eq!(decode(&out, width, values.len()), values, "width {width}");
        }
    }

    #[test]
    fn a_key_takes_the_bits_of_the_greatest_key() {
        assert_eq!(key_width(0), 1);
        assert_eq!(key_width(1), 1);
        assert_eq!(key_width(2), 1);
        assert_eq!(key_width(3), 2);
        assert_eq!(key_width(256), 8);
        assert_eq!(key_width(257), 9);
    }

    /// Rows of `spec` made from `seed`: strings from a pool of `distinct` (runs of one string
    /// as a unit's rows have), some given by number, numbers over their whole range and small,
    /// `nulls` in a hundred of the nullable values empty.
    fn rows_of<'a>(
        spec: &TableSpec,
        n: usize,
        seed: u64,
        nulls: u64,
        pool: &'a [String],
    ) -> Vec<Vec<Val<'a>>> {
        let mut x = seed | 1;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut last: Vec<usize> = vec![0; spec.columns.len()];
        (0..n)
            .map(|_| {
                spec.columns
                    .iter()
                    .enumerate()
                    .map(|(c, col)| {
                        let r = next();
                        if col.nullable && r % 100 < nulls {
                            return match col.ty {
                                ColType::Str => Val::Str(None),
                                ColType::I32 => Val::I32(None),
                                ColType::I64 => Val::I64(None),
                                ColType::F64 => Val::F64(None),
                                ColType::Bool => Val::Bool(None),
                                ColType::Money => Val::Money(None),
                            };
                        }
                        let big = (r >> 8) % 4 == 0;
                        let v = next();
                        match col.ty {
                            ColType::Str => {
                                if v % 3 != 0 {
                                    last[c] = (v >> 3) as usize % pool.len();
                                }
                                let s = pool[last[c]].as_str();
                                if v % 5 == 0 {
                                    Val::Keyed(last[c] as u32, s)
                                } else {
                                    Val::Str(Some(s))
                                }
                            }
                            ColType::I32 => {
                                Val::I32(Some(if big { v as i32 } else { (v % 7) as i32 }))
                            }
                            ColType::I64 => Val::I64(Some(match v % 9 {
                                0 => i64::MIN,
                                1 => i64::MAX,
                                _ if big => v as i64,
                                _ => (v % 5) as i64 - 2,
                            })),
                            ColType::Money => Val::Money(Some(if big {
                                (v as i64) % (crate::rows::MONEY_MAX + 1)
                            } else {
                                (v % 3) as i64 * 1_000_000
                            })),
                            ColType::F64 => Val::F64(Some(match v % 6 {
                                0 => 0.0,
                                1 => -0.0,
                                _ => (v as i64 % 1_000_000) as f64 / 7.0,
                            })),
                            ColType::Bool => Val::Bool(Some(v % 2 == 0)),
                        }
                    })
                    .collect()
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(12))]

        /// Every table's rows written by [`ParquetTable`] read back by the `parquet` crate's own
        /// Arrow reader equal to the Arrow arrays the same rows build, over several pages and
        /// row groups, with the chunk statistics of those arrays.
        #[test]
        fn a_table_reads_back_as_its_rows_with_their_statistics(
            table in 0..crate::schema::ALL.len(),
            n in proptest::prelude::prop_oneof![0..40usize, 15_000..40_000usize],
            seed in proptest::prelude::any::<u64>(),
            nulls in proptest::prelude::prop_oneof![proptest::prelude::Just(0u64), 0..100u64, proptest::prelude::Just(100u64)],
            distinct in proptest::prelude::prop_oneof![1..4usize, 300..3000usize],
            group_limit in proptest::prelude::prop_oneof![proptest::prelude::Just(ROW_GROUP_ROWS), 2_000..20_000usize],
        ) {
            use arrow::array::Array;
            let spec = crate::schema::ALL[table];
            let pool: Vec<String> = (0..distinct).map(|i| format!("单位{i:05}·{}", i % 7)).collect();
            let rows = rows_of(spec, n, seed, nulls, &pool);
            let tmp = tempfile::tempdir().unwrap();
            let out = tmp.path().join("out");
            crate::dir::fill(&out, |staging| {
                let mut table = ParquetTable::new(spec, staging.create("t.parquet")?)?;
                table.group_limit = group_limit;
                for row in &rows {
                    table.push(row)?;
                }
                table.finish(Vec::new())?.close(None)?;
                Ok(())
            })
            .unwrap();
            let mut want = crate::rows::Rows::new(spec);
            for row in &rows {
                want.push(row).unwrap();
            }
            let want = want.take().unwrap();

            let file = std::fs::File::open(out.join("t.parquet")).unwrap();
            let builder =
                parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
            let meta = builder.metadata().clone();
            let batches: Vec<_> = builder.build().unwrap().map(|b| b.unwrap()).collect();
            let got = arrow::compute::concat_batches(&spec.schema(), &batches).unwrap();
            proptest::prop_assert_eq!(got.num_rows(), n);
            for (c, col) in spec.columns.iter().enumerate() {
                proptest::prop_assert_eq!(got.column(c).to_data(), want.column(c).to_data(), "{}.{}", spec.name, col.name);
            }
            let groups = meta.row_groups();
            proptest::prop_assert_eq!(groups.len(), n.div_ceil(group_limit));
            for (c, col) in spec.columns.iter().enumerate() {
                let nulls: u64 = groups
                    .iter()
                    .map(|g| g.column(c).statistics().and_then(|s| s.null_count_opt()).unwrap_or(0))
                    .sum();
                proptest::prop_assert_eq!(nulls as usize, want.column(c).null_count(), "{}", col.name);
                if let (ColType::I64 | ColType::Money, Some(g)) = (col.ty, groups.first()) {
                    let rows = g.num_rows() as usize;
                    // The numbers as stored: a count, or money's 10⁻⁶ 万元 units.
                    let first = want.column(c).slice(0, rows);
                    let ints: Vec<i64> = match first.as_any().downcast_ref::<arrow::array::Decimal128Array>() {
                        Some(d) => d.iter().flatten().map(|v| v as i64).collect(),
                        None => first
                            .as_any()
                            .downcast_ref::<arrow::array::Int64Array>()
                            .unwrap()
                            .iter()
                            .flatten()
                            .collect(),
                    };
                    if let Some(Statistics::Int64(s)) = g.column(c).statistics() {
                        proptest::prop_assert_eq!(s.min_opt().copied(), ints.iter().min().copied(), "{}", col.name);
                        proptest::prop_assert_eq!(s.max_opt().copied(), ints.iter().max().copied(), "{}", col.name);
                    } else {
                        proptest::prop_assert!(false, "{}: no Int64 statistics", col.name);
                    }
                }
            }
        }
    }
}
