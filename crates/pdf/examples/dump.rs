//! Prints what the reader makes of a PDF: `cargo run -p gongkai-pdf --example dump -- file.pdf`.
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let start = std::time::Instant::now();
        let flow = gongkai_pdf::read(&bytes);
        let took = start.elapsed();
        match flow {
            Err(e) => println!("{path}: {e}"),
            Ok(flow) => {
                println!(
                    "{path}: {} block(s) in {took:?}; titles {:?}",
                    flow.blocks.len(),
                    flow.titles
                );
                for b in &flow.blocks {
                    match b {
                        gongkai_document::Block::Lines(lines) => {
                            for l in lines {
                                println!("  | {l}");
                            }
                        }
                        gongkai_document::Block::Table(g) => {
                            println!("  table {:?}", g.origin);
                            for r in g.rows() {
                                let cells: Vec<String> = r
                                    .cells()
                                    .map(|c| {
                                        if c.first {
                                            c.text.to_string()
                                        } else {
                                            "<".into()
                                        }
                                    })
                                    .collect();
                                println!("  {:>3} [{}]", r.number(), cells.join(" | "));
                            }
                        }
                    }
                }
            }
        }
    }
}
