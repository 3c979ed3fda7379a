//! Every word the chart writes, in Chinese and in English, in one place: the footer's notes, the
//! axis labels and the panel's fallback text.

use gongkai_messages::{text_in, Arg, Lang};

use crate::series::{Figure, Panel, Preset};

/// The language of a chart's labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Words {
    pub chinese: bool,
}

impl Words {
    fn pick<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        if self.chinese {
            zh
        } else {
            en
        }
    }

    /// The chart's language: Chinese where a CJK font draws it, else English, whatever the run's.
    fn lang(&self) -> Lang {
        if self.chinese {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    fn text(&self, id: &str, args: &[(&str, Arg)]) -> String {
        text_in(self.lang(), id, args)
    }

    pub fn title<'a>(&self, figure: &'a Figure) -> &'a str {
        self.pick(&figure.title_zh, &figure.title_en)
    }

    pub fn panel_title<'a>(&self, panel: &'a Panel) -> &'a str {
        self.pick(&panel.title_zh, &panel.title_en)
    }

    pub fn line_label<'a>(&self, s: &'a crate::Series) -> &'a str {
        self.pick(&s.label_zh, &s.label_en)
    }

    /// The y axis's label in the report preset: 单位：件, 单位：%.
    pub fn unit(&self, panel: &Panel) -> Option<String> {
        let unit = if panel.is_rate() {
            "%"
        } else if self.chinese {
            panel.unit_zh.as_deref()?
        } else {
            panel.unit_en.as_deref()?
        };
        Some(self.text("chart-unit", &[("unit", unit.into())]))
    }

    /// A year as the x axis writes it: 2021年 in a Chinese report, else the number; a `*` after
    /// a year that rests on incomplete data.
    pub fn year(&self, preset: Preset, year: f64, incomplete: bool) -> String {
        let star = if incomplete { "*" } else { "" };
        let year = format!("{year:.0}");
        if preset == Preset::Report {
            format!(
                "{}{star}",
                self.text("chart-year", &[("year", year.into())])
            )
        } else {
            format!("{year}{star}")
        }
    }

    pub fn no_value(&self) -> String {
        self.text("chart-no-value", &[])
    }

    /// The footer's notes, each only when what it explains is drawn.
    pub fn notes(
        &self,
        preset: Preset,
        gaps: bool,
        breaks: &[i32],
        incomplete: &[i32],
    ) -> Vec<String> {
        let mut notes = Vec::new();
        if preset == Preset::Full {
            notes.push(self.text("chart-note-panels", &[]));
        }
        if gaps {
            notes.push(self.text("chart-note-gaps", &[]));
        }
        if !breaks.is_empty() {
            let years: Vec<String> = breaks.iter().map(i32::to_string).collect();
            let years = years.join(&self.text("chart-year-separator", &[]));
            notes.push(self.text("chart-note-breaks", &[("years", years.into())]));
        }
        if !incomplete.is_empty() {
            notes.push(self.text("chart-note-incomplete", &[]));
        }
        notes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_notes_only_for_what_is_drawn() {
        let zh = Words { chinese: true };
        assert_eq!(zh.notes(Preset::Full, false, &[], &[]).len(), 1);
        assert!(zh.notes(Preset::Report, false, &[], &[]).is_empty());
        let notes = zh.notes(Preset::Report, true, &[2021], &[]);
        assert_eq!(notes.len(), 2);
        assert!(notes[0].starts_with("灰色竖条"));
        assert!(notes[1].contains("2021年起报表格式调整"), "{notes:?}");
        assert!(zh.notes(Preset::Report, false, &[2021, 2024], &[])[0].contains("2021年、2024年起"));
        let en = Words { chinese: false };
        assert!(en.notes(Preset::Full, false, &[2021], &[])[1].contains("changed in 2021"));
        let notes = zh.notes(Preset::Report, false, &[], &[2022]);
        assert!(notes.len() == 1 && notes[0].starts_with("标*的年份数据不完整"));
        assert_eq!(zh.year(Preset::Report, 2021.0, false), "2021年");
        assert_eq!(zh.year(Preset::Report, 2021.0, true), "2021年*");
        assert_eq!(zh.year(Preset::Full, 2021.0, false), "2021");
        assert_eq!(en.year(Preset::Report, 2021.0, true), "2021*");
    }
}
