//! Errors in Chinese, as a user with a Chinese locale reads them. The language is process-wide,
//! so these run in a test binary of their own; the crate's other tests run in English.

use std::path::Path;

use gongkai_atomic::{io_reason, replace_dir, write_file, AtomicError};
use gongkai_messages::{set_lang, Lang};

#[test]
fn errors_say_in_chinese_what_happened() {
    set_lang(Lang::Zh);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // A file where a folder should be: the path cannot be written.
    let file = dir.path().join("a.csv");
    write_file(&file, b"x").unwrap_or_else(|e| panic!("{e}"));
    let e = write_file(&file.join("b.csv"), b"y")
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        e,
        Some(format!(
            "无法写入 {}：已有同名的文件或文件夹。",
            file.display()
        ))
    );
    // A folder that is not ours is not replaced.
    let kept = dir.path().join("kept");
    write_file(&kept.join("note.txt"), b"x").unwrap_or_else(|e| panic!("{e}"));
    let e = replace_dir(&kept, |_| false, |_| Ok::<(), AtomicError>(())).err();
    assert_eq!(
        e.map(|e| e.to_string()),
        Some(format!(
            "{} 已存在，且不是 gongkai 先前的输出，未予覆盖。请另选输出位置，或先移走该文件夹。",
            kept.display()
        ))
    );
    assert_eq!(
        write_file(Path::new("/"), b"x")
            .err()
            .map(|e| e.to_string()),
        Some("/ 不是文件或文件夹的名称。请指定具体的文件或文件夹。".to_string())
    );
    // Kinds of failure the catalogue does not word keep the system's words.
    let other = std::io::Error::other("disk on fire");
    assert_eq!(io_reason(&other), "disk on fire");
    let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
    assert_eq!(io_reason(&denied), "没有访问权限");
}
