//! Every word the chart writes, in Chinese and in English, in one place: the footer's notes, the
//! axis labels and the panel's fallback text.

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
        Some(if self.chinese {
            format!("单位：{unit}")
        } else {
            format!("Unit: {unit}")
        })
    }

    /// A year as the x axis writes it: 2021年 in a Chinese report, else the number; a `*` after
    /// a year that rests on incomplete data.
    pub fn year(&self, preset: Preset, year: f64, incomplete: bool) -> String {
        let star = if incomplete { "*" } else { "" };
        if self.chinese && preset == Preset::Report {
            format!("{year:.0}年{star}")
        } else {
            format!("{year:.0}{star}")
        }
    }

    pub fn no_value(&self) -> &'static str {
        self.pick("无可比数据", "no comparable value")
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
            notes.push(
                self.pick(
                    "每个小图有各自的纵轴；比率以百分比表示",
                    "Each panel has its own y axis; rates in percent",
                )
                .to_string(),
            );
        }
        if gaps {
            notes.push(
                self.pick(
                    "灰色竖条：该年没有此项数据（序列中断）",
                    "Grey band: no value that year (a break in the series)",
                )
                .to_string(),
            );
        }
        if !breaks.is_empty() {
            let years: Vec<String> = breaks.iter().map(i32::to_string).collect();
            notes.push(if self.chinese {
                format!(
                    "竖虚线：{}年起报表格式调整，虚线两侧的数据不能直接比较，连线在此断开",
                    years.join("年、")
                )
            } else {
                format!(
                    "Dashed line: the report form changed in {}; values either side do not \
                     compare, so the line breaks there",
                    years.join(", ")
                )
            });
        }
        if !incomplete.is_empty() {
            notes.push(
                self.pick(
                    "标*的年份数据不完整（有单位的报告缺失、被剔除或未通过校验），图中以空心点表示",
                    "* the year rests on incomplete data (a unit's report missing, left out or \
                     failing its checks), drawn as hollow points",
                )
                .to_string(),
            );
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
