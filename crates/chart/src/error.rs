//! Why a chart could not be drawn.

/// A chart that could not be drawn: nothing to draw, no font for a PNG's text, or a failure of
/// plotters or the PNG encoder.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("no measure to draw")]
    NoSeries,
    #[error(
        "panel {0:?} mixes rates with counts or amounts: the lines of a panel share one y axis"
    )]
    MixedPanel(String),
    #[error(
        "a PNG needs a font file for its text and no font file was found among the system fonts; \
         install fonts-noto-cjk, set GONGKAI_FONT to a .ttf/.otf/.ttc file, or write an .svg chart"
    )]
    NoFont,
    #[error("drawing the chart: {0}")]
    Drawing(String),
    #[error("encoding the PNG: {0}")]
    Png(#[from] png::EncodingError),
}

/// plotters' errors are generic over the backend: kept as their message.
pub(crate) fn drawing<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError::Drawing(e.to_string())
}
