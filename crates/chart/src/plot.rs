//! Painting: the grid of panels (one per measure, each with its own y axis), the title, the
//! note, and in each panel the gap bands, the mesh, the line runs, the points and the latest
//! value. Generic over the plotters backend: the same painting makes the SVG and the PNG.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::axis::{number, year_ticks, Ticked, YAxis};
use crate::error::{drawing, ChartError};
use crate::series::{runs, year_span, Series};
use crate::text::{fit, size_to_fit};

/// The CSS family list written into SVG (Chinese labels).
pub(crate) const CJK_FAMILY: &str =
    "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, \
     Hiragino Sans GB, WenQuanYi Micro Hei, Noto Sans SC, SimHei, sans-serif";
/// The family named for English labels (PNG only: the name is not used to find the font).
pub(crate) const LATIN_FAMILY: &str = "sans-serif";

/// Pixel geometry of the grid of panels.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Layout {
    pub size: (u32, u32),
    cols: usize,
    rows: usize,
    header: u32,
    footer: u32,
}

impl Layout {
    pub fn new(n: usize) -> Layout {
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
        let (header, footer) = (72, 44);
        Layout {
            size: (width, header + footer + panel_h * rows as u32),
            cols,
            rows,
            header,
            footer,
        }
    }
}

/// Which labels the chart writes (Chinese or English) and the font family it names.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextSetup {
    pub chinese: bool,
    pub family: &'static str,
}

const PALETTE: [RGBColor; 14] = [
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
/// Text sizes in plotters' units (the em in pixels is the size / 1.24).
const TITLE_SIZE: f64 = 34.0;
const CAPTION_SIZE: f64 = 21.0;
const TICK_SIZE: f64 = 17.0;
const NOTE_SIZE: f64 = 18.0;
const INK: RGBColor = RGBColor(33, 33, 33);
const MUTED: RGBColor = RGBColor(110, 110, 110);
const GRID: RGBColor = RGBColor(226, 226, 226);
const AXIS: RGBColor = RGBColor(160, 160, 160);
const GAP_BAND: RGBColor = RGBColor(236, 236, 236);

pub(crate) fn paint<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    layout: &Layout,
    text: &TextSetup,
    title_zh: &str,
    title_en: &str,
    series: &[Series],
) -> Result<(), ChartError> {
    root.fill(&WHITE).map_err(drawing)?;
    let (w, h) = layout.size;
    let (header, rest) = root.split_vertically(layout.header);
    let (body, footer) = rest.split_vertically(h - layout.header - layout.footer);

    let title = if text.chinese { title_zh } else { title_en };
    let title_style = (
        text.family,
        size_to_fit(title, TITLE_SIZE, w),
        FontStyle::Bold,
    )
        .into_font()
        .color(&INK)
        .pos(Pos::new(HPos::Center, VPos::Center));
    header
        .draw(&Text::new(
            title.to_string(),
            (w as i32 / 2, layout.header as i32 / 2 + 4),
            title_style,
        ))
        .map_err(drawing)?;

    let note = if text.chinese {
        "每个小图有各自的纵轴；比率以百分比表示；灰色竖条 = 该年无可比数据（序列中断）"
    } else {
        "Each panel has its own y axis; rates in percent; grey band = no comparable value that year (a break in the series)"
    };
    let note_style = TextStyle::from((text.family, size_to_fit(note, NOTE_SIZE, w)).into_font())
        .color(&MUTED)
        .pos(Pos::new(HPos::Center, VPos::Center));
    footer
        .draw(&Text::new(
            note.to_string(),
            (w as i32 / 2, layout.footer as i32 / 2),
            note_style,
        ))
        .map_err(drawing)?;

    let (first, last) = year_span(series);
    let panels = body
        .margin(0, 4, 12, 12)
        .split_evenly((layout.rows, layout.cols));
    for (i, (area, s)) in panels.iter().zip(series).enumerate() {
        panel(area, s, PALETTE[i % PALETTE.len()], text, (first, last))?;
    }
    Ok(())
}

fn panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &Series,
    color: RGBColor,
    text: &TextSetup,
    (first, last): (i32, i32),
) -> Result<(), ChartError> {
    let scale = if s.is_rate { 100.0 } else { 1.0 };
    let mut points: Vec<(i32, Option<f64>)> = s
        .points
        .iter()
        .map(|&(y, v)| (y, v.filter(|v| v.is_finite()).map(|v| v * scale)))
        .collect();
    points.sort_by_key(|p| p.0);
    let values: Vec<f64> = points.iter().filter_map(|p| p.1).collect();
    let integral = !s.is_rate && values.iter().all(|v| v.fract() == 0.0);
    let axis = YAxis::new(&values, integral, s.is_rate);

    let (pw, _) = area.dim_in_pixel();
    let label = if text.chinese {
        &s.label_zh
    } else {
        &s.label_en
    };
    let caption = fit(
        &format!("{label}{}", if s.is_rate { " (%)" } else { "" }),
        pw.saturating_sub(24) as f64 / (CAPTION_SIZE / 1.24),
    );

    let x_range = (first as f64 - 0.4)..(last as f64 + 0.4);
    let years = year_ticks(first, last, (pw.saturating_sub(80) / 46).max(2) as usize);
    let y_range = axis.lo..axis.hi;

    let mut chart = ChartBuilder::on(area)
        .margin(6)
        .margin_right(18)
        .caption(
            caption,
            TextStyle::from((text.family, CAPTION_SIZE).into_font()).color(&INK),
        )
        .x_label_area_size(30)
        .y_label_area_size(72)
        .build_cartesian_2d(
            Ticked {
                range: x_range,
                ticks: years,
            },
            Ticked {
                range: y_range,
                ticks: axis.ticks.clone(),
            },
        )
        .map_err(drawing)?;

    // Years without a comparable value (None, or no point at all): a light band behind the mesh.
    let gaps = (first..=last)
        .filter(|y| !points.iter().any(|p| p.0 == *y && p.1.is_some()))
        .map(f64::from);
    chart
        .draw_series(
            gaps.map(|x| {
                Rectangle::new([(x - 0.5, axis.lo), (x + 0.5, axis.hi)], GAP_BAND.filled())
            }),
        )
        .map_err(drawing)?;

    let decimals = axis.decimals;
    let rate = s.is_rate;
    chart
        .configure_mesh()
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| number(*y, decimals, rate))
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .axis_style(AXIS)
        .label_style(TextStyle::from((text.family, TICK_SIZE).into_font()).color(&MUTED))
        .draw()
        .map_err(drawing)?;

    let style = ShapeStyle::from(&color).stroke_width(2);
    for run in runs(&points) {
        chart
            .draw_series(LineSeries::new(run, style))
            .map_err(drawing)?;
    }
    let marks = points.iter().filter_map(|&(y, v)| v.map(|v| (y as f64, v)));
    chart
        .draw_series(marks.map(|p| Circle::new(p, 4, color.filled())))
        .map_err(drawing)?;

    // The latest value, written beside its point.
    if let Some(&(y, Some(v))) = points.iter().rev().find(|p| p.1.is_some()) {
        let label_style = TextStyle::from((text.family, TICK_SIZE).into_font())
            .color(&color)
            .pos(Pos::new(HPos::Right, VPos::Bottom));
        let shown = number(v, axis.decimals.max(if rate { 1 } else { 0 }), rate);
        chart
            .draw_series(std::iter::once(
                EmptyElement::at((y as f64, v)) + Text::new(shown, (-6, -6), label_style),
            ))
            .map_err(drawing)?;
    }
    if values.is_empty() {
        let msg = if text.chinese {
            "无可比数据"
        } else {
            "no comparable value"
        };
        let style = TextStyle::from((text.family, NOTE_SIZE).into_font())
            .color(&MUTED)
            .pos(Pos::new(HPos::Center, VPos::Center));
        let mid = ((first + last) as f64 / 2.0, (axis.lo + axis.hi) / 2.0);
        chart
            .draw_series(std::iter::once(Text::new(msg.to_string(), mid, style)))
            .map_err(drawing)?;
    }
    Ok(())
}
