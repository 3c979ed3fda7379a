//! Why a chart could not be drawn.

/// A chart that could not be drawn: nothing to draw, no font for a PNG's text, or a failure of
/// plotters or the PNG encoder.
#[derive(Debug)]
pub enum ChartError {
    NoSeries,
    MixedPanel(String),
    NoFont,
    Drawing(String),
    Png(png::EncodingError),
}

impl std::error::Error for ChartError {}

impl From<png::EncodingError> for ChartError {
    fn from(e: png::EncodingError) -> ChartError {
        ChartError::Png(e)
    }
}

/// In the run's language, from the message catalogue.
impl std::fmt::Display for ChartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use gongkai_messages::msg;
        let text = match self {
            ChartError::NoSeries => msg!("chart-error-no-series"),
            ChartError::MixedPanel(panel) => {
                msg!("chart-error-mixed-panel", panel = format!("{panel:?}"))
            }
            ChartError::NoFont => msg!("chart-error-no-font"),
            ChartError::Drawing(e) => msg!("chart-error-drawing", detail = e),
            ChartError::Png(e) => msg!("chart-error-png", detail = e.to_string()),
        };
        f.write_str(&text)
    }
}

/// plotters' errors are generic over the backend: kept as their message.
pub(crate) fn drawing<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError::Drawing(e.to_string())
}
