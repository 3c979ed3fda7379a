//! Writing an export folder so that no reader ever sees half of one.
//!
//! Every file goes into a temporary folder next to the destination (same file system), each
//! synced to disk; then the folder takes the destination's place in one step. An existing export
//! is swapped out atomically where the system can (Linux `renameat2(RENAME_EXCHANGE)`), else
//! moved aside first, and removed afterwards. A destination that exists and is not an export
//! (no `manifest.json` of ours, and not empty) is never touched.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::ExportError;

/// The file that marks a folder as an export; its content names the tool.
pub const MANIFEST: &str = "manifest.json";
const MARK: &str = "\"tool\": \"gongkai\"";

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ExportError + '_ {
    move |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Whether `dir` may be replaced: it does not exist, is an empty folder, or holds an export.
pub fn replaceable(dir: &Path) -> Result<bool, ExportError> {
    let meta = match fs::symlink_metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(true),
        Err(e) => return Err(io(dir)(e)),
    };
    if !meta.is_dir() {
        return Ok(false);
    }
    if fs::read_dir(dir).map_err(io(dir))?.next().is_none() {
        return Ok(true);
    }
    Ok(fs::read_to_string(dir.join(MANIFEST)).is_ok_and(|m| m.contains(MARK)))
}

/// A sibling path of `dir`: `.NAME.SUFFIX-PID`.
fn sibling(dir: &Path, suffix: &str) -> Result<PathBuf, ExportError> {
    let name = dir
        .file_name()
        .ok_or_else(|| ExportError::Output {
            path: dir.to_path_buf(),
            reason: "the output folder has no name".into(),
        })?
        .to_string_lossy();
    Ok(parent_of(dir).join(format!(".{name}.{suffix}-{}", std::process::id())))
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn sync_dir(dir: &Path) -> Result<(), ExportError> {
    fs::File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(io(dir))
}

/// Writes `files` (paths relative to the export root, `/`-separated) as the folder `dir`,
/// replacing an earlier export there. On any error `dir` is as it was.
pub fn write(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<(), ExportError> {
    if !replaceable(dir)? {
        return Err(ExportError::Output {
            path: dir.to_path_buf(),
            reason: format!(
                "it exists and is not an earlier export (no {MANIFEST} of gongkai); \
                 choose a new or empty folder"
            ),
        });
    }
    let parent = parent_of(dir);
    fs::create_dir_all(parent).map_err(io(parent))?;
    let tmp = sibling(dir, "tmp")?;
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(io(&tmp))?;
    }
    let result = fill(&tmp, files).and_then(|()| swap(&tmp, dir));
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result
}

fn fill(tmp: &Path, files: &[(String, Vec<u8>)]) -> Result<(), ExportError> {
    fs::create_dir(tmp).map_err(io(tmp))?;
    let mut dirs = vec![tmp.to_path_buf()];
    for (rel, bytes) in files {
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

/// Puts the finished `tmp` at `dir`.
fn swap(tmp: &Path, dir: &Path) -> Result<(), ExportError> {
    let parent = parent_of(dir);
    if !dir.exists() {
        fs::rename(tmp, dir).map_err(io(dir))?;
        return sync_dir(parent);
    }
    // Both exist: exchange them in one step where the file system can, so a reader sees the
    // old export or the new one and never neither; `tmp` then holds the old one.
    if exchange(tmp, dir).is_err() {
        let old = sibling(dir, "old")?;
        fs::rename(dir, &old).map_err(io(dir))?;
        if let Err(e) = fs::rename(tmp, dir) {
            let _ = fs::rename(&old, dir);
            return Err(io(dir)(e));
        }
        fs::rename(&old, tmp).map_err(io(&old))?;
    }
    sync_dir(parent)?;
    fs::remove_dir_all(tmp).map_err(io(tmp))
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Writes one file through a temporary file beside it and a rename.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let parent = parent_of(path);
    fs::create_dir_all(parent).map_err(io(parent))?;
    let name = path
        .file_name()
        .ok_or_else(|| ExportError::Output {
            path: path.to_path_buf(),
            reason: "the output file has no name".into(),
        })?
        .to_string_lossy();
    let tmp = parent.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp).map_err(io(&tmp))?;
        f.write_all(bytes).map_err(io(&tmp))?;
        f.sync_all().map_err(io(&tmp))?;
        fs::rename(&tmp, path).map_err(io(path))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
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
            &[(MANIFEST.into(), b"{\n  \"tool\": \"gongkai\"\n}".to_vec())],
        )
        .unwrap();
        assert!(replaceable(&p.join("ours")).unwrap());
    }

    #[test]
    fn replacing_swaps_whole_folders_and_leaves_nothing_beside() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("out");
        let manifest = (MANIFEST.to_string(), b"\"tool\": \"gongkai\"".to_vec());
        write(
            &out,
            &[manifest.clone(), ("a/one.txt".into(), b"1".to_vec())],
        )
        .unwrap();
        write(&out, &[manifest, ("b/two.txt".into(), b"2".to_vec())]).unwrap();
        assert!(!out.join("a").exists());
        assert_eq!(std::fs::read(out.join("b/two.txt")).unwrap(), b"2");
        let names: Vec<_> = std::fs::read_dir(t.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1, "{names:?}");
        // A failed write leaves the export as it was.
        for bad in ["../escape/x", "a//b", "/abs", "x/\0"] {
            assert!(
                write(&out, &[(bad.to_string(), Vec::new())]).is_err(),
                "{bad}"
            );
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
