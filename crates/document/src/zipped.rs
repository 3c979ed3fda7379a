//! Zip containers (`.xlsx`, `.docx`, `.ods`) checked before anything reads them: a unit's file
//! is untrusted, and a few kilobytes of zip can inflate to gigabytes.
//!
//! [`check`] opens the archive's directory, counts its entries and inflates every entry into a
//! sink with a running count, so the limits hold whatever sizes the archive declares for itself
//! (declared sizes are the archive's own word and can lie). Only then is the archive handed to a
//! reader. Inflating twice costs little: a one-unit workbook is about 50 KB of XML.

use std::fmt;
use std::io::{Cursor, Read};

use gongkai_messages::msg;

/// How much a container may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZipLimits {
    /// Entries in the archive. An office file has a few dozen; a workbook of many sheets with
    /// images a few hundred.
    pub entries: usize,
    /// Bytes all entries inflate to, together. The largest real report seen inflates to a few MB
    /// (a Word report with photos); 256 MiB leaves room for any report and none for a bomb.
    pub total_bytes: u64,
}

impl Default for ZipLimits {
    fn default() -> ZipLimits {
        ZipLimits {
            entries: 10_000,
            total_bytes: 256 << 20,
        }
    }
}

/// Why a container cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipProblem {
    /// Not a zip archive, or one cut short (its directory at the end is missing).
    Damaged(String),
    /// An entry is encrypted: the file was saved with a password.
    Encrypted {
        entry: String,
    },
    TooManyEntries {
        entries: usize,
        limit: usize,
    },
    /// The entries inflate past the limit (a zip bomb, or not a report).
    TooLarge {
        limit: u64,
        entry: String,
    },
}

impl fmt::Display for ZipProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            ZipProblem::Damaged(why) => msg!("read-zip-damaged", why = why),
            ZipProblem::Encrypted { entry } => msg!("read-zip-encrypted", entry = entry),
            ZipProblem::TooManyEntries { entries, limit } => msg!(
                "read-zip-too-many-entries",
                entries = *entries,
                limit = *limit
            ),
            ZipProblem::TooLarge { limit, entry } => {
                msg!("read-zip-too-large", mib = limit >> 20, entry = entry)
            }
        })
    }
}

impl std::error::Error for ZipProblem {}

/// Checks that `bytes` is a zip archive within `limits`, inflating every entry to count it.
pub fn check(bytes: &[u8], limits: &ZipLimits) -> Result<(), ZipProblem> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ZipProblem::Damaged(e.to_string()))?;
    if archive.len() > limits.entries {
        return Err(ZipProblem::TooManyEntries {
            entries: archive.len(),
            limit: limits.entries,
        });
    }
    let mut total: u64 = 0;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..archive.len() {
        let listed = match archive.name_for_index(i) {
            Some(Ok(name)) => name.into_owned(),
            _ => format!("#{i}"),
        };
        let mut entry = match archive.by_index(i) {
            Ok(e) => e,
            Err(zip::result::ZipError::UnsupportedArchive(why)) if why.contains("assword") => {
                return Err(ZipProblem::Encrypted { entry: listed });
            }
            Err(e) => return Err(ZipProblem::Damaged(e.to_string())),
        };
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        if entry.encrypted() {
            return Err(ZipProblem::Encrypted { entry: name });
        }
        loop {
            let n = match entry.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    let why = msg!("read-zip-entry", entry = name, why = e.to_string());
                    return Err(ZipProblem::Damaged(why));
                }
            };
            total += n as u64;
            if total > limits.total_bytes {
                return Err(ZipProblem::TooLarge {
                    limit: limits.total_bytes,
                    entry: name,
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use super::{check, ZipLimits, ZipProblem};

    fn archive(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut out);
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            for (name, body) in entries {
                zip.start_file(*name, options).ok();
                zip.write_all(body).ok();
            }
            zip.finish().ok();
        }
        out.into_inner()
    }

    #[test]
    fn a_small_archive_passes() {
        let bytes = archive(&[("xl/workbook.xml", b"<workbook/>"), ("a", b"b")]);
        assert_eq!(check(&bytes, &ZipLimits::default()), Ok(()));
    }

    #[test]
    fn a_bomb_stops_at_the_limit() {
        // 16 MiB of zeros deflates to about 16 KB.
        let zeros = vec![0u8; 16 << 20];
        let bytes = archive(&[("xl/worksheets/sheet1.xml", &zeros)]);
        assert!(bytes.len() < 1 << 20, "{} bytes", bytes.len());
        let limits = ZipLimits {
            total_bytes: 4 << 20,
            ..ZipLimits::default()
        };
        let err = check(&bytes, &limits).err();
        assert!(
            matches!(&err, Some(ZipProblem::TooLarge { entry, .. }) if entry == "xl/worksheets/sheet1.xml"),
            "{err:?}"
        );
        assert!(err.is_some_and(|e| e.to_string().contains("4 MiB")));
    }

    #[test]
    fn too_many_entries() {
        let names: Vec<String> = (0..20).map(|i| format!("e{i}")).collect();
        let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
        let limits = ZipLimits {
            entries: 10,
            ..ZipLimits::default()
        };
        assert_eq!(
            check(&archive(&entries), &limits),
            Err(ZipProblem::TooManyEntries {
                entries: 20,
                limit: 10
            })
        );
    }

    #[test]
    fn cut_short_or_not_a_zip_is_damaged() {
        let bytes = archive(&[("word/document.xml", b"<w:document/>")]);
        for cut in [0, 4, bytes.len() / 2, bytes.len() - 1] {
            let err = check(&bytes[..cut], &ZipLimits::default());
            assert!(
                matches!(err, Err(ZipProblem::Damaged(_))),
                "cut at {cut}: {err:?}"
            );
        }
        assert!(matches!(
            check(b"not a zip at all", &ZipLimits::default()),
            Err(ZipProblem::Damaged(_))
        ));
    }
}
