//! Writing an export folder so that no reader ever sees half of one, through the one folder swap
//! of `gongkai-atomic`: every file goes into a temporary folder beside the destination, each
//! synced to disk, and the folder then takes the destination's place in one step. A destination
//! that exists and is not an export (no `manifest.json` of ours, and not empty) is never touched.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use gongkai_atomic::{io, sync_dir, AtomicError};

use crate::ExportError;

/// The file that marks a folder as an export; its content names the tool.
pub const MANIFEST: &str = "manifest.json";
const MARK: &str = "\"tool\": \"gongkai\"";
/// The staging folder's hidden folder of scratch files.
const SCRATCH: &str = ".parts";

/// Whether `dir` holds an export of ours.
fn is_export(dir: &Path) -> bool {
    fs::read_to_string(dir.join(MANIFEST)).is_ok_and(|m| m.contains(MARK))
}

/// Whether `dir` may be replaced: it does not exist, is an empty folder, or holds an export.
pub fn replaceable(dir: &Path) -> Result<bool, ExportError> {
    Ok(gongkai_atomic::replaceable(dir, is_export)?)
}

/// Writes `files` (paths relative to the export root, `/`-separated) as the folder `dir`,
/// replacing an earlier export there. On any error `dir` is as it was.
pub fn write(dir: &Path, files: &[(&str, &[u8])]) -> Result<(), ExportError> {
    fill(dir, |staging| {
        for &(rel, bytes) in files {
            staging.add(rel, bytes, None)?;
        }
        Ok(())
    })
}

/// Makes the folder `dir` anew from what `with` writes into a [`Staging`] folder, which takes
/// `dir`'s place in one step once every file and folder in it is on disk. On any error `dir` is
/// as it was.
pub fn fill<T>(
    dir: &Path,
    with: impl FnOnce(&mut Staging) -> Result<T, ExportError>,
) -> Result<T, ExportError> {
    if !replaceable(dir)? {
        return Err(ExportError::Output {
            path: dir.to_path_buf(),
            reason: format!(
                "it exists and is not an earlier export (no {MANIFEST} of gongkai); \
                 choose a new or empty folder"
            ),
        });
    }
    gongkai_atomic::replace_dir(dir, is_export, |tmp| {
        let mut staging = Staging {
            root: tmp.to_path_buf(),
            dirs: vec![tmp.to_path_buf()],
            files: Vec::new(),
        };
        let value = with(&mut staging)?;
        // Deepest first, so each folder's entries are on disk before its parent's.
        staging
            .dirs
            .sort_by_key(|d| std::cmp::Reverse(d.components().count()));
        for d in &staging.dirs {
            sync_dir(d)?;
        }
        Ok(value)
    })
}

/// One file written into an export, as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// `/`-separated, relative to the export's root: `facts/year=2020/part-0.parquet`.
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
    /// Rows of the table it holds (not for the manifest).
    pub rows: Option<usize>,
}

/// An export's folder while it is written: files go straight to disk (a national export's facts
/// do not fit in memory), each hashed as it is written.
#[derive(Debug)]
pub struct Staging {
    root: PathBuf,
    dirs: Vec<PathBuf>,
    /// The files written so far, in order.
    pub files: Vec<Written>,
}

impl Staging {
    /// A new file at `rel` (`/`-separated, plain parts only), its folders made.
    pub fn create(&mut self, rel: &str) -> Result<Sink, ExportError> {
        let plain = |part: &str| !matches!(part, "" | "." | "..") && !part.contains(['\\', '\0']);
        if !rel.split('/').all(plain) {
            return Err(ExportError::Internal(format!(
                "{rel:?} is not a plain relative path"
            )));
        }
        let path = rel
            .split('/')
            .fold(self.root.clone(), |p, part| p.join(part));
        if let Some(d) = path.parent() {
            if !d.exists() {
                fs::create_dir_all(d).map_err(io(d))?;
                self.dirs.push(d.to_path_buf());
            }
        }
        let file = fs::File::create(&path).map_err(io(&path))?;
        Ok(Sink {
            rel: rel.to_string(),
            path,
            file: BufWriter::with_capacity(1 << 16, file),
            hasher: Sha256::new(),
            bytes: 0,
            durable: true,
        })
    }

    /// A scratch file `name` in a hidden folder of the staging folder, for a table written in
    /// parts ([`crate::parts`]); never listed, and gone with [`Staging::clear_scratch`].
    pub fn scratch(&self, name: &str) -> Result<Sink, ExportError> {
        let dir = self.root.join(SCRATCH);
        fs::create_dir_all(&dir).map_err(io(&dir))?;
        let path = dir.join(name);
        let file = fs::File::create(&path).map_err(io(&path))?;
        Ok(Sink {
            rel: format!("{SCRATCH}/{name}"),
            path,
            file: BufWriter::with_capacity(1 << 16, file),
            hasher: Sha256::new(),
            bytes: 0,
            durable: false,
        })
    }

    /// Removes every scratch file.
    pub fn clear_scratch(&self) -> Result<(), ExportError> {
        let dir = self.root.join(SCRATCH);
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(io(&dir))?;
        }
        Ok(())
    }

    /// A whole file at `rel`.
    pub fn add(&mut self, rel: &str, bytes: &[u8], rows: Option<usize>) -> Result<(), ExportError> {
        let mut sink = self.create(rel)?;
        sink.write_all(bytes).map_err(io(&sink.path))?;
        let written = sink.close(rows)?;
        self.files.push(written);
        Ok(())
    }
}

/// A file of the export being written: buffered, hashed, counted.
#[derive(Debug)]
pub struct Sink {
    rel: String,
    path: PathBuf,
    file: BufWriter<fs::File>,
    hasher: Sha256,
    bytes: u64,
    /// Synced to disk when closed: a file of the export. A scratch part is read back once and
    /// deleted, so it is not (syncing the eight parts of 10,000 units × 5 years cost up to a
    /// second of waiting on a busy disk).
    durable: bool,
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

impl Sink {
    /// Where the file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file on disk (flushed and synced), as the manifest lists it.
    pub fn close(self, rows: Option<usize>) -> Result<Written, ExportError> {
        let path = self.path;
        let file = self.file.into_inner().map_err(|e| ExportError::Io {
            path: path.clone(),
            source: e.into_error(),
        })?;
        if self.durable {
            file.sync_all().map_err(io(&path))?;
        }
        Ok(Written {
            path: self.rel,
            bytes: self.bytes,
            sha256: crate::hex(&self.hasher.finalize()),
            rows,
        })
    }
}

/// Writes one file atomically (the one file write of `gongkai-atomic`).
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    Ok(gongkai_atomic::write_file(path, bytes)?)
}

impl From<AtomicError> for ExportError {
    fn from(e: AtomicError) -> ExportError {
        let reason = e.to_string();
        match e {
            AtomicError::Io { path, source } => ExportError::Io { path, source },
            AtomicError::NotReplaceable { path } | AtomicError::NoName { path } => {
                ExportError::Output { path, reason }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_may_be_replaced() {
        let t = tempfile::tempdir().unwrap();
        let p = t.path();
        assert!(replaceable(&p.join("new")).unwrap());
        std::fs::create_dir(p.join("empty")).unwrap();
        assert!(replaceable(&p.join("empty")).unwrap());
        std::fs::write(p.join("file"), "x").unwrap();
        assert!(!replaceable(&p.join("file")).unwrap());
        std::fs::create_dir(p.join("other")).unwrap();
        std::fs::write(p.join("other/manifest.json"), "{}").unwrap();
        assert!(
            !replaceable(&p.join("other")).unwrap(),
            "someone else's manifest"
        );
        write(
            &p.join("ours"),
            &[(MANIFEST, b"{\n  \"tool\": \"gongkai\"\n}".as_slice())],
        )
        .unwrap();
        assert!(replaceable(&p.join("ours")).unwrap());
    }

    #[test]
    fn replacing_swaps_whole_folders_and_leaves_nothing_beside() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("out");
        let manifest = (MANIFEST, b"\"tool\": \"gongkai\"".as_slice());
        write(&out, &[manifest, ("a/one.txt", b"1".as_slice())]).unwrap();
        write(&out, &[manifest, ("b/two.txt", b"2".as_slice())]).unwrap();
        assert!(!out.join("a").exists());
        assert_eq!(std::fs::read(out.join("b/two.txt")).unwrap(), b"2");
        let names: Vec<_> = std::fs::read_dir(t.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1, "{names:?}");
        // A failed write leaves the export as it was.
        for bad in ["../escape/x", "a//b", "/abs", "x/\0"] {
            assert!(write(&out, &[(bad, [].as_slice())]).is_err(), "{bad}");
        }
        assert_eq!(std::fs::read(out.join("b/two.txt")).unwrap(), b"2");
        let names: Vec<_> = std::fs::read_dir(t.path()).unwrap().flatten().collect();
        assert_eq!(
            names.len(),
            1,
            "nothing escaped, no temporary folder left: {names:?}"
        );
    }
}
