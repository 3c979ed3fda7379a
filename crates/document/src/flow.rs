//! A document read top to bottom: runs of text lines and the tables between them. A saved page,
//! a Word file and a PDF all become a [`Flow`] before the locator; the caller turns its lines into
//! grids of their own (a published report's prose is regrouped; see the `pages` crate).

use crate::grid::Grid;

/// One stretch of a document.
#[derive(Debug, Clone)]
pub enum Block {
    /// Lines of text outside tables (paragraphs, headings), trimmed, none empty.
    Lines(Vec<String>),
    /// A table, spans expanded (a page's, a Word document's, or a PDF's rows rebuilt from the
    /// positions of its text).
    Table(Grid<'static>),
}

/// A document's blocks in reading order, and the lines that may be its title.
#[derive(Debug, Clone, Default)]
pub struct Flow {
    pub blocks: Vec<Block>,
    /// Title candidates, best first: the document's own title or headings, then its first lines.
    pub titles: Vec<String>,
}

impl Flow {
    /// Adds lines, joining them to the run before when that is lines too.
    pub fn push_lines(&mut self, lines: impl IntoIterator<Item = String>) {
        let lines: Vec<String> = lines
            .into_iter()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            return;
        }
        match self.blocks.last_mut() {
            Some(Block::Lines(run)) => run.extend(lines),
            _ => self.blocks.push(Block::Lines(lines)),
        }
    }

    pub fn push_table(&mut self, grid: Grid<'static>) {
        self.blocks.push(Block::Table(grid));
    }

    /// Tables in the flow.
    pub fn tables(&self) -> impl Iterator<Item = &Grid<'static>> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(g) => Some(g),
            Block::Lines(_) => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{Block, Flow};
    use crate::{Grid, Origin};

    #[test]
    fn lines_join_the_run_before_and_tables_split_runs() {
        let mut flow = Flow::default();
        flow.push_lines(["标题 ".to_string(), "  ".to_string()]);
        flow.push_lines(["一、总体情况".to_string()]);
        flow.push_table(Grid::new(Origin::Table(1)));
        flow.push_lines(["后记".to_string()]);
        assert_eq!(flow.blocks.len(), 3);
        assert!(matches!(&flow.blocks[0], Block::Lines(l) if l == &["标题", "一、总体情况"]));
        assert_eq!(flow.tables().count(), 1);
    }
}
