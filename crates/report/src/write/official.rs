//! The form's three tables as the official form prints them, one grid of slots per table, for
//! the renderers of documents (the review page, the Word draft of the annual report).
//!
//! Cut from the sheet layout ([`super::sheet`]), so a table on the page, in the Word draft and on
//! the workbook have the same headers, labels and merged cells; the sheet's own extras (title,
//! the unit's and year's lines, the checks beside the tables) are left out.

use gongkai_form::{FormVersion, Section};

use super::sheet::{self, Role};

/// What is at one position of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// A header or label text, over `rows` × `columns` positions from here.
    Text {
        text: &'static str,
        role: Role,
        rows: u32,
        columns: u16,
    },
    /// One of the form's cells (dense catalogue index), over `rows` × `columns` positions.
    Cell {
        index: usize,
        rows: u32,
        columns: u16,
    },
    /// Covered by the text or cell that starts at `origin` (row, column in this table).
    Covered { origin: (u32, u16) },
    /// Nothing printed here.
    Empty,
}

/// One of the three tables.
#[derive(Debug, Clone)]
pub struct OfficialTable {
    pub section: Section,
    /// Its heading as the report prints it: 二、主动公开政府信息情况.
    pub heading: &'static str,
    /// Row by row, every position of the table.
    pub slots: Vec<Vec<Slot>>,
}

impl OfficialTable {
    pub fn columns(&self) -> usize {
        self.slots.first().map_or(0, Vec::len)
    }
}

/// The three tables of `form`, in the form's order.
pub fn official_tables(form: FormVersion) -> Vec<OfficialTable> {
    let sheet = sheet::placed(form);
    let cat = form.catalogue();
    let mut out = Vec::new();
    for section in Section::ALL {
        let Some(heading_row) = sheet
            .texts
            .iter()
            .find(|t| t.role == Role::Section && t.text == section.heading())
            .map(|t| t.span.first.0)
        else {
            continue;
        };
        let spans: Vec<(usize, sheet::Span)> = cat
            .cells_of(section)
            .filter_map(|c| sheet.cells.get(c.index).map(|s| (c.index, *s)))
            .collect();
        let top = heading_row + 1;
        let bottom = spans.iter().map(|(_, s)| s.last.0).max().unwrap_or(top);
        let right = spans.iter().map(|(_, s)| s.last.1).max().unwrap_or(0);
        let rows = (bottom + 1).saturating_sub(top) as usize;
        let mut slots = vec![vec![Slot::Empty; right as usize + 1]; rows];
        let mut place = |span: sheet::Span, slot: Slot| {
            let (r0, c0) = (span.first.0 - top, span.first.1);
            for r in span.first.0..=span.last.0.min(bottom) {
                for c in span.first.1..=span.last.1.min(right) {
                    let at = &mut slots[(r - top) as usize][c as usize];
                    *at = if (r - top, c) == (r0, c0) {
                        slot
                    } else {
                        Slot::Covered { origin: (r0, c0) }
                    };
                }
            }
        };
        let size = |span: sheet::Span| {
            (
                span.last.0.min(bottom) - span.first.0 + 1,
                span.last.1.min(right) - span.first.1 + 1,
            )
        };
        for t in &sheet.texts {
            let inside =
                t.span.first.0 >= top && t.span.first.0 <= bottom && t.span.first.1 <= right;
            if !inside || !matches!(t.role, Role::Header | Role::Label) {
                continue;
            }
            let std::borrow::Cow::Borrowed(text) = t.text else {
                continue;
            };
            let (rows, columns) = size(t.span);
            place(
                t.span,
                Slot::Text {
                    text,
                    role: t.role,
                    rows,
                    columns,
                },
            );
        }
        for (index, span) in spans {
            let (rows, columns) = size(span);
            place(
                span,
                Slot::Cell {
                    index,
                    rows,
                    columns,
                },
            );
        }
        out.push(OfficialTable {
            section,
            heading: section.heading(),
            slots,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cell_of_the_form_is_in_its_table_once() {
        for form in FormVersion::ALL {
            let cat = form.catalogue();
            let mut seen = vec![0; cat.len()];
            for table in official_tables(form) {
                let width = table.columns();
                for row in &table.slots {
                    assert_eq!(row.len(), width, "{form} {:?}: ragged", table.section);
                    for slot in row {
                        if let Slot::Cell { index, .. } = slot {
                            seen[*index] += 1;
                            assert_eq!(cat.cells[*index].section, table.section);
                        }
                    }
                }
            }
            assert!(seen.iter().all(|n| *n == 1), "{form}: {seen:?}");
        }
    }

    #[test]
    fn covered_positions_point_at_a_start_that_spans_them() {
        for form in FormVersion::ALL {
            for table in official_tables(form) {
                for (r, row) in table.slots.iter().enumerate() {
                    for (c, slot) in row.iter().enumerate() {
                        let Slot::Covered { origin } = slot else {
                            continue;
                        };
                        let (rows, columns) =
                            match table.slots[origin.0 as usize][origin.1 as usize] {
                                Slot::Text { rows, columns, .. }
                                | Slot::Cell { rows, columns, .. } => (rows, columns),
                                other => panic!("{form}: ({r},{c}) covered by {other:?}"),
                            };
                        assert!(r as u32 >= origin.0 && (r as u32) < origin.0 + rows);
                        assert!(c as u16 >= origin.1 && (c as u16) < origin.1 + columns);
                    }
                }
            }
        }
    }

    #[test]
    fn the_request_table_prints_its_labels_and_headers() {
        let tables = official_tables(FormVersion::F2021);
        let requests = &tables[1];
        assert_eq!(requests.heading, Section::Requests.heading());
        let texts: Vec<&str> = requests
            .slots
            .iter()
            .flatten()
            .filter_map(|s| match s {
                Slot::Text { text, .. } => Some(*text),
                _ => None,
            })
            .collect();
        for word in ["申请人情况", "自然人", "法人或其他组织", "总计", "予以公开"]
        {
            assert!(texts.iter().any(|t| t.contains(word)), "{word}: {texts:?}");
        }
    }
}
