//! Output no reader ever sees half of: [`write_file`] writes a file through a temporary file
//! beside it and a rename; [`replace_dir`] fills a temporary folder beside the destination and
//! swaps it into place in one step. Every command's files (exports, charts, outputs, generated
//! data) are written through these two.

use std::fmt;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use gongkai_messages::msg;

/// A write that did not happen, with the path it concerns. The destination is as it was. It prints
/// in the run's language.
#[derive(Debug)]
pub enum AtomicError {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The destination folder exists, is not empty and is not ours to replace.
    NotReplaceable { path: PathBuf },
    /// The path names no file or folder (`/`, `..`).
    NoName { path: PathBuf },
}

impl fmt::Display for AtomicError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            AtomicError::Io { path, source } => msg!(
                "atomic-io",
                path = path.display().to_string(),
                error = io_reason(source)
            ),
            AtomicError::NotReplaceable { path } => {
                msg!("atomic-not-replaceable", path = path.display().to_string())
            }
            AtomicError::NoName { path } => {
                msg!("atomic-no-name", path = path.display().to_string())
            }
        };
        f.write_str(&text)
    }
}

/// Why an operation on a file failed, in the run's language: the system's own words (which are
/// English) for kinds of failure the catalogue does not word.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let kind = match e.kind() {
        K::NotFound => "not-found",
        K::AlreadyExists => "already-exists",
        K::PermissionDenied => "permission-denied",
        K::StorageFull => "storage-full",
        K::ReadOnlyFilesystem => "read-only",
        K::IsADirectory => "is-a-directory",
        K::NotADirectory => "not-a-directory",
        _ => "other",
    };
    msg!("atomic-io-reason", kind = kind, error = e.to_string())
}

impl std::error::Error for AtomicError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            AtomicError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Wraps an I/O error with the path it happened on.
pub fn io(path: &Path) -> impl FnOnce(std::io::Error) -> AtomicError + '_ {
    move |source| AtomicError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The folder a path is in (`.` for a bare name).
pub fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A hidden sibling of `path`: `.NAME.SUFFIX-PID`, on the same file system, so a rename into
/// place is one step.
fn sibling(path: &Path, suffix: &str) -> Result<PathBuf, AtomicError> {
    let name = path.file_name().ok_or_else(|| AtomicError::NoName {
        path: path.to_path_buf(),
    })?;
    Ok(parent_of(path).join(format!(
        ".{}.{suffix}-{}",
        name.to_string_lossy(),
        std::process::id()
    )))
}

/// Writes `bytes` to `path` through a synced temporary file in the same folder and a rename,
/// creating the folder if needed. On error `path` is as it was and no temporary file is left.
///
/// A path that is not a file to replace is written as it is: a device or pipe (`/dev/null`,
/// `/dev/stdout`, a FIFO) is written straight into, since renaming over it would put a plain file
/// in the device's place (a `-o /dev/null` run once turned this machine's `/dev/null` into a file
/// and broke every later build that read it); a link is followed, so the file it points to is
/// replaced and the link stays.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), AtomicError> {
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() && !meta.is_dir() => {
            let mut f = fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(io(path))?;
            return f.write_all(bytes).map_err(io(path));
        }
        Ok(_) if fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink()) => {
            let target = fs::canonicalize(path).map_err(io(path))?;
            return write_file(&target, bytes);
        }
        _ => {}
    }
    let parent = parent_of(path);
    fs::create_dir_all(parent).map_err(io(parent))?;
    let tmp = sibling(path, "tmp")?;
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

/// Syncs a folder's entries to disk.
pub fn sync_dir(dir: &Path) -> Result<(), AtomicError> {
    fs::File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(io(dir))
}

/// Whether `dir` may be replaced: it does not exist, is an empty folder, or is a folder that
/// `ours` recognises as an earlier output.
pub fn replaceable(dir: &Path, ours: impl Fn(&Path) -> bool) -> Result<bool, AtomicError> {
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
    Ok(ours(dir))
}

/// Makes the folder `dir` anew: `fill` writes everything into a fresh temporary folder beside
/// it, which then takes `dir`'s place in one step. An existing `dir` is replaced only when it is
/// empty or `ours` recognises it; on any error `dir` is as it was and the temporary folder is
/// removed.
pub fn replace_dir<T, E>(
    dir: &Path,
    ours: impl Fn(&Path) -> bool,
    fill: impl FnOnce(&Path) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<AtomicError>,
{
    if !replaceable(dir, ours)? {
        return Err(AtomicError::NotReplaceable {
            path: dir.to_path_buf(),
        }
        .into());
    }
    let parent = parent_of(dir);
    fs::create_dir_all(parent).map_err(io(parent))?;
    let tmp = sibling(dir, "tmp")?;
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(io(&tmp))?;
    }
    fs::create_dir(&tmp).map_err(io(&tmp))?;
    let result = fill(&tmp).and_then(|value| {
        swap(&tmp, dir)?;
        Ok(value)
    });
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result
}

/// Puts the finished `tmp` at `dir`.
fn swap(tmp: &Path, dir: &Path) -> Result<(), AtomicError> {
    let parent = parent_of(dir);
    if !dir.exists() {
        fs::rename(tmp, dir).map_err(io(dir))?;
        return sync_dir(parent);
    }
    // Both exist: exchange them in one step where the file system can, so a reader sees the
    // old folder or the new one and never neither; `tmp` then holds the old one.
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

#[cfg(test)]
mod tests;
