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
    /// What the document says of itself besides its title, by name in lower case: a page's
    /// `<meta name="ColumnName">` (the portal's section, often the unit's name or the year) and
    /// `SiteName` (the portal, which may host other bodies' reports too), `og:title`.
    pub meta: Vec<(String, String)>,
    /// Text of links and of navigation (menus, breadcrumbs, footers, related links): it may name
    /// other reports and other bodies, so it is never taken for the document's title.
    pub navigation: Vec<String>,
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

    /// The first value of a piece of metadata (`columnname`).
    pub fn meta(&self, name: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(n, v)| n == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }

    /// True when `line` is text of a link or of navigation, or mostly so (`附件：` and a link):
    /// a title that merely contains a menu's words (`年度报告`) is not.
    pub fn is_navigation(&self, line: &str) -> bool {
        let line: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        let len = line.chars().count();
        len > 0
            && self.navigation.iter().any(|n| {
                let n: String = n.chars().filter(|c| !c.is_whitespace()).collect();
                let n_len = n.chars().count();
                n_len >= 2 && n_len * 2 >= len && line.contains(&n)
            })
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

    #[test]
    fn navigation_is_what_links_and_menus_say() {
        let flow = Flow {
            navigation: vec![
                "示例县人民政府2021年政府信息公开工作年度报告".into(),
                "年度报告".into(),
            ],
            ..Flow::default()
        };
        assert!(flow.is_navigation("示例县人民政府 2021年政府信息公开工作年度报告"));
        assert!(flow.is_navigation("附件：示例县人民政府2021年政府信息公开工作年度报告"));
        assert!(!flow.is_navigation("示例县2022年政府信息公开工作年度报告"));
        assert!(!flow.is_navigation(""));
    }
}
