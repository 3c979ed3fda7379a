//! What is drawn: a figure of panels, each with one or more lines of a measure's values by year;
//! the unbroken runs a line joins, the years a panel has no value, and the breaks it draws.

/// One line of the chart: a measure's values by year; `None` = no value that year (drawn as a
/// gap over a grey band, never as a drop to zero).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Series {
    pub label_zh: String,
    pub label_en: String,
    pub points: Vec<(i32, Option<f64>)>,
    /// A ratio in 0..=1, drawn in percent.
    pub is_rate: bool,
    /// Years whose value does not compare with the year before (the report form changed): the
    /// line is not joined across, and a dashed line marks the break.
    pub breaks: Vec<i32>,
}

/// One panel: its lines share one y axis (all rates, or all in `unit`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Panel {
    pub title_zh: String,
    pub title_en: String,
    /// The unit of a panel of counts or amounts (件, 万元), for the axis label of the report
    /// preset; rates are in percent.
    pub unit_zh: Option<String>,
    pub unit_en: Option<String>,
    pub lines: Vec<Series>,
}

impl Panel {
    pub(crate) fn is_rate(&self) -> bool {
        self.lines.first().is_some_and(|s| s.is_rate)
    }
}

/// How the panels are laid out and labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Preset {
    /// Every measure in a grid of small panels, the latest value written beside its point: for
    /// looking through many measures on screen.
    #[default]
    Full,
    /// Four panels (two by two) on a page of A4 landscape proportions, larger text, every value
    /// written at its point, the y axis's unit and the x axis's years in words: for a printed
    /// report.
    Report,
}

/// A whole chart: its title, preset and panels.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figure {
    pub title_zh: String,
    pub title_en: String,
    pub preset: Preset,
    pub panels: Vec<Panel>,
    /// Years that rest on incomplete or failing data (a unit's report missing, left out or
    /// failing its checks): the year reads 2021* on the axis, its points are hollow, and the
    /// footer says why.
    pub incomplete: Vec<i32>,
}

impl Figure {
    /// The full grid: one panel per series, titled with its label.
    pub fn grid(title_zh: &str, title_en: &str, series: Vec<Series>) -> Figure {
        Figure {
            title_zh: title_zh.to_string(),
            title_en: title_en.to_string(),
            preset: Preset::Full,
            panels: series
                .into_iter()
                .map(|s| Panel {
                    title_zh: s.label_zh.clone(),
                    title_en: s.label_en.clone(),
                    unit_zh: None,
                    unit_en: None,
                    lines: vec![s],
                })
                .collect(),
            incomplete: Vec::new(),
        }
    }

    /// First and last year over all lines (a single year if there is no point at all).
    pub(crate) fn year_span(&self) -> (i32, i32) {
        let years = self
            .panels
            .iter()
            .flat_map(|p| &p.lines)
            .flat_map(|s| s.points.iter().map(|p| p.0));
        let first = years.clone().min().unwrap_or(2000);
        let last = years.max().unwrap_or(first);
        (first, last)
    }
}

/// `points` sorted by year, rates in percent, values that are not finite as `None`.
pub(crate) fn scaled(s: &Series) -> Vec<(i32, Option<f64>)> {
    let scale = if s.is_rate { 100.0 } else { 1.0 };
    let mut points: Vec<(i32, Option<f64>)> = s
        .points
        .iter()
        .map(|&(y, v)| (y, v.filter(|v| v.is_finite()).map(|v| v * scale)))
        .collect();
    points.sort_by_key(|p| p.0);
    points
}

/// Consecutive years with a value and no break between: each becomes one unbroken line.
pub(crate) fn runs(points: &[(i32, Option<f64>)], breaks: &[i32]) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut prev_year: Option<i32> = None;
    for &(year, value) in points {
        match value {
            Some(v) => {
                let continues = prev_year == Some(year - 1) && !breaks.contains(&year);
                match out.last_mut() {
                    Some(run) if continues => run.push((year as f64, v)),
                    _ => out.push(vec![(year as f64, v)]),
                }
                prev_year = Some(year);
            }
            None => prev_year = None,
        }
    }
    out
}

/// Years from `first` to `last` where no line of the panel has a value: drawn as grey bands.
pub(crate) fn gap_years(panel: &Panel, (first, last): (i32, i32)) -> Vec<i32> {
    (first..=last)
        .filter(|y| {
            !panel
                .lines
                .iter()
                .any(|s| s.points.iter().any(|p| p.0 == *y && p.1.is_some()))
        })
        .collect()
}

/// Breaks the panel draws: a line's break year with a value of the panel on both sides of it.
pub(crate) fn drawn_breaks(panel: &Panel) -> Vec<i32> {
    let valued = |y: &i32| {
        panel
            .lines
            .iter()
            .any(|s| s.points.iter().any(|p| p.0 == *y && p.1.is_some()))
    };
    let years: Vec<i32> = panel
        .lines
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0))
        .filter(valued)
        .collect();
    let mut breaks: Vec<i32> = panel
        .lines
        .iter()
        .flat_map(|s| s.breaks.iter().copied())
        .filter(|b| years.iter().any(|y| y < b) && years.iter().any(|y| y >= b))
        .collect();
    breaks.sort_unstable();
    breaks.dedup();
    breaks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_gaps_break_the_line() {
        let pts = [
            (2019, Some(1.0)),
            (2020, Some(2.0)),
            (2021, None),
            (2022, Some(3.0)),
            (2023, Some(4.0)),
        ];
        assert_eq!(
            runs(&pts, &[]),
            vec![
                vec![(2019.0, 1.0), (2020.0, 2.0)],
                vec![(2022.0, 3.0), (2023.0, 4.0)]
            ]
        );
        // A year missing from the list is a break too; a lone value is a run of one (a point).
        let pts = [(2019, Some(1.0)), (2021, Some(2.0)), (2022, None)];
        assert_eq!(
            runs(&pts, &[]),
            vec![vec![(2019.0, 1.0)], vec![(2021.0, 2.0)]]
        );
    }

    fn line(points: &[(i32, Option<f64>)], breaks: &[i32]) -> Series {
        Series {
            points: points.to_vec(),
            breaks: breaks.to_vec(),
            ..Series::default()
        }
    }

    #[test]
    fn chart_form_breaks_split_runs_and_are_drawn_between_values() {
        let years = |v: &[Option<f64>]| (2019..).zip(v.iter().copied()).collect::<Vec<_>>();
        let s = line(
            &years(&[Some(1.0), Some(2.0), Some(3.0), Some(4.0)]),
            &[2021],
        );
        assert_eq!(
            runs(&s.points, &s.breaks),
            vec![
                vec![(2019.0, 1.0), (2020.0, 2.0)],
                vec![(2021.0, 3.0), (2022.0, 4.0)]
            ]
        );
        let panel = |lines: Vec<Series>| Panel {
            lines,
            ..Panel::default()
        };
        assert_eq!(drawn_breaks(&panel(vec![s.clone()])), [2021]);
        // One measure per form: the new one's first year is the break.
        let old = line(&years(&[Some(5.0), Some(6.0), None, None]), &[]);
        let new = line(&years(&[None, None, Some(7.0), Some(8.0)]), &[2021]);
        assert_eq!(drawn_breaks(&panel(vec![old, new.clone()])), [2021]);
        // Only the new form's years shown: nothing on the other side, no break drawn.
        assert!(drawn_breaks(&panel(vec![new])).is_empty());
        // Gap years: no line has a value.
        let gappy = line(&years(&[Some(1.0), None, Some(2.0)]), &[]);
        assert_eq!(gap_years(&panel(vec![gappy]), (2019, 2022)), [2020, 2022]);
        assert!(gap_years(&panel(vec![s]), (2019, 2022)).is_empty());
    }
}
