//! The draft as an office suite opens it: every part of the package is well-formed XML, and
//! LibreOffice, where it is installed (`soffice` on the PATH; CI has none, and the test then
//! says so and passes), converts it to a PDF with pages. The `.docx` and the PDF are kept under
//! the target folder (`target/tmp/draft/`) to look at: the Lanzhou sample's 2020 total over
//! 2019 (form 2019), and its 2021 total over 2020 (form 2021, compared across the change).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use gongkai_draft::{docx, Draft, Figures};
use gongkai_form::FormVersion;
use quick_xml::events::Event;

mod common;

use common::lanzhou_sample;

/// The Lanzhou sample's draft of `year`, over the year before.
fn draft_of(year: i32) -> Vec<u8> {
    let (now, before) = (lanzhou_sample(year), lanzhou_sample(year - 1));
    docx(&Draft {
        caveats: &[],
        name: "兰州市",
        current: Figures {
            year,
            form: FormVersion::for_year(year),
            values: &now,
        },
        previous: Some(Figures {
            year: year - 1,
            form: FormVersion::for_year(year - 1),
            values: &before,
        }),
    })
    .expect("a draft")
}

/// A year of each form.
const YEARS: [i32; 2] = [2020, 2021];

#[test]
fn every_part_is_well_formed_xml() {
    for year in YEARS {
        let bytes = draft_of(year);
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
        let mut names: Vec<String> = zip
            .file_names()
            .map(|n| n.map(|n| n.to_string()))
            .collect::<Result<_, _>>()
            .expect("entry names");
        names.sort();
        for part in [
            "[Content_Types].xml",
            "_rels/.rels",
            "word/document.xml",
            "word/styles.xml",
            "word/fontTable.xml",
            "word/_rels/document.xml.rels",
        ] {
            assert!(
                names.iter().any(|n| n == part),
                "{year}: {part} in {names:?}"
            );
        }
        for name in &names {
            let mut text = String::new();
            zip.by_name(name)
                .expect("the entry")
                .read_to_string(&mut text)
                .expect("UTF-8");
            let mut reader = quick_xml::Reader::from_str(&text);
            reader.config_mut().check_end_names = true;
            let mut depth = 0i32;
            loop {
                match reader.read_event() {
                    Ok(Event::Start(_)) => depth += 1,
                    Ok(Event::End(_)) => depth -= 1,
                    Ok(Event::Eof) => break,
                    Ok(_) => {}
                    Err(e) => panic!("{year} {name}: {e} at {}", reader.buffer_position()),
                }
            }
            assert_eq!(depth, 0, "{year} {name}: unclosed elements");
        }
    }
}

fn soffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("soffice"))
        .find(|p| p.is_file())
}

/// Pages of a PDF as LibreOffice writes it: one `/Type/Page` dictionary each.
fn pages(pdf: &[u8]) -> usize {
    let needle = b"/Type/Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| w.starts_with(needle) && w[needle.len()] != b's')
        .count()
}

#[test]
fn libreoffice_converts_the_draft_to_pdf() {
    let Some(soffice) = soffice() else {
        eprintln!("soffice is not on the PATH: the conversion to PDF is not tested");
        return;
    };
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("draft");
    std::fs::create_dir_all(&out).expect("the output folder");
    // A profile of its own, so a LibreOffice the user has open does not take the job.
    let profile = tempfile::tempdir().expect("a profile folder");
    for year in YEARS {
        let file = out.join(format!("兰州市{year}年政府信息公开工作年度报告.docx"));
        std::fs::write(&file, draft_of(year)).expect("the draft written");
        let pdf = file.with_extension("pdf");
        let _ = std::fs::remove_file(&pdf);
        let status = Command::new(&soffice)
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.path().display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&out)
            .arg(&file)
            .status()
            .expect("soffice runs");
        assert!(status.success(), "{year}: soffice {status}");
        let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
        assert!(bytes.starts_with(b"%PDF-"), "{year}: not a PDF");
        let n = pages(&bytes);
        // Title and overview, then the three tables: more than two pages, fewer than ten.
        assert!((3..10).contains(&n), "{year}: {n} pages");
    }
}
