//! A fetched page kept as evidence: what the portal published at an address, and when. The
//! bytes as fetched go to `DIR/<host>/<name>-<id>.<ext>` and a record beside them,
//! `<that>.json`: the address asked, the address that answered after redirects, the status, the
//! `Content-Type`, the time in UTC (RFC 3339), the SHA-256 and the size. Both are written
//! atomically; fetching an address again replaces its evidence with the newer fetch (`<id>` is
//! of the address asked, so each address has one pair of files).

use std::path::{Path, PathBuf};

use gongkai_atomic::{write_file, AtomicError};
use serde::Serialize;
use sha2::{Digest, Sha256};
use url::Url;

use crate::{hex, Fetched};

/// Where a page's evidence was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The bytes as fetched.
    pub page: PathBuf,
    /// The record of where and when (JSON).
    pub record: PathBuf,
}

/// The record beside the page: one JSON object.
#[derive(Debug, Serialize)]
struct Record<'a> {
    url: &'a str,
    final_url: &'a str,
    redirects: &'a [String],
    status: u16,
    content_type: Option<&'a str>,
    fetched_at: String,
    sha256: String,
    size: usize,
    /// The page's file, beside this record.
    file: String,
}

/// Saves `page` under `dir`, atomically, and says where.
pub fn keep(dir: &Path, page: &Fetched) -> Result<Evidence, AtomicError> {
    let (folder, name) = names(page);
    let path = dir.join(folder).join(&name);
    let record_path = path.with_file_name(format!("{name}.json"));
    write_file(&path, &page.bytes)?;
    let record = Record {
        url: &page.address,
        final_url: &page.final_address,
        redirects: &page.redirects,
        status: page.status,
        content_type: page.content_type.as_deref(),
        fetched_at: page.fetched_at_text(),
        sha256: page.sha256(),
        size: page.bytes.len(),
        file: name,
    };
    let mut json = serde_json::to_string_pretty(&record).unwrap_or_default();
    json.push('\n');
    write_file(&record_path, json.as_bytes())?;
    Ok(Evidence {
        page: path,
        record: record_path,
    })
}

/// The host's folder (`www.example.gov.cn`, `127.0.0.1_8080`) and the page's file name: the last
/// part of the address's path (`index` for none), an id of the whole address, and an extension
/// from the `Content-Type` (else the address's own).
fn names(page: &Fetched) -> (String, String) {
    let id = &hex(&Sha256::digest(page.address.as_bytes()))[..10];
    let Ok(url) = Url::parse(&page.address) else {
        return ("unknown".into(), format!("page-{id}.bin"));
    };
    let mut folder = clean(url.host_str().unwrap_or("unknown"));
    if let Some(port) = url.port() {
        folder.push_str(&format!("_{port}"));
    }
    let last = url
        .path_segments()
        .and_then(|mut s| s.rfind(|p| !p.is_empty()))
        .map(|s| {
            url::form_urlencoded::parse(format!("x={s}").as_bytes())
                .next()
                .map_or_else(|| s.to_string(), |(_, v)| v.into_owned())
        })
        .unwrap_or_default();
    let (stem, own_ext) = match last.rsplit_once('.') {
        Some((stem, ext))
            if !stem.is_empty()
                && ext.len() <= 5
                && ext.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            (stem.to_string(), Some(ext.to_ascii_lowercase()))
        }
        _ => (last.clone(), None),
    };
    let mut stem: String = clean(&stem).chars().take(60).collect();
    if stem.is_empty() {
        stem = "index".into();
    }
    let ext = page
        .content_type
        .as_deref()
        .and_then(extension_of)
        .map(str::to_string)
        .or(own_ext)
        .unwrap_or_else(|| "bin".into());
    (folder, format!("{stem}-{id}.{ext}"))
}

/// Letters, digits, `.`, `-` and `_` kept (Chinese names too); anything else, a path separator
/// or `..` among them, becomes `_`.
fn clean(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_') || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    s.trim_start_matches('.').to_string()
}

/// The file extension a media type is saved under, for the types reports come in.
fn extension_of(content_type: &str) -> Option<&'static str> {
    let media = content_type.split(';').next()?.trim().to_ascii_lowercase();
    Some(match media.as_str() {
        "text/html" | "application/xhtml+xml" => "html",
        "text/plain" => "txt",
        "application/pdf" => "pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "application/msword" => "doc",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
        "application/vnd.ms-excel" => "xls",
        "application/vnd.oasis.opendocument.spreadsheet" => "ods",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn page(address: &str, content_type: Option<&str>) -> Fetched {
        Fetched {
            address: address.into(),
            final_address: address.into(),
            redirects: Vec::new(),
            status: 200,
            content_type: content_type.map(str::to_string),
            bytes: b"<html></html>".to_vec(),
            fetched_at: Utc
                .with_ymd_and_hms(2024, 5, 6, 7, 8, 9)
                .single()
                .unwrap_or_default(),
        }
    }

    #[test]
    fn names_say_host_page_and_type() {
        let (folder, name) = names(&page(
            "http://www.example.gov.cn/zwgk/2021/%E5%B9%B4%E6%8A%A5.jsp?id=3",
            Some("text/html; charset=GBK"),
        ));
        assert_eq!(folder, "www.example.gov.cn");
        assert!(
            name.starts_with("年报-") && name.ends_with(".html"),
            "{name}"
        );
        let (folder, name) = names(&page("https://127.0.0.1:8443/", None));
        assert_eq!(folder, "127.0.0.1_8443");
        assert!(
            name.starts_with("index-") && name.ends_with(".bin"),
            "{name}"
        );
        let (_, name) = names(&page("http://x.gov.cn/a/report.PDF", None));
        assert!(name.ends_with(".pdf"), "{name}");
        // Separators and dots in a segment cannot leave the folder.
        let (folder, name) = names(&page("http://[::1]:80/..%2F..%2Fetc%2Fpasswd", None));
        assert!(!folder.contains(['/', '\\', ':']), "{folder}");
        assert!(
            !name.contains(['/', '\\']) && !name.starts_with('.'),
            "{name}"
        );
        // Two addresses of one name are two files.
        let a = names(&page("http://x.gov.cn/a/index.html?id=1", None)).1;
        let b = names(&page("http://x.gov.cn/a/index.html?id=2", None)).1;
        assert_ne!(a, b);
    }

    #[test]
    fn evidence_is_the_bytes_and_a_record_of_where_and_when() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut p = page("http://x.gov.cn/r/a.html", Some("text/html; charset=gbk"));
        p.final_address = "http://x.gov.cn/r/b.html".into();
        p.redirects = vec!["http://x.gov.cn/r/a.html".into()];
        let kept = keep(dir.path(), &p).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(std::fs::read(&kept.page).ok(), Some(p.bytes.clone()));
        let record: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&kept.record).unwrap_or_else(|e| panic!("{e}")))
                .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(record["url"], "http://x.gov.cn/r/a.html");
        assert_eq!(record["final_url"], "http://x.gov.cn/r/b.html");
        assert_eq!(record["redirects"][0], "http://x.gov.cn/r/a.html");
        assert_eq!(record["status"], 200);
        assert_eq!(record["content_type"], "text/html; charset=gbk");
        assert_eq!(record["fetched_at"], "2024-05-06T07:08:09Z");
        assert_eq!(record["size"], 13);
        // `sha256sum` of the same bytes.
        assert_eq!(
            record["sha256"],
            "b633a587c652d02386c4f16f8c6f6aab7352d97f16367c3c40576214372dd628"
        );
        assert_eq!(
            record["file"],
            kept.page
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into())
        );
        assert_eq!(
            kept.page.parent(),
            Some(dir.path().join("x.gov.cn").as_path())
        );
    }
}
