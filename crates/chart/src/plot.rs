//! Painting: the grid of panels (each with its own y axis), the title, the footer's notes, and in
//! each panel its caption (and, in the report preset, its unit and legend), the gap bands, the
//! break lines, the mesh, the line runs, the points and the value labels. Generic over the
//! plotters backend: the same painting makes the SVG and the PNG, and returns its geometry (plot
//! boxes, segments, label boxes) for the tests.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::axis::{value_label, year_ticks, Ticked, YAxis};
use crate::error::{drawing, ChartError};
use crate::labels::{place, Px, Rect, Scene, Wanted};
use crate::series::{drawn_breaks, gap_years, runs, scaled, Figure, Panel, Preset};
use crate::text::{fit, size_to_fit};
use crate::words::Words;

/// The CSS family list written into SVG (Chinese labels).
pub(crate) const CJK_FAMILY: &str =
    "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, \
     Hiragino Sans GB, WenQuanYi Micro Hei, Noto Sans SC, SimHei, sans-serif";
/// The family named for English labels (PNG only: the name is not used to find the font).
pub(crate) const LATIN_FAMILY: &str = "sans-serif";

/// Text sizes (plotters' units: the em in pixels is the size / 1.24) and strokes of a preset.
#[derive(Debug, Clone, Copy)]
struct Look {
    title: f64,
    caption: f64,
    tick: f64,
    value: f64,
    note: f64,
    stroke: u32,
    mark: u32,
    /// Height of a panel's head: the caption, and the report's unit and legend row.
    head: u32,
    x_area: u32,
}

const FULL: Look = Look {
    title: 34.0,
    caption: 21.0,
    tick: 17.0,
    value: 17.0,
    note: 18.0,
    stroke: 2,
    mark: 4,
    head: 34,
    x_area: 30,
};

const REPORT: Look = Look {
    title: 40.0,
    caption: 27.0,
    tick: 20.0,
    value: 20.0,
    note: 20.0,
    stroke: 3,
    mark: 5,
    head: 72,
    x_area: 36,
};

fn look(preset: Preset) -> Look {
    match preset {
        Preset::Full => FULL,
        Preset::Report => REPORT,
    }
}

/// Pixel geometry of the page: its size, the grid of panels, the title and footer bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Layout {
    pub size: (u32, u32),
    cols: usize,
    rows: usize,
    header: u32,
    footer: u32,
}

impl Layout {
    /// The page for `n` panels and `notes` lines of footer.
    pub fn new(preset: Preset, n: usize, notes: usize) -> Layout {
        let note_line = (look(preset).note / 1.24 * 1.6).ceil() as u32;
        let footer = 14 + note_line * notes as u32;
        match preset {
            Preset::Full => {
                let cols = match n {
                    0 | 1 => 1,
                    2 | 4 => 2,
                    3 | 5 | 6 | 9 => 3,
                    _ => 4,
                };
                let rows = n.div_ceil(cols).max(1);
                let width: u32 = match cols {
                    1 => 900,
                    2 => 1100,
                    3 => 1320,
                    _ => 1600,
                };
                let panel_h: u32 = if rows == 1 { 420 } else { 300 };
                let header = 72;
                Layout {
                    size: (width, header + footer + panel_h * rows as u32),
                    cols,
                    rows,
                    header,
                    footer,
                }
            }
            Preset::Report => {
                // Two by two on A4 landscape proportions (1600 × 1131 with four panels).
                let cols = if n <= 1 { 1 } else { 2 };
                let rows = n.div_ceil(cols).max(1);
                let header = 84;
                let panel_h = (1131 - header - footer) / 2;
                Layout {
                    size: (1600, header + footer + panel_h * rows as u32),
                    cols,
                    rows,
                    header,
                    footer,
                }
            }
        }
    }
}

/// What one panel drew, in pixels of the page.
#[derive(Debug, Clone, Default)]
#[cfg_attr(not(test), expect(dead_code, reason = "the tests read the geometry"))]
pub(crate) struct PanelLayout {
    pub title: String,
    /// The plot area inside the axes.
    pub plot: Option<Rect>,
    /// The data lines and break lines, the points: what labels keep clear of.
    pub scene: Scene,
    /// Each value label written, with its text box.
    pub labels: Vec<(String, Rect)>,
    /// How many value labels were wanted.
    pub wanted: usize,
    pub ticks: Vec<String>,
    pub gaps: Vec<i32>,
    pub breaks: Vec<i32>,
}

/// What a painting drew.
#[derive(Debug, Clone, Default)]
#[cfg_attr(not(test), expect(dead_code, reason = "the tests read the geometry"))]
pub(crate) struct Painted {
    pub panels: Vec<PanelLayout>,
    pub notes: Vec<String>,
}

/// The footer's notes for `figure`: each only when what it explains is drawn.
pub(crate) fn notes(figure: &Figure, words: Words) -> Vec<String> {
    let span = figure.year_span();
    let gaps = figure.panels.iter().any(|p| !gap_years(p, span).is_empty());
    let mut breaks: Vec<i32> = figure.panels.iter().flat_map(drawn_breaks).collect();
    breaks.sort_unstable();
    breaks.dedup();
    let incomplete: Vec<i32> = incomplete_drawn(figure);
    words.notes(figure.preset, gaps, &breaks, &incomplete)
}

/// The figure's incomplete years within the years drawn.
fn incomplete_drawn(figure: &Figure) -> Vec<i32> {
    let (first, last) = figure.year_span();
    let mut years: Vec<i32> = figure
        .incomplete
        .iter()
        .copied()
        .filter(|y| (first..=last).contains(y))
        .collect();
    years.sort_unstable();
    years.dedup();
    years
}

const FULL_PALETTE: [RGBColor; 14] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
    RGBColor(57, 59, 121),
    RGBColor(173, 73, 74),
    RGBColor(99, 121, 57),
    RGBColor(123, 65, 115),
];
/// Print colours of the report preset: dark blue, burnt orange, green; the marks differ in shape
/// too (circle, square, triangle), so lines stay apart in black and white.
const REPORT_PALETTE: [RGBColor; 3] = [
    RGBColor(31, 78, 121),
    RGBColor(197, 90, 17),
    RGBColor(56, 118, 29),
];
const INK: RGBColor = RGBColor(33, 33, 33);
const MUTED: RGBColor = RGBColor(110, 110, 110);
const GRID: RGBColor = RGBColor(226, 226, 226);
const AXIS: RGBColor = RGBColor(160, 160, 160);
const GAP_BAND: RGBColor = RGBColor(236, 236, 236);
const BREAK_LINE: RGBColor = RGBColor(120, 120, 120);

/// A line's colour darkened for its value labels (pale lines make unreadable text).
fn text_colour(c: RGBColor) -> RGBColor {
    let d = |v: u8| (f64::from(v) * 0.7) as u8;
    RGBColor(d(c.0), d(c.1), d(c.2))
}

/// What every panel shares.
struct Ctx {
    look: Look,
    words: Words,
    family: &'static str,
    preset: Preset,
    span: (i32, i32),
    incomplete: Vec<i32>,
}

pub(crate) fn paint<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    layout: &Layout,
    words: Words,
    family: &'static str,
    figure: &Figure,
    notes: &[String],
) -> Result<Painted, ChartError> {
    root.fill(&WHITE).map_err(drawing)?;
    let look = look(figure.preset);
    let (w, h) = layout.size;
    let title = words.title(figure);
    let title_style = (family, size_to_fit(title, look.title, w), FontStyle::Bold)
        .into_font()
        .color(&INK)
        .pos(Pos::new(HPos::Center, VPos::Center));
    root.draw(&Text::new(
        title.to_string(),
        (w as i32 / 2, layout.header as i32 / 2 + 4),
        title_style,
    ))
    .map_err(drawing)?;

    let line_h = look.note / 1.24 * 1.6;
    let footer_top = f64::from(h - layout.footer) + 4.0;
    for (i, note) in notes.iter().enumerate() {
        let style = TextStyle::from((family, size_to_fit(note, look.note, w)).into_font())
            .color(&MUTED)
            .pos(Pos::new(HPos::Center, VPos::Center));
        let y = footer_top + line_h * (i as f64 + 0.5);
        root.draw(&Text::new(note.clone(), (w as i32 / 2, y as i32), style))
            .map_err(drawing)?;
    }

    let ctx = Ctx {
        look,
        words,
        family,
        preset: figure.preset,
        span: figure.year_span(),
        incomplete: incomplete_drawn(figure),
    };
    let body = root.margin(layout.header, layout.footer + 4, 12, 12);
    let areas = body.split_evenly((layout.rows, layout.cols));
    let mut painted = Painted {
        panels: Vec::new(),
        notes: notes.to_vec(),
    };
    for (i, (area, panel)) in areas.iter().zip(&figure.panels).enumerate() {
        painted
            .panels
            .push(paint_panel(root, area, panel, i, &ctx)?);
    }
    Ok(painted)
}

/// A text's box (width, height) at `style` as the backend measures it.
fn measure<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
) -> Result<(f64, f64), ChartError> {
    let (w, h) = root.estimate_text_size(text, style).map_err(drawing)?;
    Ok((f64::from(w), f64::from(h)))
}

fn px(c: (i32, i32)) -> Px {
    (f64::from(c.0), f64::from(c.1))
}

/// The mark of the `n`th line: circle, square, triangle.
fn mark<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    n: usize,
    at: (i32, i32),
    r: i32,
    colour: RGBColor,
) -> Result<(), ChartError> {
    let style = colour.filled();
    match n % 3 {
        0 => root.draw(&Circle::new(at, r, style)),
        1 => root.draw(&Rectangle::new(
            [(at.0 - r + 1, at.1 - r + 1), (at.0 + r - 1, at.1 + r - 1)],
            style,
        )),
        _ => root.draw(&Polygon::new(
            vec![
                (at.0, at.1 - r - 1),
                (at.0 - r, at.1 + r - 1),
                (at.0 + r, at.1 + r - 1),
            ],
            style,
        )),
    }
    .map_err(drawing)
}

fn paint_panel<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    area: &DrawingArea<DB, Shift>,
    panel: &Panel,
    index: usize,
    ctx: &Ctx,
) -> Result<PanelLayout, ChartError> {
    let Ctx {
        look,
        words,
        family,
        preset,
        span: (first, last),
        ..
    } = *ctx;
    let incomplete = |year: f64| ctx.incomplete.iter().any(|&y| f64::from(y) == year);
    let (ax, ay) = area.get_base_pixel();
    let (aw, _) = area.dim_in_pixel();
    let rate = panel.is_rate();
    let lines: Vec<Vec<(i32, Option<f64>)>> = panel.lines.iter().map(scaled).collect();
    let values: Vec<f64> = lines.iter().flatten().filter_map(|p| p.1).collect();
    let integral = !rate && values.iter().all(|v| v.fract() == 0.0);
    let axis = YAxis::new(&values, integral, rate);
    let tick_labels = axis.labels(rate);
    let colour = |n: usize| match preset {
        Preset::Full => FULL_PALETTE[(index + n) % FULL_PALETTE.len()],
        Preset::Report => REPORT_PALETTE[n % REPORT_PALETTE.len()],
    };

    // The caption; in the report, a row below it with the unit (left) and the legend (right).
    let title = words.panel_title(panel);
    let caption_em = look.caption / 1.24;
    let caption = match preset {
        Preset::Full if rate => format!("{title} (%)"),
        _ => title.to_string(),
    };
    let caption = fit(&caption, f64::from(aw.saturating_sub(24)) / caption_em);
    let caption_weight = match preset {
        Preset::Full => FontStyle::Normal,
        Preset::Report => FontStyle::Bold,
    };
    root.draw(&Text::new(
        caption.clone(),
        (ax + aw as i32 / 2, ay + (caption_em * 0.85) as i32),
        (family, look.caption, caption_weight)
            .into_font()
            .color(&INK)
            .pos(Pos::new(HPos::Center, VPos::Center)),
    ))
    .map_err(drawing)?;
    let tick_style = TextStyle::from((family, look.tick).into_font()).color(&MUTED);
    if preset == Preset::Report {
        let row_y = ay + look.head as i32 - (look.tick / 1.24) as i32;
        if let Some(unit) = words.unit(panel) {
            root.draw(&Text::new(
                unit,
                (ax + 8, row_y),
                tick_style.pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(drawing)?;
        }
        if panel.lines.len() > 1 {
            legend(root, panel, (ax + aw as i32 - 22, row_y), ctx, &colour)?;
        }
    }

    // The plot: room on the left for the widest tick label.
    let widest = tick_labels
        .iter()
        .map(|l| measure(root, l, &tick_style).map(|s| s.0))
        .try_fold(0.0f64, |m, w| w.map(|w| m.max(w)))?;
    let plot_area = area.margin(look.head, 0, 0, 0);
    let year_w = measure(
        root,
        &words.year(preset, f64::from(last), true),
        &tick_style,
    )?
    .0 + 18.0;
    let max_years = ((f64::from(aw) - widest - 60.0) / year_w).max(2.0) as usize;
    let mut chart = ChartBuilder::on(&plot_area)
        .margin(6)
        .margin_right(18)
        .x_label_area_size(look.x_area)
        .y_label_area_size((widest + 16.0).max(40.0) as u32)
        .build_cartesian_2d(
            Ticked {
                range: (f64::from(first) - 0.4)..(f64::from(last) + 0.4),
                ticks: year_ticks(first, last, max_years),
            },
            Ticked {
                range: axis.lo..axis.hi,
                ticks: axis.ticks.clone(),
            },
        )
        .map_err(drawing)?;
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    let plot = Rect {
        x0: f64::from(xr.start),
        y0: f64::from(yr.start),
        x1: f64::from(xr.end),
        y1: f64::from(yr.end),
    };
    let mut out = PanelLayout {
        title: caption,
        plot: Some(plot),
        scene: Scene {
            // Inside the axes, clear of the axis lines.
            bounds: Some(plot.grow(-2.0)),
            ..Scene::default()
        },
        ticks: tick_labels.clone(),
        gaps: gap_years(panel, (first, last)),
        breaks: drawn_breaks(panel),
        ..PanelLayout::default()
    };

    // Years without a value: a light band behind the mesh.
    chart
        .draw_series(out.gaps.iter().map(|&y| {
            let x = f64::from(y);
            Rectangle::new([(x - 0.5, axis.lo), (x + 0.5, axis.hi)], GAP_BAND.filled())
        }))
        .map_err(drawing)?;
    let tick_label = |v: &f64| {
        axis.ticks
            .iter()
            .zip(&tick_labels)
            .min_by(|a, b| (a.0 - v).abs().total_cmp(&(b.0 - v).abs()))
            .map(|(_, l)| l.clone())
            .unwrap_or_default()
    };
    chart
        .configure_mesh()
        .x_label_formatter(&|x| words.year(preset, *x, incomplete(*x)))
        .y_label_formatter(&tick_label)
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .axis_style(AXIS)
        .label_style(tick_style.clone())
        .draw()
        .map_err(drawing)?;

    // Form breaks: a dashed line between the years, the whole height of the plot.
    for &b in &out.breaks {
        let x = f64::from(b) - 0.5;
        let (top, bottom) = (
            chart.backend_coord(&(x, axis.hi)),
            chart.backend_coord(&(x, axis.lo)),
        );
        let dash = ShapeStyle::from(&BREAK_LINE).stroke_width(2);
        let mut y = top.1;
        while y < bottom.1 {
            root.draw(&PathElement::new(
                vec![(top.0, y), (top.0, (y + 7).min(bottom.1))],
                dash,
            ))
            .map_err(drawing)?;
            y += 12;
        }
        out.scene.segments.push((px(top), px(bottom)));
    }

    // The lines, their points, and the value labels wanted (in order of importance).
    let value_style = TextStyle::from((family, look.value).into_font());
    // An em and a fifth: digits, and the comma's tail below the baseline.
    let value_h = look.value / 1.24 * 1.2;
    let mut wanted: Vec<(usize, usize, Wanted, String, RGBColor)> = Vec::new();
    for (n, (s, points)) in panel.lines.iter().zip(&lines).enumerate() {
        let c = colour(n);
        let style = ShapeStyle::from(&c).stroke_width(look.stroke);
        let line_runs = runs(points, &s.breaks);
        for run in &line_runs {
            chart
                .draw_series(LineSeries::new(run.iter().copied(), style))
                .map_err(drawing)?;
        }
        let pixels: Vec<Vec<Px>> = line_runs
            .iter()
            .map(|run| run.iter().map(|p| px(chart.backend_coord(p))).collect())
            .collect();
        for run in &pixels {
            out.scene.segments.extend(
                run.windows(2)
                    .filter_map(|w| Some((*w.first()?, *w.get(1)?))),
            );
        }
        let valued: Vec<(f64, f64)> = line_runs.iter().flatten().copied().collect();
        let r = look.mark as i32;
        for (i, (run, run_px)) in line_runs.iter().zip(&pixels).enumerate() {
            for (j, (&p, &at)) in run.iter().zip(run_px).enumerate() {
                mark(root, n, (at.0 as i32, at.1 as i32), r, c)?;
                if incomplete(p.0) {
                    // Hollow: the mark's inside white again.
                    mark(root, n, (at.0 as i32, at.1 as i32), (r - 2).max(1), WHITE)?;
                }
                out.scene.marks.push((at, f64::from(look.mark) + 1.5));
                let rank = importance(&valued, p);
                if preset == Preset::Full && rank != 0 {
                    continue;
                }
                let text = value_label(p.1, integral, rate);
                let size = (measure(root, &text, &value_style)?.0, value_h);
                let neighbours = [j.checked_sub(1), Some(j + 1)]
                    .into_iter()
                    .flatten()
                    .filter_map(|k| run_px.get(k).copied())
                    .collect();
                let order = rank * 1000 + i * 100 + j;
                wanted.push((
                    order,
                    n,
                    Wanted {
                        at,
                        neighbours,
                        size,
                    },
                    text,
                    c,
                ));
            }
        }
    }
    wanted.sort_by_key(|w| (w.0, w.1));
    let wants: Vec<Wanted> = wanted.iter().map(|w| w.2.clone()).collect();
    out.wanted = wants.len();
    for (spot, (_, _, _, text, c)) in place(&out.scene, &wants).into_iter().zip(wanted) {
        let Some(spot) = spot else {
            continue;
        };
        let (cx, cy) = spot.centre();
        root.draw(&Text::new(
            text.clone(),
            (cx.round() as i32, cy.round() as i32),
            value_style
                .color(&text_colour(c))
                .pos(Pos::new(HPos::Center, VPos::Center)),
        ))
        .map_err(drawing)?;
        out.labels.push((text, spot));
    }

    if values.is_empty() {
        let style = TextStyle::from((family, look.note).into_font())
            .color(&MUTED)
            .pos(Pos::new(HPos::Center, VPos::Center));
        let mid = (f64::from(first + last) / 2.0, (axis.lo + axis.hi) / 2.0);
        chart
            .draw_series(std::iter::once(Text::new(words.no_value(), mid, style)))
            .map_err(drawing)?;
    }
    Ok(out)
}

/// How much a point's label matters, 0 first: the latest value, the first, the highest and the
/// lowest, then the rest.
fn importance(valued: &[(f64, f64)], p: (f64, f64)) -> usize {
    let by_year = |a: &&(f64, f64), b: &&(f64, f64)| a.0.total_cmp(&b.0);
    let by_value = |a: &&(f64, f64), b: &&(f64, f64)| a.1.total_cmp(&b.1);
    if valued.iter().max_by(by_year) == Some(&p) {
        0
    } else if valued.iter().min_by(by_year) == Some(&p) {
        1
    } else if valued.iter().max_by(by_value) == Some(&p)
        || valued.iter().min_by(by_value) == Some(&p)
    {
        2
    } else {
        3
    }
}

/// The legend of a panel with several lines, right-aligned at `right`: mark, line and name.
fn legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    panel: &Panel,
    (right, y): (i32, i32),
    ctx: &Ctx,
    colour: &dyn Fn(usize) -> RGBColor,
) -> Result<(), ChartError> {
    let style = TextStyle::from((ctx.family, ctx.look.tick).into_font()).color(&INK);
    let sample = 26;
    // Lines with no value in the years drawn (a measure of the other form) are not listed.
    let shown: Vec<(usize, &str)> = panel
        .lines
        .iter()
        .enumerate()
        .filter(|(_, s)| s.points.iter().any(|p| p.1.is_some_and(f64::is_finite)))
        .map(|(n, s)| (n, ctx.words.line_label(s)))
        .collect();
    let widths = shown
        .iter()
        .map(|(_, name)| measure(root, name, &style).map(|s| s.0 as i32))
        .collect::<Result<Vec<i32>, ChartError>>()?;
    let total: i32 = widths.iter().map(|w| w + sample + 8 + 22).sum();
    let mut x = right - total + 22;
    for (&(n, name), w) in shown.iter().zip(widths) {
        let c = colour(n);
        root.draw(&PathElement::new(
            vec![(x, y), (x + sample, y)],
            ShapeStyle::from(&c).stroke_width(ctx.look.stroke),
        ))
        .map_err(drawing)?;
        mark(root, n, (x + sample / 2, y), ctx.look.mark as i32, c)?;
        root.draw(&Text::new(
            name.to_string(),
            (x + sample + 8, y),
            style.pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(drawing)?;
        x += sample + 8 + w + 22;
    }
    Ok(())
}
