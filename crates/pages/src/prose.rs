//! The report's text outside its tables, for rule N1 (`gongkai-narrative`): a page's, a Word
//! document's or a PDF's lines (a PDF's rejoined where the page wrapped them), a text copy's
//! lines, a sheet's cells, and the long text of table cells (pages laid out in tables), each
//! with its place.

use std::collections::HashSet;

use gongkai_document::{Grid, Origin, Place};
use gongkai_narrative::Prose;

use crate::PageKind;

/// A table cell that is prose, not a label or a value: a sentence's length and marks.
fn is_prose(text: &str) -> bool {
    text.chars().count() >= 12 && text.contains(['。', '，', ',', '；'])
}

/// The prose of a document's grids, in reading order.
pub(crate) fn of(grids: &[Grid<'_>], kind: Option<PageKind>) -> Prose {
    let mut prose = Prose::new();
    for grid in grids {
        // A merged cell fills every slot it spans: its text once.
        let mut seen = HashSet::new();
        let mut cells: Vec<(&str, Place)> = Vec::new();
        for row in grid.rows() {
            for cell in row.cells() {
                if cell.first && !cell.text.trim().is_empty() && seen.insert(cell.text_index) {
                    cells.push((cell.text, row.place(Some(&cell))));
                }
            }
        }
        match grid.origin {
            Origin::Prose if kind == Some(PageKind::Pdf) => prose.push_wrapped(cells),
            Origin::Prose | Origin::Text | Origin::Sheet(_) => {
                for (text, place) in cells {
                    prose.push(text, place);
                }
            }
            Origin::Table(_) | Origin::Page(_) => {
                for (text, place) in cells.into_iter().filter(|(t, _)| is_prose(t)) {
                    prose.push(text, place);
                }
            }
            Origin::Delimited => {}
        }
    }
    prose
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use gongkai_document::Block;

    use super::of;
    use crate::PageKind;

    /// The Lanzhou PDF as LibreOffice wrote it, 主动公开政府信息2415条 of its first paragraph made
    /// 共收到政府信息公开申请355件: the paragraph is read whole over the lines the page wrapped it
    /// in, and its figure is held to table 三.
    #[test]
    fn a_contradiction_planted_in_a_pdf_is_read_over_its_wrapped_lines() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/published/lanzhou-2020.pdf");
        let bytes = std::fs::read(&path).expect("the Lanzhou PDF");
        let imp = crate::import_bytes(&bytes, &path);
        let report = imp.report.as_ref().expect("a report");
        let mut flow = gongkai_pdf::read(&bytes).expect("a flow");
        let mut planted = 0;
        for block in &mut flow.blocks {
            if let Block::Lines(lines) = block {
                for line in lines
                    .iter_mut()
                    .filter(|l| l.contains("主动公开政府信息2415条"))
                {
                    *line = line.replace("主动公开政府信息2415条", "共收到政府信息公开申请355件");
                    planted += 1;
                }
            }
        }
        assert_eq!(planted, 1);
        let file = std::sync::Arc::new(std::path::PathBuf::from("lanzhou-2020.pdf"));
        let (grids, _) = crate::flow_grids(flow, &file, &mut Vec::new());
        let prose = of(&grids, Some(PageKind::Pdf));
        // The first paragraph runs over the page's lines as one.
        assert!(
            prose.paragraphs().iter().any(|p| p.text.contains(
                "2020年,兰州市通过兰州市人民政府网共收到政府信息公开申请355件,指导全市公开信息14万余条。一是学习条例明界限。"
            )),
            "{:#?}",
            prose.paragraphs()
        );
        let found = gongkai_narrative::check(&prose, report);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].found.as_deref(), Some("355"));
        assert_eq!(found[0].cells[0], "requests.new_received.total");
        // Unplanted, the real PDF says nothing its tables contradict.
        assert!(imp.findings.is_empty(), "{:#?}", imp.findings);
    }
}
