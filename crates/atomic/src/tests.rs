use super::*;

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_file_is_replaced_whole_and_nothing_is_left_beside_it() {
    let t = tempfile::tempdir().unwrap();
    let path = t.path().join("sub/out.csv");
    write_file(&path, b"one").unwrap();
    write_file(&path, b"two").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"two");
    assert_eq!(entries(&t.path().join("sub")), ["out.csv"]);
    // A folder in the way: the write fails, and no temporary file stays.
    fs::create_dir(t.path().join("sub/dir")).unwrap();
    assert!(write_file(&t.path().join("sub/dir"), b"x").is_err());
    assert_eq!(entries(&t.path().join("sub")), ["dir", "out.csv"]);
    assert!(matches!(
        write_file(Path::new("/"), b"x"),
        Err(AtomicError::NoName { .. })
    ));
}

// A pipe stands for a device here: a failing test must not replace the machine's `/dev/null`.
#[cfg(unix)]
#[test]
fn a_pipe_is_written_into_and_a_link_is_followed() {
    use std::os::unix::fs::FileTypeExt as _;
    let t = tempfile::tempdir().unwrap();
    let pipe = t.path().join("pipe");
    rustix::fs::mknodat(
        rustix::fs::CWD,
        &pipe,
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::from_raw_mode(0o600),
        0,
    )
    .unwrap();
    let reader = std::thread::spawn({
        let pipe = pipe.clone();
        move || fs::read(pipe).unwrap()
    });
    write_file(&pipe, b"through").unwrap();
    // Checked before the join: a pipe renamed over would leave the reader waiting for ever.
    assert!(fs::symlink_metadata(&pipe).unwrap().file_type().is_fifo());
    assert_eq!(reader.join().unwrap(), b"through");
    assert_eq!(entries(t.path()), ["pipe"]);

    let t = tempfile::tempdir().unwrap();
    fs::write(t.path().join("real.csv"), "old").unwrap();
    std::os::unix::fs::symlink("real.csv", t.path().join("link.csv")).unwrap();
    write_file(&t.path().join("link.csv"), b"new").unwrap();
    assert!(fs::symlink_metadata(t.path().join("link.csv"))
        .unwrap()
        .is_symlink());
    assert_eq!(fs::read(t.path().join("real.csv")).unwrap(), b"new");
    assert_eq!(entries(t.path()), ["link.csv", "real.csv"]);
}

#[test]
fn what_may_be_replaced() {
    let t = tempfile::tempdir().unwrap();
    let p = t.path();
    let ours = |d: &Path| d.join("mark").exists();
    assert!(replaceable(&p.join("new"), ours).unwrap());
    fs::create_dir(p.join("empty")).unwrap();
    assert!(replaceable(&p.join("empty"), ours).unwrap());
    fs::write(p.join("file"), "x").unwrap();
    assert!(!replaceable(&p.join("file"), ours).unwrap());
    fs::create_dir(p.join("other")).unwrap();
    fs::write(p.join("other/x"), "x").unwrap();
    assert!(!replaceable(&p.join("other"), ours).unwrap());
    fs::write(p.join("other/mark"), "").unwrap();
    assert!(replaceable(&p.join("other"), ours).unwrap());
}

#[test]
fn a_folder_is_swapped_whole_or_left_as_it_was() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    let ours = |d: &Path| d.join("mark").exists();
    let fill = |files: &'static [&'static str]| {
        move |tmp: &Path| -> Result<(), AtomicError> {
            for f in files {
                fs::write(tmp.join(f), f).map_err(io(tmp))?;
            }
            Ok(())
        }
    };
    replace_dir(&out, ours, fill(&["mark", "a"])).unwrap();
    replace_dir(&out, ours, fill(&["mark", "b"])).unwrap();
    assert_eq!(entries(&out), ["b", "mark"]);
    assert_eq!(entries(t.path()), ["out"]);
    // A fill that fails leaves the folder as it was, and no temporary folder beside it.
    let failed: Result<(), AtomicError> = replace_dir(&out, ours, |tmp| {
        fs::write(tmp.join("c"), "c").map_err(io(tmp))?;
        Err(io(tmp)(std::io::ErrorKind::Other.into()))
    });
    assert!(failed.is_err());
    assert_eq!(entries(&out), ["b", "mark"]);
    assert_eq!(entries(t.path()), ["out"]);
    // A folder that is not ours is never touched.
    let theirs = t.path().join("theirs");
    fs::create_dir(&theirs).unwrap();
    fs::write(theirs.join("keep"), "").unwrap();
    let refused = replace_dir(&theirs, ours, fill(&["mark"]));
    assert!(matches!(refused, Err(AtomicError::NotReplaceable { .. })));
    assert_eq!(entries(&theirs), ["keep"]);
}

#[test]
fn an_error_names_the_path_and_the_systems_reason() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("a.csv");
    assert!(write_file(&file, b"x").is_ok());
    let e = write_file(&file.join("b.csv"), b"y").err();
    let text = e.map(|e| e.to_string()).unwrap_or_default();
    assert!(
        text.starts_with(&format!("cannot write {}: ", file.display()))
            && text.contains("File exists"),
        "{text}"
    );
}
