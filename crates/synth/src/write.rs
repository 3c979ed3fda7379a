//! Files: each unit's reports rendered by the ingest writers (so they are exactly what the
//! readers read), `units.csv`, and `manifest.json` last, all into a folder beside the target
//! that is moved into place in one step: an interrupted run never looks complete.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gongkai_form::{FormVersion, Section};
use gongkai_report::write::{grid, tidy, workbook};
use rayon::prelude::*;

use crate::defects::SENTINEL;
use crate::manifest::{Counts, DefectRecord, ExpectedFinding, Manifest, GENERATOR};
use crate::model::{generate_unit, GeneratedReport};
use crate::rng::{Rng, Stream};
use crate::units::{Plan, PlannedUnit};
use crate::variety::{self, Variety};
use crate::{Config, FileLayout, SynthError};

/// The bytes a file is saved in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// With a byte order mark, as Excel saves "CSV UTF-8".
    Utf8Bom,
    /// As Excel on Chinese Windows saves CSV.
    Gb18030,
}

impl Encoding {
    pub fn code(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Gb18030 => "gb18030",
        }
    }
}

/// Which zero cells a unit leaves blank in its grid instead of writing 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blanks {
    None,
    /// Zeros in the five 法人或其他组织 columns of table 三.
    OrgColumns,
    /// Zeros anywhere in tables 三 and 四.
    RequestsAndAppeals,
    /// Every zero.
    AllZeros,
}

/// How a unit saves its files: the same every year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStyle {
    pub encoding: Encoding,
    pub blanks: Blanks,
    /// With `--variety`: the grid shaped by the unit's own tool (its encoding is `encoding`;
    /// `blanks` is not used).
    pub variety: Option<Variety>,
}

impl FileStyle {
    /// The unit's style, from its own stream: tidy files are plain UTF-8 with every zero written.
    /// A workbook leaves the same zeros blank as the grid of the same seed (its encoding is
    /// drawn and not used: the stream stays the grid's).
    pub fn of(plan: &Plan, index: usize) -> FileStyle {
        if plan.config.layout == FileLayout::Tidy {
            return FileStyle {
                encoding: Encoding::Utf8,
                blanks: Blanks::None,
                variety: None,
            };
        }
        if plan.config.variety {
            let variety = Variety::of(plan.config.seed, index);
            return FileStyle {
                encoding: variety.encoding,
                blanks: Blanks::None,
                variety: Some(variety),
            };
        }
        let mut rng = Rng::derive(plan.config.seed, Stream::Style, index as u64, 0);
        let encoding = match rng.unit() {
            x if x < 0.8 => Encoding::Utf8,
            x if x < 0.9 => Encoding::Utf8Bom,
            _ => Encoding::Gb18030,
        };
        let blanks = match rng.unit() {
            x if x < 0.5 => Blanks::None,
            x if x < 0.7 => Blanks::OrgColumns,
            x if x < 0.85 => Blanks::RequestsAndAppeals,
            _ => Blanks::AllZeros,
        };
        FileStyle {
            encoding,
            blanks,
            variety: None,
        }
    }

    /// Whether this zero cell is written blank.
    fn blank(self, form: FormVersion, cell: usize) -> bool {
        let c = &form.catalogue().cells[cell];
        match self.blanks {
            Blanks::None => false,
            Blanks::OrgColumns => {
                c.section == Section::Requests
                    && !matches!(c.column.code, "natural_person" | "total")
            }
            Blanks::RequestsAndAppeals => c.section != Section::Active,
            Blanks::AllZeros => true,
        }
    }
}

/// `<year>/<id>.csv` (`.xlsx` for workbooks), relative to the output folder; with `--variety`,
/// `<year>/<unit>.csv`: files people make are named after their unit, and a file without a
/// unit line names it only so.
pub fn file_path(config: &Config, unit: &PlannedUnit, year: i32) -> String {
    let stem = if config.variety { &unit.name } else { &unit.id };
    format!("{year}/{stem}.{}", config.layout.extension())
}

/// Buffers reused across one thread's files.
#[derive(Debug, Default)]
struct Buffers {
    text: String,
    bytes: Vec<u8>,
    blank: Vec<bool>,
}

/// Renders one report into `bytes`; returns the number of cells written blank.
pub fn render(
    layout: FileLayout,
    unit: &PlannedUnit,
    style: FileStyle,
    report: &GeneratedReport,
    text: &mut String,
    bytes: &mut Vec<u8>,
) -> Result<usize, SynthError> {
    let mut blank = Vec::new();
    render_into(layout, unit, style, report, text, bytes, &mut blank)
}

pub(crate) fn render_into(
    layout: FileLayout,
    unit: &PlannedUnit,
    style: FileStyle,
    report: &GeneratedReport,
    text: &mut String,
    bytes: &mut Vec<u8>,
    blank: &mut Vec<bool>,
) -> Result<usize, SynthError> {
    let values = report.written();
    let name = &unit.name;
    if layout == FileLayout::Workbook {
        // Plan::new refuses defects with workbooks, so no text cell is due here.
        if report.defect.as_ref().is_some_and(|d| d.text.is_some()) {
            return Err(SynthError::Invariant(format!(
                "{name} {}: a text defect in a workbook",
                report.year
            )));
        }
        let form = FormVersion::for_year(report.year);
        let blanks = fill_blanks(style, form, &values, blank);
        *bytes = workbook::write(
            form,
            Some(name),
            Some(report.year),
            Some((&values[..], blank.as_slice())),
        )
        .map_err(|source| SynthError::Workbook {
            unit: name.clone(),
            year: report.year,
            source,
        })?;
        return Ok(blanks);
    }
    let blanks = match &style.variety {
        Some(v) if layout == FileLayout::Grid => {
            variety::render_text(v, name, report.year, &values, text, blank)
        }
        _ => render_text(layout, style, name, report.year, &values, text, blank),
    };
    if let Some(t) = report.defect.as_ref().and_then(|d| d.text.as_deref()) {
        let sentinel = SENTINEL.to_string();
        let at = text.find(&sentinel);
        match at {
            Some(at) if !text[at + sentinel.len()..].contains(&sentinel) => {
                text.replace_range(at..at + sentinel.len(), t);
            }
            _ => {
                return Err(SynthError::Invariant(format!(
                    "{} {}: the text cell is not in the file exactly once",
                    unit.name, report.year
                )))
            }
        }
    }
    encode(style.encoding, name, text, bytes)?;
    Ok(blanks)
}

/// One report's text in `layout` and the form of `year` (the ingest writers': what the readers
/// read); `blank` is set to the cells written blank, and their number returned.
pub(crate) fn render_text(
    layout: FileLayout,
    style: FileStyle,
    unit: &str,
    year: i32,
    values: &[i64],
    text: &mut String,
    blank: &mut Vec<bool>,
) -> usize {
    let form = FormVersion::for_year(year);
    text.clear();
    blank.clear();
    match layout {
        FileLayout::Tidy => {
            text.push_str(&tidy::HEADER.join(","));
            text.push('\n');
            tidy::write_rows(unit, year, form, values, text);
            blank.resize(values.len(), false);
            0
        }
        // A workbook's text is the grid its sheet holds (render_into writes the workbook itself).
        FileLayout::Grid | FileLayout::Workbook => {
            let blanks = fill_blanks(style, form, values, blank);
            grid::write(form, Some(unit), Some(year), Some((values, blank)), text);
            blanks
        }
    }
}

/// Sets `blank` to the zero cells `style` leaves blank; returns their number.
fn fill_blanks(
    style: FileStyle,
    form: FormVersion,
    values: &[i64],
    blank: &mut Vec<bool>,
) -> usize {
    blank.clear();
    blank.extend(
        values
            .iter()
            .enumerate()
            .map(|(i, v)| *v == 0 && style.blank(form, i)),
    );
    // A report with every cell blank is a template sent back unfilled, which the readers
    // refuse: a unit with nothing at all to report writes its zeros.
    if blank.iter().all(|b| *b) {
        blank.fill(false);
    }
    blank.iter().filter(|b| **b).count()
}

/// `text` saved in `encoding`, into `bytes`.
pub(crate) fn encode(
    encoding: Encoding,
    unit: &str,
    text: &str,
    bytes: &mut Vec<u8>,
) -> Result<(), SynthError> {
    bytes.clear();
    match encoding {
        Encoding::Utf8 => bytes.extend_from_slice(text.as_bytes()),
        Encoding::Utf8Bom => {
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
            bytes.extend_from_slice(text.as_bytes());
        }
        Encoding::Gb18030 => {
            let (encoded, _, unmappable) = encoding_rs::GB18030.encode(text);
            if unmappable {
                return Err(SynthError::Encoding {
                    unit: unit.to_string(),
                    detail: gongkai_messages::msg!("synth-not-gb18030"),
                });
            }
            bytes.extend_from_slice(&encoded);
        }
    }
    Ok(())
}

/// What one unit contributed.
#[derive(Debug, Default)]
struct UnitOutcome {
    files: usize,
    bytes: u64,
    encodings: BTreeMap<&'static str, usize>,
    blank_cells: usize,
    defects: Vec<DefectRecord>,
}

fn write_unit(
    plan: &Plan,
    index: usize,
    root: &Path,
    buf: &mut Buffers,
) -> Result<UnitOutcome, SynthError> {
    let unit = plan.unit(index);
    let generated = generate_unit(plan, index)?;
    let style = FileStyle::of(plan, index);
    let mut out = UnitOutcome::default();
    for report in &generated.reports {
        let rel = file_path(&plan.config, unit, report.year);
        if report.has_file() {
            out.blank_cells += render_into(
                plan.config.layout,
                unit,
                style,
                report,
                &mut buf.text,
                &mut buf.bytes,
                &mut buf.blank,
            )?;
            let path = root.join(&rel);
            std::fs::write(&path, &buf.bytes).map_err(SynthError::io(&path))?;
            out.files += 1;
            out.bytes += buf.bytes.len() as u64;
            // A workbook has no text encoding of its own: counted under its format.
            let saved = match plan.config.layout {
                FileLayout::Workbook => "xlsx",
                _ => style.encoding.code(),
            };
            *out.encodings.entry(saved).or_default() += 1;
        }
        if let Some(d) = &report.defect {
            let cat = report.form.catalogue();
            out.defects.push(DefectRecord {
                unit: unit.name.clone(),
                id: unit.id.clone(),
                year: report.year,
                file: report.has_file().then_some(rel),
                kind: d.kind.code().to_string(),
                cell: d.cell.map(|c| cat.cells[c].code()),
                text: d.text.clone(),
                rule: d.kind.rule().to_string(),
                level: d.kind.level().code().to_string(),
                expected: d
                    .expected
                    .iter()
                    .map(|(rule, level)| ExpectedFinding {
                        rule: rule.clone(),
                        level: level.code().to_string(),
                    })
                    .collect(),
            });
        }
    }
    Ok(out)
}

/// `units.csv`: every registry row, parents before children.
pub fn registry_text(plan: &Plan) -> String {
    let mut text = String::from("unit,kind,parent,from,to,id\n");
    for u in &plan.registry {
        let parent = u.parent.map_or("", |p| plan.registry[p].name.as_str());
        let year = |y: Option<i32>| y.map(|y| y.to_string()).unwrap_or_default();
        text.push_str(&format!(
            "{},{},{parent},{},{},{}\n",
            u.name,
            u.kind.code(),
            year(u.from),
            year(u.to),
            u.id
        ));
    }
    text
}

/// What a run wrote.
#[derive(Debug, Clone)]
pub struct Summary {
    pub dir: PathBuf,
    pub manifest: Manifest,
}

/// Whether `dir` holds the output of an earlier run (its manifest says so).
pub fn is_generated(dir: &Path) -> bool {
    std::fs::read(dir.join("manifest.json"))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .is_some_and(|m| m["generator"] == GENERATOR)
}

/// Generates everything into `dir`: refused when `dir` is a file or a non-empty folder that is
/// not an earlier run's output, which is replaced as a whole.
pub fn write(plan: &Plan, dir: &Path) -> Result<Summary, SynthError> {
    // A folder without a name of its own (. or /) is refused before anything else.
    if dir.file_name().is_none() {
        return Err(SynthError::OutPath {
            dir: dir.to_path_buf(),
        });
    }
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map_err(SynthError::io(dir))?
            .next()
            .is_none();
        if !dir.is_dir() || (!empty && !is_generated(dir)) {
            return Err(SynthError::NotEmpty {
                dir: dir.to_path_buf(),
            });
        }
    }
    let manifest = staged(dir, |tmp| fill(plan, tmp))?;
    Ok(Summary {
        dir: dir.to_path_buf(),
        manifest,
    })
}

/// Runs `fill` on a fresh folder beside `dir`, then swaps that folder into place, replacing
/// `dir` (if any) as a whole; on an error `dir` is left as it was. The caller has decided that
/// `dir` may be replaced.
pub(crate) fn staged<T>(
    dir: &Path,
    fill: impl FnOnce(&Path) -> Result<T, SynthError>,
) -> Result<T, SynthError> {
    gongkai_atomic::replace_dir(dir, |_| true, fill)
}

/// Writes a file whole or not at all (the one atomic write of `gongkai-atomic`).
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SynthError> {
    Ok(gongkai_atomic::write_file(path, bytes)?)
}

/// Writes the unit files in parallel, then `units.csv`, then `manifest.json`.
fn fill(plan: &Plan, root: &Path) -> Result<Manifest, SynthError> {
    let config = plan.config;
    for year in config.years.iter() {
        let d = root.join(year.to_string());
        std::fs::create_dir(&d).map_err(SynthError::io(&d))?;
    }
    let outcomes: Vec<UnitOutcome> = (0..plan.reporting.len())
        .into_par_iter()
        .map_init(Buffers::default, |buf, i| write_unit(plan, i, root, buf))
        .collect::<Result<_, _>>()?;
    let registry = registry_text(plan);
    let path = root.join("units.csv");
    std::fs::write(&path, &registry).map_err(SynthError::io(&path))?;

    let mut counts = Counts {
        registry_units: plan.registry.len(),
        reports: plan.reports_due(),
        bytes: registry.len() as u64,
        ..Counts::default()
    };
    for &row in &plan.reporting {
        let u = &plan.registry[row];
        *counts
            .units_by_kind
            .entry(u.kind.code().to_string())
            .or_default() += 1;
        counts.created += usize::from(u.from.is_some());
        counts.dissolved += usize::from(u.to.is_some());
    }
    let mut defects = Vec::new();
    for o in outcomes {
        counts.files += o.files;
        counts.bytes += o.bytes;
        counts.blank_cells += o.blank_cells;
        for (k, n) in o.encodings {
            *counts.encodings.entry(k.to_string()).or_default() += n;
        }
        defects.extend(o.defects);
    }
    defects.sort_by(|a, b| (a.year, &a.id).cmp(&(b.year, &b.id)));
    counts.defects = defects.len();
    for d in &defects {
        *counts.defects_by_kind.entry(d.kind.clone()).or_default() += 1;
    }
    let manifest = Manifest {
        generator: GENERATOR.to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        seed: config.seed,
        units: plan.reporting.len(),
        years: config.years.iter().collect(),
        layout: config.layout.code().to_string(),
        errors: config.errors,
        variety: config.variety,
        counts,
        defects,
    };
    let mut json = serde_json::to_string_pretty(&manifest)?;
    json.push('\n');
    let path = root.join("manifest.json");
    std::fs::write(&path, json).map_err(SynthError::io(&path))?;
    Ok(manifest)
}
