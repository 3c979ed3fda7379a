//! Prints a workbook's sheets, row by row, as the reader sees them: `dump <file>`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump <workbook>");
        return;
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => return eprintln!("{path}: {e}"),
    };
    let start = std::time::Instant::now();
    let book = gongkai_workbook::read(&bytes);
    let took = start.elapsed();
    match book {
        Err(e) => println!("{path}: {e}"),
        Ok(book) => {
            for sheet in &book.sheets {
                println!(
                    "[{}] visible={} {}",
                    sheet.name,
                    sheet.visible,
                    book.format.code()
                );
                for row in sheet.grid.rows() {
                    let cells: Vec<String> = row
                        .cells()
                        .map(|c| {
                            let place = row.place(Some(&c));
                            format!("{place}={:?}{}", c.text, if c.first { "" } else { "+" })
                        })
                        .collect();
                    println!("  {}", cells.join(" "));
                }
            }
        }
    }
    eprintln!("read in {took:?}");
}
