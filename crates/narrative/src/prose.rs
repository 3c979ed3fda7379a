//! A report's prose: its paragraphs outside the tables as the reader gave them, each with its
//! place, then each paragraph as sentences of normalised characters under the heading of the
//! section they are in (一、总体情况).

use gongkai_report::Place;

/// One paragraph of the report's text and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub text: String,
    pub place: Place,
}

/// The text of a report outside its tables, in reading order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prose {
    paragraphs: Vec<Paragraph>,
}

/// A PDF line at least this share of its run's widest line, not ending a sentence, runs on
/// into the next: the paragraph was wrapped by the page, not ended by its writer.
const FULL_LINE: f64 = 0.85;

impl Prose {
    pub fn new() -> Prose {
        Prose::default()
    }

    /// A paragraph as the document has it: a page's or a Word document's paragraph, a line of a
    /// text copy, a sheet's cell. Lines within it are paragraphs of their own (a text copy's
    /// line, a `<br>`), on the lines after `place`'s when it is a line.
    pub fn push(&mut self, text: &str, place: Place) {
        for (k, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let place = match &place {
                Place::Line { line, column } if k > 0 => Place::Line {
                    line: line.saturating_add(u32::try_from(k).unwrap_or(u32::MAX)),
                    column: *column,
                },
                other => other.clone(),
            };
            self.paragraphs.push(Paragraph {
                text: line.trim().to_string(),
                place,
            });
        }
    }

    /// A run of lines laid out on a page (a PDF's): a paragraph runs on over every line as wide
    /// as the run's widest that does not end a sentence, so a figure wrapped over two lines
    /// (`…申请3` / `57件`) is read whole.
    pub fn push_wrapped<'a>(&mut self, lines: impl IntoIterator<Item = (&'a str, Place)>) {
        let lines: Vec<(&str, Place)> = lines
            .into_iter()
            .map(|(t, p)| (t.trim(), p))
            .filter(|(t, _)| !t.is_empty())
            .collect();
        let widest = lines.iter().map(|(t, _)| width(t)).max().unwrap_or(0);
        let mut current: Option<Paragraph> = None;
        for (text, place) in lines {
            match &mut current {
                Some(p) => p.text.push_str(text),
                None => {
                    current = Some(Paragraph {
                        text: text.to_string(),
                        place,
                    })
                }
            }
            let ends = text.ends_with(['。', '！', '？', '；', '：', '!', '?', ';', ':']);
            let full = width(text) as f64 >= FULL_LINE * widest as f64;
            if ends || !full {
                self.paragraphs.extend(current.take());
            }
        }
        self.paragraphs.extend(current);
    }

    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }

    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }
}

/// A line's width on the page: a Chinese character is two Latin ones.
fn width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// The characters analysed: whitespace dropped (a figure may be written `357 件`), full-width
/// digits, letters and signs made ASCII.
pub(crate) fn normalise(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200b}' | '\u{feff}'))
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' if c != '\u{ff0c}' && !is_bracket(c) => {
                char::from_u32(c as u32 - 0xfee0).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}

/// Full-width brackets stay as they are: they are what the form's labels use.
fn is_bracket(c: char) -> bool {
    matches!(c, '（' | '）' | '：' | '；')
}

/// Ends a sentence.
pub(crate) fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';')
}

/// Sentences of `chars` as ranges, each with its closing mark.
pub(crate) fn sentences(chars: &[char]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        if ends_sentence(c) {
            if i + 1 > start {
                out.push(start..i + 1);
            }
            start = i + 1;
        }
    }
    if start < chars.len() {
        out.push(start..chars.len());
    }
    out
}

/// The section a paragraph opens, `总体情况` of `一、总体情况`: a heading numbered 一 to 十 whose
/// words name a part of the report (情况, 事项, 问题, 概述), not a row of table 三 (`一、本年新收…数量`).
pub(crate) fn heading(text: &str) -> Option<String> {
    let text = text.trim();
    let rest = text.trim_start_matches(|c: char| "一二三四五六七八九十".contains(c));
    if rest.len() == text.len() {
        return None;
    }
    let rest = rest.strip_prefix(['、', '.', '．'])?;
    // The heading's words: up to the first space or punctuation (a page may run the heading
    // and its first sentence together).
    let words: String = rest
        .trim_start()
        .chars()
        .take_while(|c| !c.is_whitespace() && !"。，,：:；;（(".contains(*c))
        .collect();
    let names_a_part = ["情况", "事项", "问题", "概述", "措施"]
        .iter()
        .any(|w| words.ends_with(w));
    (names_a_part && words.chars().count() <= 30).then_some(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_of_the_report_not_rows_of_its_tables() {
        assert_eq!(heading("一、总体情况").as_deref(), Some("总体情况"));
        assert_eq!(
            heading("五、存在的主要问题及改进情况").as_deref(),
            Some("存在的主要问题及改进情况")
        );
        assert_eq!(
            heading("一、总体情况   2022年，示例县共主动公开政府信息1520条。").as_deref(),
            Some("总体情况")
        );
        assert_eq!(
            heading("六、其他需要报告的事项").as_deref(),
            Some("其他需要报告的事项")
        );
        assert_eq!(heading("一、本年新收政府信息公开申请数量"), None);
        assert_eq!(heading("四、结转下年度继续办理"), None);
        assert_eq!(heading("（一）主动公开情况"), None);
        assert_eq!(heading("一是把好受理关。"), None);
    }

    #[test]
    fn sentences_end_at_their_marks() {
        let chars = normalise("共收到申请 357 件。办结355件；结转2件");
        let got: Vec<String> = sentences(&chars)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect();
        assert_eq!(got, ["共收到申请357件。", "办结355件；", "结转2件"]);
        assert_eq!(
            normalise("３５７件，１．２万"),
            "357件，1.2万".chars().collect::<Vec<_>>()
        );
    }

    #[test]
    fn wrapped_lines_of_a_page_are_one_paragraph() {
        let mut prose = Prose::new();
        let at = Place::Page { page: 1 };
        prose.push_wrapped([
            ("一、总体情况", at.clone()),
            ("2020年，本机关共收到政府信息公开申请3", at.clone()),
            ("57件，办结355件，结转下年度继续办理2件", at.clone()),
            ("。", at.clone()),
            ("二、主动公开政府信息情况", at.clone()),
        ]);
        let texts: Vec<&str> = prose.paragraphs().iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "一、总体情况",
                "2020年，本机关共收到政府信息公开申请357件，办结355件，结转下年度继续办理2件。",
                "二、主动公开政府信息情况"
            ]
        );
    }

    #[test]
    fn lines_of_a_paragraph_keep_their_lines() {
        let mut prose = Prose::new();
        prose.push(
            "一、总体情况\n\n收到申请3件。",
            Place::Line {
                line: 10,
                column: None,
            },
        );
        let places: Vec<Place> = prose.paragraphs().iter().map(|p| p.place.clone()).collect();
        assert_eq!(
            places,
            [
                Place::Line {
                    line: 10,
                    column: None
                },
                Place::Line {
                    line: 12,
                    column: None
                }
            ]
        );
    }
}
