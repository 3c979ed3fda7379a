//! Tables, rows, columns and cells named as the form prints them, in the run's language: in
//! Chinese `表三“（一）予以公开”行“自然人”列`, the words a district reads on its own form; in English
//! the cell's code with the form's labels, `requests.granted.natural_person (（一）予以公开 / 自然人)`.

use gongkai_messages::msg;

use crate::{Catalogue, Cell, ColumnDef, RowDef, Section};

impl Section {
    /// The table's number as the report prints it: 二, 三, 四.
    pub fn number(self) -> &'static str {
        match self {
            Section::Active => "二",
            Section::Requests => "三",
            Section::Appeals => "四",
        }
    }

    /// The table as messages name it: `表三` (`table 三`).
    pub fn table_name(self) -> String {
        msg!("place-table", number = self.number())
    }

    /// The table as messages about codes name it: `表三` (`table requests`).
    pub fn table_code_name(self) -> String {
        msg!(
            "place-table-code",
            number = self.number(),
            code = self.code()
        )
    }
}

impl RowDef {
    /// The row's label as the form prints it (the last of its path: `（一）予以公开`,
    /// `1.属于国家秘密`; each is one row's within its table).
    pub fn words(&self) -> &'static str {
        self.path.last().copied().unwrap_or(self.code)
    }
}

impl Cell {
    /// The cell as messages name it: `表三“（一）予以公开”行“自然人”列`
    /// (`requests.granted.natural_person (（一）予以公开 / 自然人)`).
    pub fn name(&self) -> String {
        msg!(
            "place-cell",
            table = self.section.table_name(),
            row = self.row.words(),
            column = self.column.label,
            code = self.code()
        )
    }

    /// The cell as a message about a tidy file names it: in Chinese as [`Cell::name`], in
    /// English by its code alone, as the file's line gives it.
    pub fn code_name(&self) -> String {
        msg!("place-cell-code", name = self.name(), code = self.code())
    }
}

/// A row of a table as messages name it: `表三“（一）予以公开”行` (`row granted`).
pub fn row_name(section: Section, row: &RowDef) -> String {
    msg!(
        "place-row",
        table = section.table_name(),
        row = row.words(),
        code = row.code
    )
}

/// A column of a table as messages name it: `表三“自然人”列` (`column natural_person`).
pub fn column_name(section: Section, column: &ColumnDef) -> String {
    msg!(
        "place-column",
        table = section.table_name(),
        column = column.label,
        code = column.code
    )
}

/// What a rule runs along (`scope`: a row's or a column's code) named as [`row_name`] or
/// [`column_name`] does, in `section` of `cat`; the code itself if it is neither.
pub fn scope_name(cat: &Catalogue, section: Section, scope: &str) -> String {
    let cells = || cat.cells_of(section);
    if let Some(c) = cells().find(|c| c.row.code == scope) {
        return row_name(section, c.row);
    }
    if let Some(c) = cells().find(|c| c.column.code == scope) {
        return column_name(section, c.column);
    }
    scope.to_string()
}
