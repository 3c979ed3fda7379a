//! Trend charts: measures over the years as small multiples (one panel per measure, each with its
//! own y axis), drawn to SVG text or PNG bytes in memory; the caller writes the file.
//! Same series and same fonts, same bytes.
//!
//! Layers, each using only those above it:
//!
//! ```text
//! error  series  text  axis   leaves: the error type, the data and its runs, text widths
//!                             estimated without a font, ticks and number labels
//! fonts                       the system's fonts through fontdb: a CJK face, else a Latin one
//! backend                     TextBackend: a plotters backend that measures text with the
//!                             font found and rasterises PNG glyphs with ab_glyph
//! plot                        the grid of panels, painted on any plotters backend
//! lib                         draw: picks the fonts and backend, encodes SVG or PNG
//! ```
//!
//! Counts and rates differ in scale by orders of magnitude, so every series gets its own small
//! panel in a grid (rates in percent). Years are integer ticks; a `None` value is a break in the
//! series, drawn as a gap over a light grey band, never as a drop to zero.
//!
//! Text: SVG writes `<text>` with a CSS font-family list, so the viewer's CJK font shows the
//! Chinese labels; a CJK font found here only sharpens the layout metrics. PNG rasterises text
//! itself from a font file found at run time: Chinese labels when a CJK font is found, else
//! English labels with any Latin font; `GONGKAI_FONT` names a font file to try first.

mod axis;
mod backend;
mod error;
mod fonts;
mod plot;
mod series;
mod text;

use std::path::{Path, PathBuf};

use plotters::prelude::{BitMapBackend, IntoDrawingArea, SVGBackend};

pub use error::ChartError;
pub use series::Series;

use backend::TextBackend;
use error::drawing;
use fonts::Fonts;
use plot::{paint, Layout, TextSetup, CJK_FAMILY, LATIN_FAMILY};

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

/// Draws `series` as `format` with the system's fonts (found once per process), titled
/// `title_zh` with Chinese labels, else `title_en`.
pub fn draw(
    format: Format,
    title_zh: &str,
    title_en: &str,
    series: &[Series],
) -> Result<Chart, ChartError> {
    draw_with(format, title_zh, title_en, series, fonts::system())
}

fn draw_with(
    format: Format,
    title_zh: &str,
    title_en: &str,
    series: &[Series],
    fonts: &Fonts,
) -> Result<Chart, ChartError> {
    if series.is_empty() {
        return Err(ChartError::NoSeries);
    }
    let layout = Layout::new(series.len());
    match format {
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
                root.present().map_err(drawing)?;
            }
            Ok(Chart {
                bytes: svg.into_bytes(),
                drawn: Drawn {
                    chinese: true,
                    font: font.and_then(|f| f.path.clone()),
                },
            })
        }
        Format::Png => {
            let (font, text) = match (&fonts.cjk, &fonts.latin) {
                (Some(f), _) => (
                    f,
                    TextSetup {
                        chinese: true,
                        family: CJK_FAMILY,
                    },
                ),
                (None, Some(f)) => (
                    f,
                    TextSetup {
                        chinese: false,
                        family: LATIN_FAMILY,
                    },
                ),
                (None, None) => return Err(ChartError::NoFont),
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
                root.present().map_err(drawing)?;
            }
            Ok(Chart {
                bytes: encode_png(&rgb, layout.size)?,
                drawn: Drawn {
                    chinese: text.chinese,
                    font: font.path.clone(),
                },
            })
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
