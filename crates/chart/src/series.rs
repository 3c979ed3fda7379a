//! What is drawn: a measure's values by year, and the unbroken runs a line joins.

/// One line of the chart: a measure's values by year; `None` = no comparable value (a break in
/// the series: draw a gap, never a drop to zero).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label_zh: String,
    pub label_en: String,
    pub points: Vec<(i32, Option<f64>)>,
    pub is_rate: bool,
}

/// Consecutive years with a value: each becomes one unbroken line.
pub(crate) fn runs(points: &[(i32, Option<f64>)]) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut prev_year: Option<i32> = None;
    for &(year, value) in points {
        match value {
            Some(v) => {
                let continues = prev_year == Some(year - 1);
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

/// First and last year over all series (a single year if there is no point at all).
pub(crate) fn year_span(series: &[Series]) -> (i32, i32) {
    let years = series.iter().flat_map(|s| s.points.iter().map(|p| p.0));
    let first = years.clone().min().unwrap_or(2000);
    let last = years.max().unwrap_or(first);
    (first, last)
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
            runs(&pts),
            vec![
                vec![(2019.0, 1.0), (2020.0, 2.0)],
                vec![(2022.0, 3.0), (2023.0, 4.0)]
            ]
        );
        // A year missing from the list is a break too; a lone value is a run of one (a point).
        let pts = [(2019, Some(1.0)), (2021, Some(2.0)), (2022, None)];
        assert_eq!(runs(&pts), vec![vec![(2019.0, 1.0)], vec![(2021.0, 2.0)]]);
    }
}
