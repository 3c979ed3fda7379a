//! Writing an export folder so that no reader ever sees half of one, through the one folder swap
//! of `gongkai-atomic`: every file goes into a temporary folder beside the destination, each
//! synced to disk, and the folder then takes the destination's place in one step. A destination
//! that exists and is not an export (no `manifest.json` of ours, and not empty) is never touched.

use std::fs;
use std::io::Write as _;
use std::path::Path;

use gongkai_atomic::{io, sync_dir, AtomicError};

use crate::ExportError;

/// The file that marks a folder as an export; its content names the tool.
pub const MANIFEST: &str = "manifest.json";
const MARK: &str = "\"tool\": \"gongkai\"";

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
    if !replaceable(dir)? {
        return Err(ExportError::Output {
            path: dir.to_path_buf(),
            reason: format!(
                "it exists and is not an earlier export (no {MANIFEST} of gongkai); \
                 choose a new or empty folder"
            ),
        });
    }
    gongkai_atomic::replace_dir(dir, is_export, |tmp| fill(tmp, files))
}

fn fill(tmp: &Path, files: &[(&str, &[u8])]) -> Result<(), ExportError> {
    let mut dirs = vec![tmp.to_path_buf()];
    for &(rel, bytes) in files {
        let plain = |part: &str| !matches!(part, "" | "." | "..") && !part.contains(['\\', '\0']);
        if !rel.split('/').all(plain) {
            return Err(ExportError::Internal(format!(
                "{rel:?} is not a plain relative path"
            )));
        }
        let path = rel
            .split('/')
            .fold(tmp.to_path_buf(), |p, part| p.join(part));
        if let Some(d) = path.parent() {
            if !d.exists() {
                fs::create_dir_all(d).map_err(io(d))?;
                dirs.push(d.to_path_buf());
            }
        }
        let mut f = fs::File::create(&path).map_err(io(&path))?;
        f.write_all(bytes).map_err(io(&path))?;
        f.sync_all().map_err(io(&path))?;
    }
    // Deepest first, so each folder's entries are on disk before its parent's.
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in &dirs {
        sync_dir(d)?;
    }
    Ok(())
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
