//! One of the form's tables as a Word table, in the official layout the report crate lays out
//! ([`official_tables`](gongkai_report::write::official::official_tables)): a text or cell
//! spanning columns is one `w:tc` with `w:gridSpan`; one spanning rows starts with
//! `w:vMerge="restart"` and goes on in a `w:vMerge` cell in each row below, as Word writes
//! merged cells (and as the project's Word reader expands them).
//!
//! The look is the printed form's: ruled all over, headers centred on a light grey, row labels
//! left, numbers centred, in 宋体 五号 (table 四, fifteen columns across the page, in 小五). The
//! table is as wide as the text; the label columns take a fixed share of it and the numbers'
//! columns share the rest. Rows do not break across pages, and a table is kept on one page
//! where it fits; where it does not, table 三's header rows repeat on the next.

use gongkai_form::{format_value, Section};
use gongkai_report::write::official::{OfficialTable, Slot};
use gongkai_report::write::sheet::Role;

use crate::package::TEXT_WIDTH;
use crate::xml::Xml;
use crate::Figures;

/// The grey behind header cells.
const HEADER_FILL: &str = "F2F2F2";
/// The share of the width the label columns take, per mille.
const LABELS_SHARE: u32 = 450;
/// The label columns' shares of that, per mille: a group's column (三、本年度办理结果, four
/// characters wide), a subgroup's (（三）不予公开, five), the row's own label.
const LABEL_SHARES: [u32; 3] = [170, 270, 560];
/// The least height of a row (twips): 6 mm.
const ROW_HEIGHT: &str = "340";

/// The paragraph style of the table's text: 五号, or 小五 for a wide table.
fn text_style(table: &OfficialTable) -> &'static str {
    if table.columns() > 12 {
        "TableTextSmall"
    } else {
        "TableText"
    }
}

/// The columns before the first that holds a number: the labels'.
fn label_columns(table: &OfficialTable) -> usize {
    table
        .slots
        .iter()
        .filter_map(|row| row.iter().position(|s| matches!(s, Slot::Cell { .. })))
        .min()
        .unwrap_or(0)
}

/// Each grid column's width in twips, summing to the text's width.
pub(crate) fn widths(table: &OfficialTable) -> Vec<u32> {
    let n = table.columns();
    let labels = label_columns(table).min(n);
    let values = (n - labels) as u32;
    let label_width = if labels == 0 {
        0
    } else if values == 0 {
        TEXT_WIDTH
    } else {
        TEXT_WIDTH * LABELS_SHARE / 1000
    };
    let shares: Vec<u32> = if labels == LABEL_SHARES.len() {
        LABEL_SHARES.to_vec()
    } else {
        vec![1000 / labels.max(1) as u32; labels]
    };
    let mut out: Vec<u32> = shares.iter().map(|s| label_width * s / 1000).collect();
    let rest = TEXT_WIDTH.saturating_sub(out.iter().sum::<u32>());
    if values > 0 {
        for k in 0..values {
            // The last column takes what division left over.
            let w = if k + 1 == values {
                rest - rest / values * (values - 1)
            } else {
                rest / values
            };
            out.push(w);
        }
    }
    out
}

/// Rows before the first with a number: the header, repeated on a new page (not table 二's,
/// whose first rows are its first item's own heading).
fn header_rows(table: &OfficialTable) -> usize {
    if table.section == Section::Active {
        return 0;
    }
    table
        .slots
        .iter()
        .take_while(|row| !row.iter().any(|s| matches!(s, Slot::Cell { .. })))
        .count()
}

/// How one position is written.
enum Piece {
    /// A cell's start: its text, spans, look.
    Start {
        text: String,
        columns: u16,
        restart: bool,
        look: Look,
    },
    /// A cell spanning rows, continued here over `columns`.
    Continue { columns: u16, look: Look },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Look {
    Header,
    /// A row label: left; a label over a group of rows: centred.
    Label {
        centred: bool,
    },
    Value,
    Empty,
}

/// The table, filled with `figures`' values, as a `w:tbl`.
pub(crate) fn write(x: &mut Xml, table: &OfficialTable, figures: &Figures) {
    let cat = figures.form.catalogue();
    let widths = widths(table);
    let style = text_style(table);
    let headers = header_rows(table);
    let total: u32 = widths.iter().sum();

    x.open("w:tbl", &[]);
    x.open("w:tblPr", &[]);
    x.empty("w:tblW", &[("w:w", &total.to_string()), ("w:type", "dxa")]);
    x.val("w:jc", "center");
    x.open("w:tblBorders", &[]);
    for side in [
        "w:top",
        "w:left",
        "w:bottom",
        "w:right",
        "w:insideH",
        "w:insideV",
    ] {
        x.empty(
            side,
            &[
                ("w:val", "single"),
                ("w:sz", "4"),
                ("w:space", "0"),
                ("w:color", "000000"),
            ],
        );
    }
    x.close("w:tblBorders");
    x.empty("w:tblLayout", &[("w:type", "fixed")]);
    x.open("w:tblCellMar", &[]);
    x.empty("w:left", &[("w:w", "57"), ("w:type", "dxa")]);
    x.empty("w:right", &[("w:w", "57"), ("w:type", "dxa")]);
    x.close("w:tblCellMar");
    x.empty(
        "w:tblLook",
        &[
            ("w:val", "0000"),
            ("w:firstRow", "0"),
            ("w:lastRow", "0"),
            ("w:firstColumn", "0"),
            ("w:lastColumn", "0"),
            ("w:noHBand", "1"),
            ("w:noVBand", "1"),
        ],
    );
    x.close("w:tblPr");
    x.open("w:tblGrid", &[]);
    for w in &widths {
        x.empty("w:gridCol", &[("w:w", &w.to_string())]);
    }
    x.close("w:tblGrid");

    let last_row = table.slots.len().saturating_sub(1);
    for (r, row) in table.slots.iter().enumerate() {
        x.open("w:tr", &[]);
        x.open("w:trPr", &[]);
        x.empty("w:cantSplit", &[]);
        x.empty(
            "w:trHeight",
            &[("w:val", ROW_HEIGHT), ("w:hRule", "atLeast")],
        );
        if r < headers {
            x.empty("w:tblHeader", &[]);
        }
        x.close("w:trPr");
        // Every row kept with the next, so a table that fits a page starts on a new one
        // rather than leaving a few rows behind (one longer than a page breaks all the same,
        // its header repeated).
        let keep_next = r < last_row;
        let mut c = 0usize;
        while c < row.len() {
            let piece = piece(table, r, c, figures, cat);
            let (columns, look) = match &piece {
                Piece::Start { columns, look, .. } | Piece::Continue { columns, look } => {
                    (*columns, *look)
                }
            };
            let span = usize::from(columns.max(1)).min(row.len() - c);
            let width: u32 = widths.iter().skip(c).take(span).sum();
            cell(x, &piece, span, width, look, style, keep_next);
            c += span;
        }
        x.close("w:tr");
    }
    x.close("w:tbl");
}

/// What position (`r`, `c`) holds, as the start of a `w:tc`.
fn piece(
    table: &OfficialTable,
    r: usize,
    c: usize,
    figures: &Figures,
    cat: &gongkai_form::Catalogue,
) -> Piece {
    let slot = table
        .slots
        .get(r)
        .and_then(|row| row.get(c))
        .copied()
        .unwrap_or(Slot::Empty);
    match slot {
        Slot::Text {
            text,
            role,
            rows,
            columns,
        } => Piece::Start {
            text: text.to_string(),
            columns,
            restart: rows > 1,
            look: match role {
                // Table 三's row labels are sentences, read from the left; a group's label down
                // its rows, and table 二's short labels, are centred as the form prints them.
                Role::Label => Look::Label {
                    centred: table.section != Section::Requests || (rows > 1 && columns == 1),
                },
                _ => Look::Header,
            },
        },
        Slot::Cell {
            index,
            rows,
            columns,
        } => {
            let text = match (figures.values.get(index), cat.cells.get(index)) {
                (Some(v), Some(cell)) => format_value(*v, cell.kind()),
                _ => String::new(),
            };
            Piece::Start {
                text,
                columns,
                restart: rows > 1,
                look: Look::Value,
            }
        }
        Slot::Covered { origin } => {
            let (o_r, o_c) = (origin.0 as usize, usize::from(origin.1));
            let start = table
                .slots
                .get(o_r)
                .and_then(|row| row.get(o_c))
                .copied()
                .unwrap_or(Slot::Empty);
            let (columns, look) = match start {
                Slot::Text { columns, role, .. } => (
                    columns,
                    if role == Role::Label {
                        Look::Label { centred: true }
                    } else {
                        Look::Header
                    },
                ),
                Slot::Cell { columns, .. } => (columns, Look::Value),
                _ => (1, Look::Empty),
            };
            if o_r < r && o_c == c {
                Piece::Continue { columns, look }
            } else {
                // Covered from the left within this row, or a layout this writer does not
                // know: an empty position keeps the row's grid whole.
                Piece::Start {
                    text: String::new(),
                    columns: 1,
                    restart: false,
                    look: Look::Empty,
                }
            }
        }
        Slot::Empty => Piece::Start {
            text: String::new(),
            columns: 1,
            restart: false,
            look: Look::Empty,
        },
    }
}

/// One `w:tc`.
fn cell(
    x: &mut Xml,
    piece: &Piece,
    span: usize,
    width: u32,
    look: Look,
    style: &str,
    keep_next: bool,
) {
    x.open("w:tc", &[]);
    x.open("w:tcPr", &[]);
    x.empty("w:tcW", &[("w:w", &width.to_string()), ("w:type", "dxa")]);
    if span > 1 {
        x.val("w:gridSpan", &span.to_string());
    }
    match piece {
        Piece::Start { restart: true, .. } => {
            x.val("w:vMerge", "restart");
        }
        Piece::Continue { .. } => {
            x.empty("w:vMerge", &[]);
        }
        Piece::Start { .. } => {}
    }
    if look == Look::Header {
        x.empty(
            "w:shd",
            &[
                ("w:val", "clear"),
                ("w:color", "auto"),
                ("w:fill", HEADER_FILL),
            ],
        );
    }
    x.val("w:vAlign", "center");
    x.close("w:tcPr");
    let text = match piece {
        Piece::Start { text, .. } => text.as_str(),
        Piece::Continue { .. } => "",
    };
    // A header's lines (the R1 note) are one paragraph each.
    for line in text.split('\n') {
        x.open("w:p", &[]);
        x.open("w:pPr", &[]);
        x.val("w:pStyle", style);
        if keep_next {
            x.empty("w:keepNext", &[]);
        }
        let jc = match look {
            Look::Label { centred: false } => "left",
            _ => "center",
        };
        x.val("w:jc", jc);
        x.close("w:pPr");
        if !line.is_empty() {
            x.open("w:r", &[]);
            x.open("w:t", &[("xml:space", "preserve")])
                .text(line)
                .close("w:t");
            x.close("w:r");
        }
        x.close("w:p");
    }
    x.close("w:tc");
}

#[cfg(test)]
mod tests {
    use gongkai_form::FormVersion;
    use gongkai_report::write::official::official_tables;

    use super::*;

    #[test]
    fn columns_fill_the_text_width_and_labels_get_their_share() {
        for form in FormVersion::ALL {
            for table in official_tables(form) {
                let w = widths(&table);
                assert_eq!(w.len(), table.columns());
                assert_eq!(
                    w.iter().sum::<u32>(),
                    TEXT_WIDTH,
                    "{form} {:?}",
                    table.section
                );
                assert!(
                    w.iter().all(|w| *w > 400),
                    "{form} {:?}: {w:?}",
                    table.section
                );
            }
            let tables = official_tables(form);
            assert_eq!(
                label_columns(&tables[1]),
                3,
                "table 三 has three label columns"
            );
            assert_eq!(label_columns(&tables[2]), 0, "table 四 is all numbers");
            assert_eq!(header_rows(&tables[1]), 3);
        }
    }
}
