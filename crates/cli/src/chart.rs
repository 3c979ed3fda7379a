//! Trend charts: small multiples, one panel per measure, each with its own y axis.
//!
//! Counts and rates differ in scale by orders of magnitude, so every series gets its own small
//! panel in a grid (rates in percent). Years are integer ticks; a `None` value is a break in the
//! series, drawn as a gap over a light grey band, never as a drop to zero.
//!
//! Text: SVG writes `<text>` with a CSS font-family list, so the viewer's CJK font shows the
//! Chinese labels; a CJK font file found here only sharpens the layout metrics. PNG rasterises
//! text itself with `ab_glyph` from a font file found at run time (see [`font_dirs`]): Chinese
//! labels when a CJK font is found, else English labels with any Latin font; `GONGKAI_FONT` names
//! a font file to try first. plotters is built without a font engine: every text measure and PNG
//! glyph goes through [`TextBackend`].

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use ab_glyph::{Font as _, ScaleFont as _};
use anyhow::{anyhow, bail, Context, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};

/// One line of the chart: a measure's values by year; None = no comparable value (a break in the series: draw a gap, never a drop to zero).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label_zh: String,
    pub label_en: String,
    pub points: Vec<(i32, Option<f64>)>,
    pub is_rate: bool,
}

/// What was drawn, for the message the CLI prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawn {
    pub chinese: bool,
    pub font: Option<PathBuf>,
}

/// Draws `series` into `path` (.svg or .png, by extension; anything else is an error), atomically
/// (render in memory, write a temp file in the same folder, rename).
pub fn draw(path: &Path, title_zh: &str, title_en: &str, series: &[Series]) -> Result<Drawn> {
    draw_with(path, title_zh, title_en, series, fonts())
}

/// The CSS family list written into SVG (Chinese labels).
const CJK_FAMILY: &str = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, \
                          Hiragino Sans GB, WenQuanYi Micro Hei, Noto Sans SC, SimHei, sans-serif";
/// The family named for English labels (PNG only: the name is not used to find the font).
const LATIN_FAMILY: &str = "sans-serif";
/// Characters a font must have to count as CJK.
const CJK_PROBE: &str = "政府信息公开申请数量率年";
/// Characters a font must have to draw English labels.
const LATIN_PROBE: &str = "Aaz09%.";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Svg,
    Png,
}

fn draw_with(
    path: &Path,
    title_zh: &str,
    title_en: &str,
    series: &[Series],
    fonts: &Fonts,
) -> Result<Drawn> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let format = match ext.as_deref() {
        Some("svg") => Format::Svg,
        Some("png") => Format::Png,
        _ => bail!(
            "chart {}: the file name must end in .svg or .png",
            path.display()
        ),
    };
    if series.is_empty() {
        bail!("chart {}: no measure to draw", path.display());
    }
    let layout = Layout::new(series.len());
    let (bytes, drawn) = match format {
        Format::Svg => {
            // The viewer's fonts render the text: Chinese labels with a CJK family list. A CJK
            // font found here gives the layout its metrics, else character widths estimate them.
            let font = fonts.cjk.as_ref();
            let text = TextSetup {
                chinese: true,
                family: CJK_FAMILY,
            };
            let mut svg = String::new();
            {
                let backend = TextBackend {
                    inner: SVGBackend::with_string(&mut svg, layout.size),
                    font: font.map(|f| &f.font),
                    raster: false,
                };
                let root = backend.into_drawing_area();
                paint(&root, &layout, &text, title_zh, title_en, series)?;
                root.present().map_err(plot_err)?;
            }
            (
                svg.into_bytes(),
                Drawn {
                    chinese: true,
                    font: font.map(|f| f.path.clone()),
                },
            )
        }
        Format::Png => {
            let (font, text) = match (&fonts.cjk, &fonts.latin) {
                (Some(f), _) => (f, TextSetup { chinese: true, family: CJK_FAMILY }),
                (None, Some(f)) => (f, TextSetup { chinese: false, family: LATIN_FAMILY }),
                (None, None) => bail!(
                    "chart {}: a PNG needs a font file for its text and none was found under {}; \
                     install fonts-noto-cjk, set GONGKAI_FONT to a .ttf/.otf/.ttc file, or write an .svg chart",
                    path.display(),
                    font_dirs().iter().map(|d| d.display().to_string()).collect::<Vec<_>>().join(", ")
                ),
            };
            let (w, h) = layout.size;
            let mut rgb = vec![0u8; w as usize * h as usize * 3];
            {
                let backend = TextBackend {
                    inner: BitMapBackend::with_buffer(&mut rgb, layout.size),
                    font: Some(&font.font),
                    raster: true,
                };
                let root = backend.into_drawing_area();
                paint(&root, &layout, &text, title_zh, title_en, series)?;
                root.present().map_err(plot_err)?;
            }
            (
                encode_png(&rgb, layout.size)?,
                Drawn {
                    chinese: text.chinese,
                    font: Some(font.path.clone()),
                },
            )
        }
    };
    write_atomic(path, &bytes)?;
    Ok(drawn)
}

fn plot_err<E: std::fmt::Display>(e: E) -> anyhow::Error {
    anyhow!("drawing the chart: {e}")
}

fn encode_png(rgb: &[u8], (w, h): (u32, u32)) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc.write_header().context("encoding the PNG")?;
    writer.write_image_data(rgb).context("encoding the PNG")?;
    writer.finish().context("encoding the PNG")?;
    Ok(out)
}

/// Writes `bytes` to a temp file beside `path`, then renames it over `path`.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .with_context(|| format!("chart {}: no file name", path.display()))?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.{}-{}.tmp",
        name.to_string_lossy(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("writing chart {}", path.display()));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Layout and painting

/// Pixel geometry of the grid of panels.
#[derive(Debug, Clone, Copy)]
struct Layout {
    size: (u32, u32),
    cols: usize,
    rows: usize,
    header: u32,
    footer: u32,
}

impl Layout {
    fn new(n: usize) -> Layout {
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

#[derive(Debug, Clone, Copy)]
struct TextSetup {
    chinese: bool,
    family: &'static str,
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

fn paint<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    layout: &Layout,
    text: &TextSetup,
    title_zh: &str,
    title_en: &str,
    series: &[Series],
) -> Result<()> {
    root.fill(&WHITE).map_err(plot_err)?;
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
        .map_err(plot_err)?;

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
        .map_err(plot_err)?;

    let (first, last) = year_span(series);
    let panels = body
        .margin(0, 4, 12, 12)
        .split_evenly((layout.rows, layout.cols));
    for (i, (area, s)) in panels.iter().zip(series).enumerate() {
        panel(area, s, PALETTE[i % PALETTE.len()], text, (first, last))?;
    }
    Ok(())
}

/// `size`, or smaller if a line of `text` would not fit in `width` pixels less a margin.
fn size_to_fit(text: &str, size: f64, width: u32) -> f64 {
    let ems: f64 = text.chars().map(char_em).sum();
    let fits = f64::from(width.saturating_sub(40)) / ems.max(1.0) * 1.24;
    size.min(fits).max(10.0)
}

/// First and last year over all series (a single year if there is no point at all).
fn year_span(series: &[Series]) -> (i32, i32) {
    let years = series.iter().flat_map(|s| s.points.iter().map(|p| p.0));
    let first = years.clone().min().unwrap_or(2000);
    let last = years.max().unwrap_or(first);
    (first, last)
}

fn panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &Series,
    color: RGBColor,
    text: &TextSetup,
    (first, last): (i32, i32),
) -> Result<()> {
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
        .map_err(plot_err)?;

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
        .map_err(plot_err)?;

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
        .map_err(plot_err)?;

    let style = ShapeStyle::from(&color).stroke_width(2);
    for run in runs(&points) {
        chart
            .draw_series(LineSeries::new(run, style))
            .map_err(plot_err)?;
    }
    let marks = points.iter().filter_map(|&(y, v)| v.map(|v| (y as f64, v)));
    chart
        .draw_series(marks.map(|p| Circle::new(p, 4, color.filled())))
        .map_err(plot_err)?;

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
            .map_err(plot_err)?;
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
            .map_err(plot_err)?;
    }
    Ok(())
}

/// A linear f64 axis with exactly the given ticks (plotters' own picks fractional years).
#[derive(Debug, Clone)]
struct Ticked {
    range: std::ops::Range<f64>,
    ticks: Vec<f64>,
}

impl Ranged for Ticked {
    type FormatOption = plotters::coord::ranged1d::DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let span = self.range.end - self.range.start;
        if span <= 0.0 {
            return (limit.0 + limit.1) / 2;
        }
        let t = (value - self.range.start) / span;
        limit.0 + ((limit.1 - limit.0) as f64 * t).round() as i32
    }
    fn key_points<H: plotters::coord::ranged1d::KeyPointHint>(&self, _hint: H) -> Vec<f64> {
        self.ticks.clone()
    }
    fn range(&self) -> std::ops::Range<f64> {
        self.range.clone()
    }
}

/// Consecutive years with a value: each becomes one unbroken line.
fn runs(points: &[(i32, Option<f64>)]) -> Vec<Vec<(f64, f64)>> {
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

/// Year ticks from `first` to `last`, thinned to at most `max` labels, always ending on `last`.
fn year_ticks(first: i32, last: i32, max: usize) -> Vec<f64> {
    let n = (last - first) as usize + 1;
    let step = n.div_ceil(max.max(1)).max(1) as i32;
    let mut ticks: Vec<f64> = (first..=last)
        .filter(|y| (last - y) % step == 0)
        .map(f64::from)
        .collect();
    ticks.sort_by(f64::total_cmp);
    ticks
}

/// A panel's y axis: round ticks that cover the data, and a little room around them.
#[derive(Debug, Clone, PartialEq)]
struct YAxis {
    lo: f64,
    hi: f64,
    ticks: Vec<f64>,
    decimals: usize,
}

impl YAxis {
    fn new(values: &[f64], integral: bool, rate: bool) -> YAxis {
        let (mut lo, mut hi) = values
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            });
        if values.is_empty() {
            (lo, hi) = (0.0, if rate { 100.0 } else { 1.0 });
        }
        let non_negative = lo >= 0.0;
        // Counts and rates near zero read best from a zero baseline.
        if non_negative && lo <= hi * 0.5 {
            lo = 0.0;
        }
        if hi - lo < 1e-9 {
            let pad = if hi.abs() > 1e-9 { hi.abs() * 0.1 } else { 1.0 };
            (lo, hi) = (lo - pad, hi + pad);
            if non_negative {
                lo = lo.max(0.0);
            }
        }
        let step = nice_step((hi - lo) / 4.0, integral);
        let first = (lo / step).floor() * step;
        let last = (hi / step).ceil() * step;
        let n = ((last - first) / step).round() as usize;
        let ticks: Vec<f64> = (0..=n).map(|i| first + i as f64 * step).collect();
        let span = last - first;
        let decimals = if step >= 1.0 {
            0
        } else {
            (-step.log10()).ceil() as usize
        };
        YAxis {
            lo: first - span * 0.04,
            hi: last + span * 0.1,
            ticks,
            decimals,
        }
    }
}

/// The smallest of 1, 2, 2.5, 5 × 10ⁿ at least `raw` (no steps below 1 or of 2.5 for counts).
fn nice_step(raw: f64, integral: bool) -> f64 {
    let raw = if raw.is_finite() && raw > 0.0 {
        raw
    } else {
        1.0
    };
    let mag = 10f64.powf(raw.log10().floor());
    let mults: &[f64] = if integral && mag <= 1.0 {
        &[1.0, 2.0, 5.0, 10.0]
    } else {
        &[1.0, 2.0, 2.5, 5.0, 10.0]
    };
    let step = mults
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * mag);
    if integral {
        step.max(1.0)
    } else {
        step
    }
}

/// `v` with `decimals` places, thousands grouped, and a % sign for rates.
fn number(v: f64, decimals: usize, rate: bool) -> String {
    let s = format!("{v:.decimals$}");
    let s = if s
        .trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        s.trim_start_matches('-').to_string()
    } else {
        s
    };
    let (sign, rest) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let mut out = format!("{sign}{grouped}");
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    if rate {
        out.push('%');
    }
    out
}

/// `s` cut to about `ems` em widths (a CJK character is one em), with an ellipsis if cut.
fn fit(s: &str, ems: f64) -> String {
    let mut width = 0.0;
    let mut out = String::new();
    for c in s.chars() {
        width += char_em(c);
        if width > ems {
            out.pop();
            out.push('…');
            return out;
        }
        out.push(c);
    }
    out
}

/// Rough advance of `c` in ems: full width for CJK and full-width forms, about half otherwise.
fn char_em(c: char) -> f64 {
    match c as u32 {
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 => 1.0,
        0x20000..=0x3FFFD => 1.0,
        _ if c.is_ascii_uppercase() || c == '%' || c == '…' => 0.66,
        _ => 0.55,
    }
}

// ---------------------------------------------------------------------------------------------
// Text: measured with the font found here (or estimated from character widths without one);
// drawn by the inner backend (SVG `<text>`) or rasterised here (PNG).

/// Wraps a plotters backend to take over its text. plotters' own `ab_glyph` drawing drops each
/// glyph's side bearing, which spaces CJK punctuation and some ideographs unevenly.
struct TextBackend<'f, B> {
    inner: B,
    font: Option<&'f ab_glyph::FontVec>,
    /// Draw glyphs as pixels (bitmap backends) rather than asking the inner backend.
    raster: bool,
}

/// A font at a plotters text size: em = size / 1.24, as plotters' SVG backend writes it.
fn scaled(font: &ab_glyph::FontVec, size: f64) -> ab_glyph::PxScaleFont<&ab_glyph::FontVec> {
    let em = (size / 1.24) as f32;
    let upem = font.units_per_em().unwrap_or(1000.0);
    font.as_scaled(ab_glyph::PxScale::from(em * font.height_unscaled() / upem))
}

/// Pen advance of `text` in pixels, kerning included.
fn advance(font: &ab_glyph::PxScaleFont<&ab_glyph::FontVec>, text: &str) -> f32 {
    let mut prev = None;
    let mut x = 0.0;
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(p) = prev {
            x += font.kern(p, id);
        }
        x += font.h_advance(id);
        prev = Some(id);
    }
    x
}

impl<B: DrawingBackend> TextBackend<'_, B> {
    fn raster_text<T: BackendTextStyle>(
        &mut self,
        font: &ab_glyph::FontVec,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        let color = style.color();
        let sf = scaled(font, style.size());
        let (width, height) = (advance(&sf, text), sf.ascent() - sf.descent());
        let anchor = style.anchor();
        let left = pos.0 as f32
            - match anchor.h_pos {
                HPos::Left => 0.0,
                HPos::Center => width / 2.0,
                HPos::Right => width,
            };
        let top = pos.1 as f32
            - match anchor.v_pos {
                VPos::Top => 0.0,
                VPos::Center => height / 2.0,
                VPos::Bottom => height,
            };
        let baseline = top + sf.ascent();
        let bold = matches!(style.style(), FontStyle::Bold);
        let (mut pen, mut prev) = (left, None);
        for c in text.chars() {
            let id = sf.glyph_id(c);
            if let Some(p) = prev {
                pen += sf.kern(p, id);
            }
            let glyph = id.with_scale_and_position(sf.scale(), ab_glyph::point(pen, baseline));
            pen += sf.h_advance(id);
            prev = Some(id);
            let Some(outline) = font.outline_glyph(glyph) else {
                continue;
            };
            let bounds = outline.px_bounds();
            let mut result = Ok(());
            // Bold without a bold face: the glyph twice, one pixel apart.
            for dx in 0..=i32::from(bold) {
                outline.draw(|x, y, coverage| {
                    if result.is_ok() && coverage > 0.0 {
                        let at = (
                            bounds.min.x as i32 + x as i32 + dx,
                            bounds.min.y as i32 + y as i32,
                        );
                        let ink = BackendColor {
                            alpha: color.alpha * f64::from(coverage.min(1.0)),
                            rgb: color.rgb,
                        };
                        result = self.inner.draw_pixel(at, ink);
                    }
                });
            }
            result?;
        }
        Ok(())
    }
}

impl<B: DrawingBackend> DrawingBackend for TextBackend<'_, B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }
    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let width = style.stroke_width();
        if !self.raster || width <= 1 {
            return self.inner.draw_path(path, style);
        }
        // plotters' bitmap path drops to one pixel on steep segments: a quad per segment and
        // a round join at each vertex instead.
        let points: Vec<BackendCoord> = path.into_iter().collect();
        let half = f64::from(width) / 2.0;
        let color = style.color();
        for pair in points.windows(2) {
            let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
            let (dx, dy) = (f64::from(x1 - x0), f64::from(y1 - y0));
            let len = dx.hypot(dy);
            if len == 0.0 {
                continue;
            }
            let (nx, ny) = (-dy / len * half, dx / len * half);
            let at = |x: i32, y: i32, s: f64| {
                (
                    (f64::from(x) + s * nx).round() as i32,
                    (f64::from(y) + s * ny).round() as i32,
                )
            };
            let quad = [
                at(x0, y0, 1.0),
                at(x1, y1, 1.0),
                at(x1, y1, -1.0),
                at(x0, y0, -1.0),
            ];
            self.inner.fill_polygon(quad, &color)?;
        }
        for &p in &points {
            self.inner
                .draw_circle(p, (width / 2).max(1), &color, true)?;
        }
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        match self.font {
            Some(font) if self.raster && matches!(style.transform(), FontTransform::None) => {
                self.raster_text(font, text, style, pos)
            }
            _ => self.inner.draw_text(text, style, pos),
        }
    }
    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        let (width, height) = match self.font {
            Some(font) => {
                let sf = scaled(font, style.size());
                (advance(&sf, text), sf.ascent() - sf.descent())
            }
            None => {
                // Without a font file: the em is the nominal size / 1.24, as plotters writes it.
                let em = style.size() / 1.24;
                (
                    (text.chars().map(char_em).sum::<f64>() * em) as f32,
                    em as f32,
                )
            }
        };
        Ok((width.ceil() as u32, height.ceil() as u32))
    }
    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.blit_bitmap(pos, size, src)
    }
}

// ---------------------------------------------------------------------------------------------
// Fonts: found once per process.

struct LoadedFont {
    path: PathBuf,
    /// The family name of the face loaded (a collection holds several).
    face: Option<String>,
    font: ab_glyph::FontVec,
}

impl std::fmt::Debug for LoadedFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoadedFont")
            .field("path", &self.path)
            .field("face", &self.face)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Default)]
struct Fonts {
    /// A font with CJK glyphs (it has Latin glyphs too).
    cjk: Option<LoadedFont>,
    /// A Latin font, looked for only when there is no CJK font.
    latin: Option<LoadedFont>,
}

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(find_fonts)
}

fn find_fonts() -> Fonts {
    let files = font_files();
    let explicit = std::env::var_os("GONGKAI_FONT").map(PathBuf::from);
    let mut cjk_candidates: Vec<(u32, u32, &PathBuf)> = files
        .iter()
        .filter_map(|p| cjk_rank(p).map(|r| (r, weight_penalty(p), p)))
        .collect();
    cjk_candidates.sort();
    let cjk_order = explicit
        .iter()
        .chain(cjk_candidates.into_iter().map(|c| c.2));
    if let Some(font) = cjk_order.into_iter().find_map(|p| load_font(p, CJK_PROBE)) {
        return Fonts {
            cjk: Some(font),
            latin: None,
        };
    }
    let mut latin_candidates: Vec<(u32, u32, &PathBuf)> = files
        .iter()
        .map(|p| (latin_rank(p), weight_penalty(p), p))
        .collect();
    latin_candidates.sort();
    let latin_order = explicit
        .iter()
        .chain(latin_candidates.into_iter().map(|c| c.2));
    let latin = latin_order
        .into_iter()
        .find_map(|p| load_font(p, LATIN_PROBE));
    Fonts { cjk: None, latin }
}

/// Folders searched for font files, in order.
fn font_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        "/Library/Fonts",
        "/System/Library/Fonts",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    if let Some(home) = std::env::var_os("HOME") {
        let home = PathBuf::from(home);
        dirs.extend([
            home.join(".local/share/fonts"),
            home.join(".fonts"),
            home.join("Library/Fonts"),
        ]);
    }
    if let Some(windir) = std::env::var_os("WINDIR") {
        dirs.push(PathBuf::from(windir).join("Fonts"));
    }
    dirs
}

/// Every .ttf, .otf and .ttc file under the font folders (a few levels deep), sorted.
fn font_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() || (kind.is_symlink() && path.is_dir()) {
                if depth < 6 {
                    walk(&path, depth + 1, out);
                }
            } else {
                let ext = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .map(str::to_ascii_lowercase);
                if matches!(ext.as_deref(), Some("ttf" | "otf" | "ttc")) {
                    out.push(path);
                }
            }
        }
    }
    let mut out = Vec::new();
    for dir in font_dirs() {
        walk(&dir, 0, &mut out);
    }
    out.sort();
    out.dedup();
    out
}

fn lower_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// How good a CJK font a file name suggests (lower is better); `None` if it suggests none.
fn cjk_rank(p: &Path) -> Option<u32> {
    let name = lower_name(p);
    let has = |keys: &[&str]| keys.iter().any(|k| name.contains(k));
    if has(&[
        "notosanscjk",
        "sourcehansans",
        "notosanssc",
        "notosans-sc",
        "source-han-sans",
    ]) {
        Some(0)
    } else if has(&[
        "wqy-microhei",
        "wqy-zenhei",
        "wenquanyi",
        "msyh",
        "yahei",
        "pingfang",
        "hiragino sans gb",
        "stheiti",
        "simhei",
    ]) {
        Some(1)
    } else if has(&[
        "notoserifcjk",
        "sourcehanserif",
        "notoserifsc",
        "source-han-serif",
    ]) {
        Some(2)
    } else if has(&[
        "droidsansfallback",
        "uming",
        "ukai",
        "simsun",
        "songti",
        "kaiti",
        "fangsong",
        "arphic",
        "cjk",
        "wqy",
    ]) {
        Some(3)
    } else {
        None
    }
}

/// How good a Latin sans font a file name suggests (lower is better).
fn latin_rank(p: &Path) -> u32 {
    let name = lower_name(p);
    if name == "dejavusans.ttf" || name.starts_with("liberationsans-regular") || name == "arial.ttf"
    {
        0
    } else if name.contains("sans") && !name.contains("mono") {
        1
    } else {
        2
    }
}

/// Regular upright sans faces first.
fn weight_penalty(p: &Path) -> u32 {
    let name = lower_name(p);
    let off = [
        "bold",
        "black",
        "heavy",
        "light",
        "thin",
        "medium",
        "semi",
        "demi",
        "extra",
        "italic",
        "oblique",
        "mono",
        "condensed",
    ];
    off.iter().filter(|k| name.contains(*k)).count() as u32
}

/// Reads `path`, picks its best face for `probe` (in a collection, a Simplified Chinese face if
/// there is one), and loads that face.
fn load_font(path: &Path, probe: &str) -> Option<LoadedFont> {
    let data = std::fs::read(path).ok()?;
    let faces = collection_faces(&data);
    let covers = |index: u32| {
        ab_glyph::FontRef::try_from_slice_and_index(&data, index)
            .map(|f| probe.chars().all(|c| f.glyph_id(c).0 != 0))
            .unwrap_or(false)
    };
    let index = match &faces {
        None => covers(0).then_some(0)?,
        Some(offsets) => {
            let mut good: Vec<(u32, u32)> = (0..offsets.len() as u32)
                .filter(|&i| covers(i))
                .map(|i| {
                    (
                        face_preference(
                            family_name(&data, offsets[i as usize] as usize).as_deref(),
                        ),
                        i,
                    )
                })
                .collect();
            good.sort();
            good.first()?.1
        }
    };
    let face = match &faces {
        Some(offsets) => family_name(&data, offsets[index as usize] as usize),
        None => family_name(&data, 0),
    };
    let font = ab_glyph::FontVec::try_from_vec_and_index(data, index).ok()?;
    Some(LoadedFont {
        path: path.to_path_buf(),
        face,
        font,
    })
}

/// The offsets of the faces of a TrueType/OpenType collection; `None` for a single font.
fn collection_faces(data: &[u8]) -> Option<Vec<u32>> {
    if data.get(0..4)? != b"ttcf" {
        return None;
    }
    let n = be_u32(data, 8)? as usize;
    (0..n.min(64)).map(|i| be_u32(data, 12 + 4 * i)).collect()
}

/// Lower is better: a Simplified Chinese face, then any other; monospaced faces last.
fn face_preference(name: Option<&str>) -> u32 {
    let name = name.unwrap_or("");
    let simplified = name.ends_with(" SC")
        || name.contains(" SC ")
        || name.contains("GB")
        || name.contains("Micro Hei");
    u32::from(name.contains("Mono")) * 2 + u32::from(!simplified)
}

/// The family name (name ID 1) of the face whose table directory starts at `face`.
fn family_name(data: &[u8], face: usize) -> Option<String> {
    let tables = be_u16(data, face + 4)? as usize;
    let name_table = (0..tables).find_map(|i| {
        let rec = face + 12 + 16 * i;
        (data.get(rec..rec + 4)? == b"name")
            .then(|| be_u32(data, rec + 8))
            .flatten()
    })? as usize;
    let count = be_u16(data, name_table + 2)? as usize;
    let strings = name_table + be_u16(data, name_table + 4)? as usize;
    let mut fallback = None;
    for i in 0..count {
        let rec = name_table + 6 + 12 * i;
        let (platform, name_id) = (be_u16(data, rec)?, be_u16(data, rec + 6)?);
        let (len, off) = (
            be_u16(data, rec + 8)? as usize,
            be_u16(data, rec + 10)? as usize,
        );
        if name_id != 1 {
            continue;
        }
        let raw = data.get(strings + off..strings + off + len)?;
        match platform {
            0 | 3 => {
                let units: Vec<u16> = raw
                    .chunks_exact(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect();
                return Some(String::from_utf16_lossy(&units));
            }
            1 => fallback = Some(raw.iter().map(|&b| b as char).collect()),
            _ => {}
        }
    }
    fallback
}

fn be_u16(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn be_u32(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(n: usize) -> Vec<Series> {
        let names = [
            (
                "本年新收政府信息公开申请数量",
                "requests.new_received.total",
                false,
            ),
            ("予以公开", "requests.granted.total", false),
            ("部分公开", "requests.partially_granted.total", false),
            ("不予公开", "requests.withheld.total", false),
            ("行政复议", "appeals.reconsideration.total", false),
            ("未经复议直接起诉", "appeals.litigation_direct.total", false),
            (
                "复议后起诉",
                "appeals.litigation_after_reconsideration.total",
                false,
            ),
            ("公开率", "rate.disclosure", true),
            ("不予公开占比", "rate.withheld", true),
            ("无此信息占比", "rate.not_held", true),
            ("不予处理占比", "rate.not_processed", true),
            ("复议纠错率", "rate.reconsideration_corrected", true),
            ("诉讼纠错率", "rate.litigation_corrected", true),
            ("自然人申请占比", "rate.natural_person", true),
        ];
        names
            .iter()
            .take(n)
            .enumerate()
            .map(|(i, &(zh, en, rate))| {
                let points = (2019..=2023)
                    .map(|y| {
                        let k = (y - 2019) as f64;
                        // 2021 has no comparable value in every third series, the rest are full.
                        let v = if rate {
                            0.4 + 0.05 * k + 0.02 * i as f64
                        } else {
                            1200.0 + 310.0 * k - 37.0 * i as f64 * k
                        };
                        (y, (!(y == 2021 && i % 3 == 0)).then_some(v))
                    })
                    .collect();
                Series {
                    label_zh: zh.to_string(),
                    label_en: en.to_string(),
                    points,
                    is_rate: rate,
                }
            })
            .collect()
    }

    fn temp_dir(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("gongkai-chart-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    const TITLE_ZH: &str = "兰州市 政府信息公开 2019–2023";
    const TITLE_EN: &str = "Lanzhou government information disclosure 2019–2023";

    /// The contents of the SVG's `<text>` elements, trimmed.
    fn svg_texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| {
                let body = &t[t.find('>')? + 1..t.find("</text>")?];
                Some(body.trim().to_string())
            })
            .collect()
    }

    /// Not a check: writes /tmp/chart-test.png and .svg to look at.
    #[test]
    #[ignore]
    fn chart_demo() {
        let mut s = sample(14);
        s[0].points[4].1 = None;
        draw(Path::new("/tmp/chart-test.png"), TITLE_ZH, TITLE_EN, &s).unwrap();
        draw(Path::new("/tmp/chart-test.svg"), TITLE_ZH, TITLE_EN, &s).unwrap();
        draw(
            Path::new("/tmp/chart-test-3.png"),
            TITLE_ZH,
            TITLE_EN,
            &s[5..8],
        )
        .unwrap();
        // Edge cases: a long span, small counts, one lone value, nothing comparable.
        let long =
            |f: &dyn Fn(i32) -> Option<f64>| (2008..=2024).map(|y| (y, f(y))).collect::<Vec<_>>();
        let edge = vec![
            Series {
                label_zh: "行政复议·纠正".into(),
                label_en: "appeals.reconsideration.corrected".into(),
                points: long(&|y| Some(f64::from((y * 7) % 4))),
                is_rate: false,
            },
            Series {
                label_zh: "复议纠错率".into(),
                label_en: "rate.reconsideration_corrected".into(),
                points: long(&|y| (y == 2015).then_some(0.125)),
                is_rate: true,
            },
            Series {
                label_zh: "不予处理占比".into(),
                label_en: "rate.not_processed".into(),
                points: long(&|_| None),
                is_rate: true,
            },
            Series {
                label_zh: "收费金额（万元）".into(),
                label_en: "fees".into(),
                points: long(&|y| Some(0.05 * f64::from(y - 2000))),
                is_rate: false,
            },
        ];
        draw(
            Path::new("/tmp/chart-test-edge.png"),
            "边界情况 2008–2024",
            "Edge cases 2008–2024",
            &edge,
        )
        .unwrap();
        let latin = font_files()
            .into_iter()
            .find(|p| latin_rank(p) == 0)
            .unwrap();
        let fonts = Fonts {
            cjk: None,
            latin: load_font(&latin, LATIN_PROBE),
        };
        draw_with(
            Path::new("/tmp/chart-test-en.png"),
            TITLE_ZH,
            TITLE_EN,
            &s[..7],
            &fonts,
        )
        .unwrap();
    }

    #[test]
    fn chart_svg_for_3_to_14_series() {
        let dir = temp_dir("svg");
        for n in [3, 7, 14] {
            let path = dir.join(format!("trend-{n}.svg"));
            let drawn = draw(&path, TITLE_ZH, TITLE_EN, &sample(n)).unwrap();
            assert!(
                drawn.chinese,
                "SVG labels are Chinese: the viewer's fonts render them"
            );
            let svg = std::fs::read_to_string(&path).unwrap();
            assert!(svg.starts_with("<svg"), "{}", &svg[..80]);
            assert!(svg.trim_end().ends_with("</svg>"));
            assert!(svg.len() > 2048, "{} bytes", svg.len());
            let texts = svg_texts(&svg);
            for year in 2019..=2023 {
                assert!(
                    texts.contains(&year.to_string()),
                    "year {year} is a tick label"
                );
            }
            assert!(!texts.iter().any(|t| t.starts_with("20") && t.contains('.')));
            assert!(svg.contains("兰州市 政府信息公开 2019–2023"));
            if n >= 8 {
                assert!(texts.contains(&"公开率 (%)".to_string()), "rate caption");
                assert!(texts.iter().any(|t| t.ends_with('%')), "rate ticks");
            }
            assert!(svg.contains("Noto Sans CJK SC"), "CJK font-family list");
            // Balanced text elements: XML-ish.
            assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
        }
        assert!(leftovers(&dir).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn chart_svg_without_any_font_file() {
        let dir = temp_dir("svg-nofont");
        let path = dir.join("trend.SVG");
        let drawn = draw_with(&path, TITLE_ZH, TITLE_EN, &sample(5), &Fonts::default()).unwrap();
        assert_eq!(
            drawn,
            Drawn {
                chinese: true,
                font: None
            }
        );
        let svg = std::fs::read_to_string(&path).unwrap();
        assert!(svg.starts_with("<svg") && svg.contains(TITLE_ZH));
        assert!(svg_texts(&svg).contains(&"2023".to_string()));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn decode_png(path: &Path) -> (u32, u32, Vec<u8>) {
        let bytes = std::fs::read(path).unwrap();
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
            .read_info()
            .unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        buf.truncate(info.buffer_size());
        (info.width, info.height, buf)
    }

    #[test]
    fn chart_png_for_3_to_14_series() {
        let dir = temp_dir("png");
        let fonts = fonts();
        for n in [3, 14] {
            let path = dir.join(format!("trend-{n}.png"));
            match draw(&path, TITLE_ZH, TITLE_EN, &sample(n)) {
                Ok(drawn) => {
                    assert_eq!(drawn.chinese, fonts.cjk.is_some());
                    assert!(drawn.font.is_some());
                    let (w, h, rgb) = decode_png(&path);
                    assert!(
                        (800..=2000).contains(&w) && (400..=2000).contains(&h),
                        "{w}×{h}"
                    );
                    assert!(std::fs::metadata(&path).unwrap().len() > 10_000);
                    // Not blank: white background, dark text, coloured lines.
                    let dark = rgb.chunks(3).filter(|p| p.iter().all(|&c| c < 80)).count();
                    let coloured = rgb.chunks(3).filter(|p| p[0].abs_diff(p[2]) > 60).count();
                    assert!(
                        dark > 500 && coloured > 500,
                        "dark {dark}, coloured {coloured}"
                    );
                }
                Err(e) => {
                    // Only a machine without any font file may refuse a PNG.
                    assert!(fonts.cjk.is_none() && fonts.latin.is_none(), "{e:#}");
                    assert!(format!("{e:#}").contains("font"));
                }
            }
        }
        assert!(leftovers(&dir).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn chart_png_english_with_a_latin_font() {
        let Some(latin) = font_files().into_iter().find(|p| latin_rank(p) == 0) else {
            return;
        };
        let Some(font) = load_font(&latin, LATIN_PROBE) else {
            return;
        };
        let dir = temp_dir("png-en");
        let path = dir.join("trend.png");
        let fonts = Fonts {
            cjk: None,
            latin: Some(font),
        };
        let drawn = draw_with(&path, TITLE_ZH, TITLE_EN, &sample(4), &fonts).unwrap();
        assert_eq!(
            drawn,
            Drawn {
                chinese: false,
                font: Some(latin)
            }
        );
        let (w, h, _) = decode_png(&path);
        assert_eq!((w, h), Layout::new(4).size);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn chart_png_without_any_font_is_an_error() {
        let dir = temp_dir("png-nofont");
        let path = dir.join("trend.png");
        let e = draw_with(&path, TITLE_ZH, TITLE_EN, &sample(3), &Fonts::default()).unwrap_err();
        assert!(format!("{e:#}").contains("fonts-noto-cjk"));
        assert!(!path.exists());
        assert!(leftovers(&dir).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn chart_unknown_extension_is_an_error() {
        let dir = temp_dir("ext");
        for name in ["trend.pdf", "trend", "trend.svg.txt"] {
            let path = dir.join(name);
            let e = draw(&path, TITLE_ZH, TITLE_EN, &sample(3)).unwrap_err();
            assert!(format!("{e:#}").contains(".svg or .png"), "{e:#}");
            assert!(!path.exists());
        }
        assert!(draw(&dir.join("empty.svg"), TITLE_ZH, TITLE_EN, &[]).is_err());
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            0,
            "nothing written"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn chart_replaces_an_existing_file() {
        let dir = temp_dir("replace");
        let path = dir.join("trend.svg");
        std::fs::write(&path, "old").unwrap();
        draw(&path, TITLE_ZH, TITLE_EN, &sample(3)).unwrap();
        assert!(std::fs::read_to_string(&path).unwrap().starts_with("<svg"));
        assert!(leftovers(&dir).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

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

    #[test]
    fn chart_axes_are_round() {
        assert_eq!(
            year_ticks(2019, 2023, 10),
            vec![2019.0, 2020.0, 2021.0, 2022.0, 2023.0]
        );
        assert_eq!(
            year_ticks(2008, 2023, 6),
            vec![2008.0, 2011.0, 2014.0, 2017.0, 2020.0, 2023.0]
        );
        assert_eq!(year_ticks(2023, 2023, 6), vec![2023.0]);
        // Counts: whole steps from zero.
        let a = YAxis::new(&[0.0, 1.0, 3.0], true, false);
        assert_eq!(a.ticks, vec![0.0, 1.0, 2.0, 3.0]);
        assert_eq!(a.decimals, 0);
        let a = YAxis::new(&[1180.0, 1500.0, 2450.0], true, false);
        assert_eq!(a.ticks.first(), Some(&0.0));
        assert!(a.ticks.last().unwrap() >= &2450.0);
        // Rates in percent, close together: not from zero, fractional steps.
        let a = YAxis::new(&[95.2, 96.0, 97.9], false, true);
        assert!(
            a.ticks[0] > 90.0 && a.ticks[0] <= 95.2 && a.decimals <= 1,
            "{a:?}"
        );
        // One value, or none.
        assert!(YAxis::new(&[5.0], true, false).ticks.len() >= 2);
        assert_eq!(YAxis::new(&[], false, true).ticks.last(), Some(&100.0));
        assert_eq!(number(12345.0, 0, false), "12,345");
        assert_eq!(number(-1234.5, 1, false), "-1,234.5");
        assert_eq!(number(-0.0, 0, true), "0%");
        assert_eq!(number(97.5, 1, true), "97.5%");
    }

    #[test]
    fn chart_font_found_here() {
        let fonts = fonts();
        eprintln!("fonts: {fonts:?}");
        if let Some(cjk) = &fonts.cjk {
            // In a collection the Simplified Chinese face is the one loaded.
            if lower_name(&cjk.path).starts_with("notosanscjk") {
                assert_eq!(cjk.face.as_deref(), Some("Noto Sans CJK SC"));
            }
        }
    }

    #[test]
    fn chart_font_names() {
        assert_eq!(
            cjk_rank(Path::new(
                "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
            )),
            Some(0)
        );
        assert_eq!(
            cjk_rank(Path::new("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")),
            Some(1)
        );
        assert_eq!(
            cjk_rank(Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")),
            None
        );
        assert!(
            weight_penalty(Path::new("NotoSansCJK-Bold.ttc"))
                > weight_penalty(Path::new("NotoSansCJK-Regular.ttc"))
        );
        assert_eq!(face_preference(Some("Noto Sans CJK SC")), 0);
        assert_eq!(face_preference(Some("Noto Sans CJK JP")), 1);
        assert_eq!(face_preference(Some("Noto Sans Mono CJK SC")), 2);
        assert_eq!(fit("本年新收政府信息公开申请数量", 6.0), "本年新收政…");
        assert_eq!(fit("公开率 (%)", 20.0), "公开率 (%)");
    }
}
