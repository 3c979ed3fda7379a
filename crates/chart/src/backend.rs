//! The drawing layer: a plotters backend whose text is measured with the font found here (or
//! estimated from character widths without one) and drawn by the inner backend (SVG `<text>`)
//! or rasterised here with `ab_glyph` (PNG). plotters is built without a font engine: every
//! text measure and PNG glyph goes through [`TextBackend`].

use ab_glyph::{Font as _, ScaleFont as _};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{FontStyle, FontTransform};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

use crate::text::char_em;

/// Wraps a plotters backend to take over its text. plotters' own `ab_glyph` drawing drops each
/// glyph's side bearing, which spaces CJK punctuation and some ideographs unevenly.
pub(crate) struct TextBackend<'f, B> {
    pub inner: B,
    pub font: Option<&'f ab_glyph::FontVec>,
    /// Draw glyphs as pixels (bitmap backends) rather than asking the inner backend.
    pub raster: bool,
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
