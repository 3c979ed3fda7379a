//! Trend charts: measures over the years as panels (each with its own y axis), drawn to SVG text
//! or PNG bytes in memory; the caller writes the file. Same figure and same fonts, same bytes.
//!
//! Layers, each using only those above it:
//!
//! ```text
//! error  series  text  axis   leaves: the error type, the figure and its runs, text widths
//!   labels  words             estimated without a font, nice ticks and number labels, where
//!                             value labels go (pure geometry), every word the chart writes
//! fonts                       the system's fonts through fontdb: a CJK face, else a Latin one
//! backend                     TextBackend: a plotters backend that measures text with the
//!                             font found and rasterises PNG glyphs with ab_glyph
//! plot                        the panels, painted on any plotters backend, and their geometry
//! lib                         draw: picks the fonts and backend, encodes SVG or PNG
//! ```
//!
//! Two presets: [`Preset::Full`], every measure in a grid of small panels (rates in percent), the
//! latest value written beside its point; [`Preset::Report`], four panels for a printed report,
//! every value written. Years are integer ticks; y ticks are even steps of 1, 2, 2.5 or 5 × 10ᵏ.
//! A `None` value is a gap over a light grey band, never a drop to zero; a series' break (the
//! report form changed) is a dashed line the series is not joined across. The footer explains a
//! band or a break only when one is drawn.
//!
//! Text: SVG writes `<text>` with a CSS font-family list, so the viewer's CJK font shows the
//! Chinese labels; a CJK font found here only sharpens the layout metrics. PNG rasterises text
//! itself from a font file found at run time: Chinese labels when a CJK font is found, else
//! English labels with any Latin font; `GONGKAI_FONT` names a font file to try first.

mod axis;
mod backend;
mod error;
mod fonts;
mod labels;
mod plot;
mod series;
mod text;
mod words;

use std::path::{Path, PathBuf};

use plotters::prelude::{BitMapBackend, IntoDrawingArea, SVGBackend};

pub use error::ChartError;
pub use series::{Figure, Panel, Preset, Series};

use backend::TextBackend;
use error::drawing;
use fonts::Fonts;
use plot::{notes, paint, Layout, Painted, CJK_FAMILY, LATIN_FAMILY};
use words::Words;

/// What was drawn, for the message the CLI prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawn {
    /// Chinese labels (else English).
    pub chinese: bool,
    /// The font file whose metrics laid out the text (and whose glyphs drew a PNG's text).
    pub font: Option<PathBuf>,
}

/// The file format of a chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
}

impl Format {
    /// The format a file name asks for by its extension (`.svg` or `.png`, any case).
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            _ => None,
        }
    }
}

/// A chart drawn in memory: the file's bytes, and what was drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// SVG text (UTF-8) or a PNG image.
    pub bytes: Vec<u8>,
    pub drawn: Drawn,
}

/// Draws `figure` as `format` with the system's fonts (found once per process): Chinese labels,
/// or English ones in a PNG when no CJK font is found.
pub fn draw(format: Format, figure: &Figure) -> Result<Chart, ChartError> {
    draw_with(format, figure, fonts::system()).map(|(chart, _)| chart)
}

/// The chart and the geometry it was painted with.
fn draw_with(
    format: Format,
    figure: &Figure,
    fonts: &Fonts,
) -> Result<(Chart, Painted), ChartError> {
    if figure.panels.iter().all(|p| p.lines.is_empty()) {
        return Err(ChartError::NoSeries);
    }
    if let Some(p) = figure
        .panels
        .iter()
        .find(|p| p.lines.iter().any(|s| s.is_rate != p.is_rate()))
    {
        return Err(ChartError::MixedPanel(p.title_en.clone()));
    }
    let (font, words, family) = match format {
        // The viewer's fonts render SVG text: Chinese labels with a CJK family list. A CJK font
        // found here gives the layout its metrics, else character widths estimate them.
        Format::Svg => (fonts.cjk.as_ref(), Words { chinese: true }, CJK_FAMILY),
        Format::Png => match (&fonts.cjk, &fonts.latin) {
            (Some(f), _) => (Some(f), Words { chinese: true }, CJK_FAMILY),
            (None, Some(f)) => (Some(f), Words { chinese: false }, LATIN_FAMILY),
            (None, None) => return Err(ChartError::NoFont),
        },
    };
    let notes = notes(figure, words);
    let layout = Layout::new(figure.preset, figure.panels.len(), notes.len());
    let drawn = Drawn {
        chinese: words.chinese,
        font: font.and_then(|f| f.path.clone()),
    };
    match format {
        Format::Svg => {
            let mut svg = String::new();
            let painted = {
                let backend = TextBackend {
                    inner: SVGBackend::with_string(&mut svg, layout.size),
                    font: font.map(|f| &f.font),
                    raster: false,
                };
                let root = backend.into_drawing_area();
                let painted = paint(&root, &layout, words, family, figure, &notes)?;
                root.present().map_err(drawing)?;
                painted
            };
            let bytes = svg.into_bytes();
            Ok((Chart { bytes, drawn }, painted))
        }
        Format::Png => {
            let (w, h) = layout.size;
            let mut rgb = vec![0u8; w as usize * h as usize * 3];
            let painted = {
                let backend = TextBackend {
                    inner: BitMapBackend::with_buffer(&mut rgb, layout.size),
                    font: font.map(|f| &f.font),
                    raster: true,
                };
                let root = backend.into_drawing_area();
                let painted = paint(&root, &layout, words, family, figure, &notes)?;
                root.present().map_err(drawing)?;
                painted
            };
            let bytes = encode_png(&rgb, layout.size)?;
            Ok((Chart { bytes, drawn }, painted))
        }
    }
}

fn encode_png(rgb: &[u8], (w, h): (u32, u32)) -> Result<Vec<u8>, ChartError> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc.write_header()?;
    writer.write_image_data(rgb)?;
    writer.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests;
