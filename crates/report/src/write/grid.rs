//! The form grid as the official form lays it out, as CSV: blank (the `template` command) or
//! filled with a report's values (the generator's unit files).

use gongkai_form::{FormVersion, Section};

/// Writes the form grid for `form`: blank when `values` is `None` (the `template` command),
/// else filled with the values, blank where `blank` says so.
pub fn write(
    form: FormVersion,
    unit: Option<&str>,
    year: Option<i32>,
    values: Option<(&[i64], &[bool])>,
    out: &mut String,
) {
    const WIDTH: usize = 15;
    let cat = form.catalogue();
    let line = |cells: &[&str], out: &mut String| {
        let mut fields: Vec<String> = cells
            .iter()
            .map(|c| super::tidy::csv_field(c).into_owned())
            .collect();
        fields.resize(WIDTH, String::new());
        out.push_str(&fields.join(","));
        out.push('\n');
    };
    let value = |index: usize| -> String {
        match values {
            Some((v, blank)) if !blank[index] => {
                gongkai_form::format_value(v[index], cat.cells[index].kind())
            }
            _ => String::new(),
        }
    };
    line(
        &[&format!(
            "政府信息公开工作年度报告统计表（{}）",
            form.notice()
        )],
        out,
    );
    line(&["填报单位", unit.unwrap_or("")], out);
    let year_text = year.map(|y| y.to_string()).unwrap_or_default();
    line(&["年度", &year_text], out);
    line(&[], out);
    line(&[Section::Active.heading()], out);
    let mut cell = 0;
    for block in cat.blocks.iter().filter(|b| b.section == Section::Active) {
        line(&[block.heading.unwrap_or("")], out);
        let mut head = vec!["信息内容"];
        head.extend(block.columns.iter().map(|c| c.label));
        line(&head, out);
        for row in block.rows {
            let vals: Vec<String> = (0..block.columns.len()).map(|c| value(cell + c)).collect();
            cell += block.columns.len();
            let mut cells = vec![row.path[0]];
            cells.extend(vals.iter().map(String::as_str));
            line(&cells, out);
        }
    }
    line(&[], out);
    line(&[Section::Requests.heading()], out);
    line(
        &[
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "",
            "",
            "申请人情况",
        ],
        out,
    );
    line(
        &[
            "",
            "",
            "",
            "自然人",
            "法人或其他组织",
            "",
            "",
            "",
            "",
            "总计",
        ],
        out,
    );
    let req = cat.block_of(Section::Requests);
    let mut sub = vec!["", "", "", ""];
    sub.extend(req.columns[1..6].iter().map(|c| c.label));
    line(&sub, out);
    let mut previous: &[&str] = &[];
    for row in req.rows {
        let mut cells = vec![""; 3];
        for (d, part) in row.path.iter().enumerate() {
            let shared = previous.len() > d && previous[..=d] == row.path[..=d];
            if !shared {
                cells[d] = part;
            }
        }
        previous = row.path;
        let vals: Vec<String> = (0..req.columns.len()).map(|c| value(cell + c)).collect();
        cell += req.columns.len();
        cells.extend(vals.iter().map(String::as_str));
        line(&cells, out);
    }
    line(&[], out);
    line(&[Section::Appeals.heading()], out);
    let app = cat.block_of(Section::Appeals);
    line(
        &[app.rows[0].path[0], "", "", "", "", app.rows[1].path[0]],
        out,
    );
    line(
        &[
            "",
            "",
            "",
            "",
            "",
            app.rows[1].path[1],
            "",
            "",
            "",
            "",
            app.rows[2].path[1],
        ],
        out,
    );
    let heads: Vec<&str> = (0..3)
        .flat_map(|_| app.columns.iter().map(|c| c.label))
        .collect();
    line(&heads, out);
    let vals: Vec<String> = (0..15).map(|c| value(cell + c)).collect();
    line(&vals.iter().map(String::as_str).collect::<Vec<_>>(), out);
}
