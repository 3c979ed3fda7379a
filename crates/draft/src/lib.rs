//! The city's annual report (政府信息公开工作年度报告) drafted as a Word document from its totals:
//! the title, an editable opening, 一、总体情况 with the year's figures and their change over the
//! year before worded as sentences, the form's three tables (二、三、四) as real Word tables in
//! the official layout, and 五、六 as headed places for the analyst to write in.
//!
//! Every number in the draft is a cell of the totals or a sum of cells, printed as the form
//! prints it ([`gongkai_form::format_value`]); a change is stated only where the year before has
//! the same measure on a comparable form ([`gongkai_form::measures::comparable`]: the 2021 form
//! changed table 二). The document is in Chinese whatever the run's language: an official report
//! is; the errors, for the user, are in the run's language.
//!
//! The package is written here as WordprocessingML parts in a zip container, not with docx-rs:
//! docx-rs writes a fixed font table (Times New Roman, Symbol, Arial), so the Chinese fonts could
//! not be declared with their fallbacks (`w:altName`, the GB2312 charset), it cannot mark header
//! rows to repeat on a new page (`w:tblHeader`), and it would bring a second zip and a third
//! quick-xml into the build. The parts are few and small: the workspace's zip and quick-xml's
//! escaping suffice.
//!
//! Layers, lowest first: [`xml`] (writing XML) · `fonts` (the fonts by name, with fallbacks) →
//! `prose` (the sentences, from the figures) · `table` (a table of the form as a Word table) →
//! `package` (the parts, zipped) → this module (the draft's structure).

mod fonts;
mod package;
mod prose;
mod table;
mod xml;

use std::fmt;

use gongkai_form::{FormVersion, Section};
use gongkai_messages::{msg, with_lang, Lang};
use gongkai_report::write::official::official_tables;

/// One year's totals.
#[derive(Debug, Clone, Copy)]
pub struct Figures<'a> {
    pub year: i32,
    pub form: FormVersion,
    /// Dense, in `form.catalogue()` order; money in 万元 × 10⁶ ([`gongkai_form::MONEY_SCALE`]).
    pub values: &'a [i64],
}

/// What the draft is made from.
#[derive(Debug, Clone, Copy)]
pub struct Draft<'a> {
    /// The reporting body as the title names it: 兰州市.
    pub name: &'a str,
    pub current: Figures<'a>,
    /// The year before, for the changes stated in 一、总体情况; none, no changes.
    pub previous: Option<Figures<'a>>,
    /// What the total rests on, when it is not whole (a report left out, a unit missing or
    /// failing): said under the title, highlighted, so no draft of such a total goes out silently.
    pub caveats: &'a [String],
}

/// Why no draft was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftError {
    /// A year's figures do not have one value per cell of its form.
    Values {
        year: i32,
        form: FormVersion,
        found: usize,
        expected: usize,
    },
    /// The year to compare with is not before the report's year.
    PreviousYear { previous: i32, current: i32 },
    /// The zip container could not be written.
    Package(String),
}

impl fmt::Display for DraftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            DraftError::Values {
                year,
                form,
                found,
                expected,
            } => msg!(
                "draft-error-values",
                year = *year,
                form = form.code(),
                found = *found,
                expected = *expected,
            ),
            DraftError::PreviousYear { previous, current } => msg!(
                "draft-error-previous-year",
                previous = *previous,
                current = *current,
            ),
            DraftError::Package(why) => msg!("draft-error-package", why = why),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for DraftError {}

/// The draft as the bytes of a `.docx` file; the caller writes them (atomically).
pub fn docx(draft: &Draft) -> Result<Vec<u8>, DraftError> {
    check(&draft.current)?;
    if let Some(previous) = &draft.previous {
        check(previous)?;
        if previous.year >= draft.current.year {
            return Err(DraftError::PreviousYear {
                previous: previous.year,
                current: draft.current.year,
            });
        }
    }
    // The document's words are Chinese whatever the run's language: the report is an official
    // Chinese document (the errors above stay in the user's language).
    let parts = with_lang(Lang::Zh, || parts(draft));
    package::write(&parts, draft)
}

/// One value per cell of the form.
fn check(figures: &Figures) -> Result<(), DraftError> {
    let expected = figures.form.catalogue().len();
    if figures.values.len() == expected {
        Ok(())
    } else {
        Err(DraftError::Values {
            year: figures.year,
            form: figures.form,
            found: figures.values.len(),
            expected,
        })
    }
}

/// A piece of the document, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Part {
    Title(String),
    /// 一、总体情况; the sections 二 to 六.
    Heading(String),
    /// （一）主动公开: a part of 一、总体情况.
    Subheading(String),
    /// Body text; 【…】 marks what the analyst is to write, and is highlighted.
    Paragraph(String),
    /// A note under a table, in the table's small size.
    Note(String),
    /// One of the form's tables, filled from the current year's figures.
    Table(Section),
}

/// The draft's structure: the official report's six parts.
pub(crate) fn parts(draft: &Draft) -> Vec<Part> {
    let current = &draft.current;
    let name = draft.name;
    let mut out = vec![
        Part::Title(msg!(
            "draft-title",
            name = name,
            year = current.year.to_string()
        )),
        Part::Paragraph(msg!(
            "draft-intro",
            name = name,
            year = current.year.to_string(),
            notice = current.form.notice(),
        )),
        Part::Heading(msg!("draft-heading-overview")),
        Part::Subheading(msg!("draft-heading-active")),
        Part::Paragraph(prose::active(draft)),
        Part::Paragraph(msg!("draft-placeholder-active")),
        Part::Subheading(msg!("draft-heading-requests")),
        Part::Paragraph(prose::received(draft)),
        Part::Paragraph(prose::results(draft)),
        Part::Paragraph(prose::appeals(draft)),
        Part::Subheading(msg!("draft-heading-management")),
        Part::Paragraph(msg!("draft-placeholder-management")),
        Part::Subheading(msg!("draft-heading-platforms")),
        Part::Paragraph(msg!("draft-placeholder-platforms")),
        Part::Subheading(msg!("draft-heading-supervision")),
        Part::Paragraph(msg!("draft-placeholder-supervision")),
    ];
    // Highlighted as places to act on, right under the title, a paragraph a line.
    for (k, line) in draft.caveats.iter().enumerate() {
        let line = line.trim_start().trim_start_matches("- ");
        out.insert(1 + k, Part::Paragraph(format!("【{line}】")));
    }
    for table in official_tables(current.form) {
        out.push(Part::Heading(table.heading.to_string()));
        out.push(Part::Table(table.section));
        if table.section == Section::Active && current.form == FormVersion::F2019 {
            // The 2019 form prints 采购总金额 without its unit; the draft's figure is in 万元.
            out.push(Part::Note(msg!("draft-note-procurement-amount")));
        }
    }
    out.extend([
        Part::Heading(msg!("draft-heading-problems")),
        Part::Paragraph(msg!("draft-placeholder-problems")),
        Part::Heading(msg!("draft-heading-other")),
        Part::Paragraph(msg!("draft-placeholder-other")),
    ]);
    out
}

#[cfg(test)]
mod tests;
