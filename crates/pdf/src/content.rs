//! A page's content stream run for what a reader of the report needs: each glyph shown (its
//! Unicode text, where it starts, how wide it is, its size) and the straight lines drawn (a
//! table's borders). Colours, images and clipping are not followed; a form XObject's content is
//! run in place (depth and cycles bounded). Coordinates are the page's as shown (its /Rotate
//! applied), top-down: y grows down from the top of the page's box, as a reader reads.
//!
//! Everything is bounded by [`Budget`]: inflated bytes, operators and glyphs of the whole
//! document, so a hostile file costs at most that much however it is built.

use std::collections::HashMap;
use std::rc::Rc;

use gongkai_messages::msg;
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::fonts::Font;
use crate::PdfError;

/// What one document may cost to read; spent as pages are read.
#[derive(Debug)]
pub(crate) struct Budget {
    /// Bytes of content streams, inflated, still allowed.
    pub inflated: usize,
    /// Bytes one stream may inflate to (for messages: the pages' total is a multiple).
    pub stream: usize,
    /// Content operators still allowed.
    pub operations: usize,
    /// Glyphs still allowed.
    pub glyphs: usize,
    /// Width entries of CID fonts still allowed.
    pub widths: usize,
}

impl Budget {
    /// Bytes the next stream may inflate to: its own limit, or what the document has left.
    fn limit(&self) -> usize {
        self.inflated.min(self.stream)
    }

    /// A stream inflated within [`Budget::limit`], counted against the document's bytes; past
    /// the limit an error naming `what` (`the content of page 3`).
    fn take(
        &mut self,
        inflated: Result<Vec<u8>, lopdf::Error>,
        what: impl FnOnce() -> String,
        page: u32,
    ) -> Result<Vec<u8>, PdfError> {
        let content = inflated.map_err(|e| match e {
            lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
                PdfError::TooLarge {
                    what: what(),
                    limit: crate::inflated_limit(self.stream),
                }
            }
            other => PdfError::Damaged(msg!(
                "pdf-page-damaged",
                page = page,
                why = other.to_string()
            )),
        })?;
        self.inflated = self.inflated.saturating_sub(content.len());
        Ok(content)
    }
}

/// Form XObjects inside form XObjects: deeper than this is not a report's layout.
const FORM_DEPTH: usize = 12;
/// Straight lines kept per page: a page of ruled tables has a few hundred; more is a drawing.
const RULINGS_PER_PAGE: usize = 5_000;
/// Fonts read per document: a report uses a few dozen.
const FONTS: usize = 500;
/// Bytes a font's ToUnicode map may inflate to: a whole CJK font's is under 1 MiB.
const TO_UNICODE: usize = 4 << 20;
/// q without Q: a deeper stack is not a real page (the rest of its pushes are ignored).
const STATE_DEPTH: usize = 256;

/// One glyph shown on a page.
#[derive(Debug, Clone)]
pub(crate) struct Glyph {
    /// Its Unicode text ("" when its font has no map to Unicode for it).
    pub text: String,
    /// The left end of its baseline, top-down page coordinates.
    pub x: f64,
    pub y: f64,
    /// Its advance along the baseline.
    pub width: f64,
    /// The font size as drawn (em height on the page).
    pub size: f64,
}

/// A straight line drawn along an axis: a horizontal one at `at` (y) from `from` to `to` (x),
/// or a vertical one at x `at` from y `from` to `to`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Ruling {
    pub horizontal: bool,
    pub at: f64,
    pub from: f64,
    pub to: f64,
}

/// What a page shows.
#[derive(Debug, Default)]
pub(crate) struct PageContent {
    pub glyphs: Vec<Glyph>,
    pub rulings: Vec<Ruling>,
    /// Images drawn (a scanned page is one).
    pub images: usize,
    /// Glyphs whose font gives no Unicode text.
    pub undecoded: usize,
    pub width: f64,
    pub height: f64,
}

/// An affine map `[a b c d e f]` as PDF writes it: (x, y) → (a·x + c·y + e, b·x + d·y + f).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// This map, then `then`.
    fn then(&self, then: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = then.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    fn translate(x: f64, y: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    fn from_operands(operands: &[Object]) -> Option<Matrix> {
        let mut m = [0.0; 6];
        if operands.len() < 6 {
            return None;
        }
        for (slot, o) in m.iter_mut().zip(operands) {
            *slot = number(o)?;
        }
        m.iter().all(|v| v.is_finite()).then_some(Matrix(m))
    }
}

fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)).filter(|v| v.is_finite()),
        _ => None,
    }
}

/// The graphics and text state that `q`/`Q` save.
#[derive(Debug, Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    /// Tz / 100.
    scaling: f64,
    leading: f64,
    rise: f64,
}

impl State {
    fn new(ctm: Matrix) -> State {
        State {
            ctm,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scaling: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

/// Reads the pages of one document, sharing fonts across them.
pub(crate) struct Reader<'d> {
    doc: &'d Document,
    fonts: HashMap<ObjectId, Rc<Font>>,
    pub budget: Budget,
}

impl std::fmt::Debug for Reader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader")
            .field("fonts", &self.fonts.len())
            .field("budget", &self.budget)
            .finish()
    }
}

/// One content stream being run.
struct Run<'p> {
    page: &'p mut PageContent,
    state: State,
    saved: Vec<State>,
    text_matrix: Matrix,
    line_matrix: Matrix,
    /// The path being built, in page space: subpaths of points.
    path: Vec<Vec<(f64, f64)>>,
    /// Top-down page space from PDF user space.
    flip: Matrix,
}

impl<'d> Reader<'d> {
    pub fn new(doc: &'d Document, budget: Budget) -> Reader<'d> {
        Reader {
            doc,
            fonts: HashMap::new(),
            budget,
        }
    }

    /// What page `page` (1-based, object `id`) shows.
    pub fn page(&mut self, page: u32, id: ObjectId) -> Result<PageContent, PdfError> {
        let doc = self.doc;
        let dict = doc.get_dictionary(id).ok();
        let (x0, y0, x1, y1) = dict
            .and_then(|d| page_box(doc, d))
            .unwrap_or((0.0, 0.0, 595.0, 842.0));
        // Page space is the page as shown: PDF space turned by the page's /Rotate (clockwise,
        // in quarter turns) and upside down, from the top left of its box.
        let rotate = dict.map_or(0, |d| rotation(doc, d));
        let (flip, width, height) = match rotate {
            90 => (Matrix([0.0, 1.0, 1.0, 0.0, -y0, -x0]), y1 - y0, x1 - x0),
            180 => (Matrix([-1.0, 0.0, 0.0, 1.0, x1, -y0]), x1 - x0, y1 - y0),
            270 => (Matrix([0.0, -1.0, -1.0, 0.0, y1, x1]), y1 - y0, x1 - x0),
            _ => (Matrix([1.0, 0.0, 0.0, -1.0, -x0, y1]), x1 - x0, y1 - y0),
        };
        let mut out = PageContent {
            width,
            height,
            ..PageContent::default()
        };
        let content = self.budget.take(
            doc.get_page_content_with_limit(id, self.budget.limit()),
            || msg!("pdf-what-page-content", page = page),
            page,
        )?;
        let resources = dict.and_then(|d| inherited(doc, d, b"Resources"));
        let mut run = Run {
            page: &mut out,
            state: State::new(Matrix::IDENTITY),
            saved: Vec::new(),
            text_matrix: Matrix::IDENTITY,
            line_matrix: Matrix::IDENTITY,
            path: Vec::new(),
            flip,
        };
        let mut forms = Vec::new();
        self.run(&mut run, &content, resources, &mut forms, page)?;
        let (w, h) = (out.width, out.height);
        // Glyphs off the page are not shown (text parked outside the box).
        out.glyphs
            .retain(|g| g.x > -1.0 && g.x < w + 1.0 && g.y > -1.0 && g.y < h + 1.0);
        Ok(out)
    }

    /// Runs one content stream (a page's, or a form's inside it).
    fn run(
        &mut self,
        run: &mut Run,
        content: &[u8],
        resources: Option<&'d Dictionary>,
        forms: &mut Vec<ObjectId>,
        page: u32,
    ) -> Result<(), PdfError> {
        // A stream that stops parsing part way keeps the operators before the fault, as viewers do.
        for op in Content::decode_iter(content).map_while(Result::ok) {
            if self.budget.operations == 0 {
                return Err(PdfError::TooLarge {
                    what: msg!("pdf-what-operators"),
                    limit: msg!("pdf-limit-operators", count = crate::OPERATION_LIMIT),
                });
            }
            self.budget.operations -= 1;
            let o = op.operands.as_slice();
            let n = |i: usize| o.get(i).and_then(number);
            match op.operator.as_str() {
                "q" if run.saved.len() < STATE_DEPTH => run.saved.push(run.state.clone()),
                "Q" => {
                    if let Some(s) = run.saved.pop() {
                        run.state = s;
                    }
                }
                "cm" => {
                    if let Some(m) = Matrix::from_operands(o) {
                        run.state.ctm = m.then(&run.state.ctm);
                    }
                }
                "BT" => {
                    run.text_matrix = Matrix::IDENTITY;
                    run.line_matrix = Matrix::IDENTITY;
                }
                "Tf" => {
                    run.state.font = match o.first().and_then(|n| n.as_name().ok()) {
                        Some(name) => self.font(resources, name)?,
                        None => None,
                    };
                    run.state.size = n(1).unwrap_or(0.0);
                }
                "Tc" => run.state.char_spacing = n(0).unwrap_or(0.0),
                "Tw" => run.state.word_spacing = n(0).unwrap_or(0.0),
                "Tz" => run.state.scaling = n(0).unwrap_or(100.0) / 100.0,
                "TL" => run.state.leading = n(0).unwrap_or(0.0),
                "Ts" => run.state.rise = n(0).unwrap_or(0.0),
                "Td" => run.next_line(n(0).unwrap_or(0.0), n(1).unwrap_or(0.0)),
                "TD" => {
                    let ty = n(1).unwrap_or(0.0);
                    run.state.leading = -ty;
                    run.next_line(n(0).unwrap_or(0.0), ty);
                }
                "Tm" => {
                    if let Some(m) = Matrix::from_operands(o) {
                        run.text_matrix = m;
                        run.line_matrix = m;
                    }
                }
                "T*" => run.next_line(0.0, -run.state.leading),
                "Tj" => {
                    if let Some(Object::String(s, _)) = o.first() {
                        self.show(run, s)?;
                    }
                }
                "'" => {
                    run.next_line(0.0, -run.state.leading);
                    if let Some(Object::String(s, _)) = o.first() {
                        self.show(run, s)?;
                    }
                }
                "\"" => {
                    run.state.word_spacing = n(0).unwrap_or(run.state.word_spacing);
                    run.state.char_spacing = n(1).unwrap_or(run.state.char_spacing);
                    run.next_line(0.0, -run.state.leading);
                    if let Some(Object::String(s, _)) = o.get(2) {
                        self.show(run, s)?;
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = o.first() {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(run, s)?,
                                other => {
                                    if let Some(adjust) = number(other) {
                                        let s = &run.state;
                                        let tx = -adjust / 1000.0 * s.size * s.scaling;
                                        run.text_matrix =
                                            Matrix::translate(tx, 0.0).then(&run.text_matrix);
                                    }
                                }
                            }
                        }
                    }
                }
                "m" => {
                    if let (Some(x), Some(y)) = (n(0), n(1)) {
                        let p = run.to_page(x, y);
                        run.path.push(vec![p]);
                    }
                }
                "l" => {
                    if let (Some(x), Some(y)) = (n(0), n(1)) {
                        let p = run.to_page(x, y);
                        match run.path.last_mut() {
                            Some(sub) => sub.push(p),
                            None => run.path.push(vec![p]),
                        }
                    }
                }
                "c" | "v" | "y" => {
                    // A curve is no ruling: its end point starts a subpath of its own.
                    let (i, j) = if op.operator == "c" { (4, 5) } else { (2, 3) };
                    if let (Some(x), Some(y)) = (n(i), n(j)) {
                        let p = run.to_page(x, y);
                        run.path.push(vec![p]);
                    }
                }
                "h" => {
                    if let Some(sub) = run.path.last_mut() {
                        if let (Some(&first), true) = (sub.first(), sub.len() > 1) {
                            sub.push(first);
                        }
                    }
                }
                "re" => {
                    if let (Some(x), Some(y), Some(w), Some(h)) = (n(0), n(1), n(2), n(3)) {
                        let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)];
                        let sub = corners.iter().map(|&(a, b)| run.to_page(a, b)).collect();
                        run.path.push(sub);
                    }
                }
                "S" | "s" => run.paint(true, false),
                "f" | "F" | "f*" => run.paint(false, true),
                "B" | "B*" | "b" | "b*" => run.paint(true, true),
                "n" => run.path.clear(),
                "Do" => {
                    if let Some(name) = o.first().and_then(|n| n.as_name().ok()) {
                        self.draw_object(run, resources, name, forms, page)?;
                    }
                }
                "BI" => run.page.images += 1,
                _ => {}
            }
        }
        Ok(())
    }

    /// `Do`: an image is counted; a form's content is run in place.
    fn draw_object(
        &mut self,
        run: &mut Run,
        resources: Option<&'d Dictionary>,
        name: &[u8],
        forms: &mut Vec<ObjectId>,
        page: u32,
    ) -> Result<(), PdfError> {
        let doc = self.doc;
        let Some(entry) = resources
            .and_then(|r| resolve(doc, r.get(b"XObject").ok()?))
            .and_then(|x| x.as_dict().ok())
            .and_then(|x| x.get(name).ok())
        else {
            return Ok(());
        };
        let id = entry.as_reference().ok();
        let Some(stream) = resolve(doc, entry).and_then(|o| o.as_stream().ok()) else {
            return Ok(());
        };
        match stream.dict.get(b"Subtype").and_then(|s| s.as_name()) {
            Ok(b"Image") => run.page.images += 1,
            Ok(b"Form") => {
                // A form drawing itself, or nested past any real layout: not followed.
                if forms.len() >= FORM_DEPTH || id.is_some_and(|id| forms.contains(&id)) {
                    return Ok(());
                }
                let content = self.budget.take(
                    stream.get_plain_content_with_limit(self.budget.limit()),
                    || msg!("pdf-what-drawing", page = page),
                    page,
                )?;
                let own = stream
                    .dict
                    .get(b"Resources")
                    .ok()
                    .and_then(|r| resolve(doc, r))
                    .and_then(|r| r.as_dict().ok());
                let matrix = stream
                    .dict
                    .get(b"Matrix")
                    .ok()
                    .and_then(|m| resolve(doc, m))
                    .and_then(|m| m.as_array().ok())
                    .and_then(|m| Matrix::from_operands(m))
                    .unwrap_or(Matrix::IDENTITY);
                let outer = (run.state.clone(), run.text_matrix, run.line_matrix);
                run.state.ctm = matrix.then(&run.state.ctm);
                forms.push(id.unwrap_or((0, 0)));
                let result = self.run(run, &content, own.or(resources), forms, page);
                forms.pop();
                (run.state, run.text_matrix, run.line_matrix) = outer;
                result?;
            }
            _ => {}
        }
        Ok(())
    }

    /// The font named `name` in the resources, read once per document.
    fn font(
        &mut self,
        resources: Option<&'d Dictionary>,
        name: &[u8],
    ) -> Result<Option<Rc<Font>>, PdfError> {
        let doc = self.doc;
        let Some(entry) = resources
            .and_then(|r| resolve(doc, r.get(b"Font").ok()?))
            .and_then(|f| f.as_dict().ok())
            .and_then(|f| f.get(name).ok())
        else {
            return Ok(None);
        };
        let id = entry.as_reference().ok();
        if let Some(font) = id.and_then(|id| self.fonts.get(&id)) {
            return Ok(Some(Rc::clone(font)));
        }
        let Some(dict) = resolve(doc, entry).and_then(|o| o.as_dict().ok()) else {
            return Ok(None);
        };
        if self.fonts.len() >= FONTS {
            return Ok(None);
        }
        // The map's inflated bytes count against the document's budget like content does.
        let limit = TO_UNICODE.min(self.budget.inflated);
        if let Some(map) = dict
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| resolve(doc, o))
            .and_then(|o| o.as_stream().ok())
        {
            let inflated = map
                .get_plain_content_with_limit(limit)
                .map_err(|e| match e {
                    lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                        ..
                    }) => PdfError::TooLarge {
                        what: msg!("pdf-what-font-map"),
                        limit: crate::inflated_limit(limit),
                    },
                    other => {
                        PdfError::Damaged(msg!("pdf-font-map-damaged", why = other.to_string()))
                    }
                });
            match inflated {
                Ok(bytes) => {
                    self.budget.inflated = self.budget.inflated.saturating_sub(bytes.len())
                }
                Err(e @ PdfError::TooLarge { .. }) => return Err(e),
                // A map that does not inflate: the font's encoding is used instead.
                Err(_) => {}
            }
        }
        let font = Rc::new(Font::new(doc, dict, limit, &mut self.budget.widths));
        if let Some(id) = id {
            self.fonts.insert(id, Rc::clone(&font));
        }
        Ok(Some(font))
    }

    /// Shows a string: a glyph per character code, each advancing the text matrix.
    fn show(&mut self, run: &mut Run, bytes: &[u8]) -> Result<(), PdfError> {
        let Some(font) = run.state.font.clone() else {
            return Ok(());
        };
        let s = run.state.clone();
        for code in font.codes(bytes) {
            if self.budget.glyphs == 0 {
                return Err(PdfError::TooLarge {
                    what: msg!("pdf-what-text"),
                    limit: msg!("pdf-limit-glyphs", count = crate::GLYPH_LIMIT),
                });
            }
            self.budget.glyphs -= 1;
            let w0 = font.width(code.code) / 1000.0;
            // Text space to page space.
            let m = run.text_matrix.then(&s.ctm).then(&run.flip);
            let (x, y) = m.apply(0.0, s.rise);
            let (xe, ye) = m.apply(w0 * s.size * s.scaling, s.rise);
            let (xt, yt) = m.apply(0.0, s.rise + s.size);
            let size = ((xt - x).powi(2) + (yt - y).powi(2)).sqrt();
            // Only upright text running left to right is a line of the report: a rotated
            // stamp or watermark is not.
            let upright = xe >= x && (ye - y).abs() <= 0.1 * (xe - x).abs().max(size * 0.1);
            let text = font.text(code.bytes);
            if text.is_none() {
                run.page.undecoded += 1;
            }
            let text = text.unwrap_or_default();
            if upright && size > 0.0 && !text.chars().all(char::is_whitespace) {
                run.page.glyphs.push(Glyph {
                    text,
                    x,
                    y,
                    width: xe - x,
                    size,
                });
            }
            let space = if code.bytes == [b' '] {
                s.word_spacing
            } else {
                0.0
            };
            let tx = (w0 * s.size + s.char_spacing + space) * s.scaling;
            run.text_matrix = Matrix::translate(tx, 0.0).then(&run.text_matrix);
        }
        Ok(())
    }
}

impl Run<'_> {
    fn next_line(&mut self, tx: f64, ty: f64) {
        self.line_matrix = Matrix::translate(tx, ty).then(&self.line_matrix);
        self.text_matrix = self.line_matrix;
    }

    fn to_page(&self, x: f64, y: f64) -> (f64, f64) {
        self.state.ctm.then(&self.flip).apply(x, y)
    }

    /// Paints the path: its straight lines along an axis are kept as rulings, stroked lines
    /// and thin filled bars alike (Word fills thin rectangles for borders; LibreOffice
    /// strokes lines).
    fn paint(&mut self, stroke: bool, fill: bool) {
        let path = std::mem::take(&mut self.path);
        for sub in &path {
            if self.page.rulings.len() >= RULINGS_PER_PAGE {
                return;
            }
            if stroke {
                for pair in sub.windows(2) {
                    if let [(x0, y0), (x1, y1)] = pair {
                        self.rule(*x0, *y0, *x1, *y1, 0.6);
                    }
                }
            }
            if fill && sub.len() >= 3 {
                let (mut lx, mut ly, mut hx, mut hy) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
                for &(x, y) in sub {
                    (lx, ly, hx, hy) = (lx.min(x), ly.min(y), hx.max(x), hy.max(y));
                }
                // A bar at most 3 points thick is a line; a wider fill is shading.
                if hy - ly <= 3.0 && hx - lx > hy - ly {
                    let y = (ly + hy) / 2.0;
                    self.rule(lx, y, hx, y, 0.6);
                } else if hx - lx <= 3.0 && hy - ly > hx - lx {
                    let x = (lx + hx) / 2.0;
                    self.rule(x, ly, x, hy, 0.6);
                }
            }
        }
    }

    fn rule(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, slack: f64) {
        let (dx, dy) = ((x1 - x0).abs(), (y1 - y0).abs());
        if !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()) {
            return;
        }
        if dy <= slack && dx >= 2.0 {
            self.page.rulings.push(Ruling {
                horizontal: true,
                at: (y0 + y1) / 2.0,
                from: x0.min(x1),
                to: x0.max(x1),
            });
        } else if dx <= slack && dy >= 2.0 {
            self.page.rulings.push(Ruling {
                horizontal: false,
                at: (x0 + x1) / 2.0,
                from: y0.min(y1),
                to: y0.max(y1),
            });
        }
    }
}

/// An object, following references (a chain of at most a few).
pub(crate) fn resolve<'d>(doc: &'d Document, mut o: &'d Object) -> Option<&'d Object> {
    for _ in 0..8 {
        match o {
            Object::Reference(id) => o = doc.get_object(*id).ok()?,
            other => return Some(other),
        }
    }
    None
}

/// A page attribute, from the page or the nearest node above it that has it.
pub(crate) fn inherited<'d>(
    doc: &'d Document,
    page: &'d Dictionary,
    key: &[u8],
) -> Option<&'d Dictionary> {
    let mut node = page;
    // The page tree was checked for loops when it was read; the bound is for stray /Parent.
    for _ in 0..64 {
        if let Some(d) = node
            .get(key)
            .ok()
            .and_then(|o| resolve(doc, o))
            .and_then(|o| o.as_dict().ok())
        {
            return Some(d);
        }
        node = node
            .get(b"Parent")
            .ok()
            .and_then(|o| resolve(doc, o))
            .and_then(|o| o.as_dict().ok())?;
    }
    None
}

/// The page's /Rotate (inherited) as 0, 90, 180 or 270.
fn rotation(doc: &Document, page: &Dictionary) -> i64 {
    let mut node = page;
    for _ in 0..64 {
        if let Some(r) = node
            .get(b"Rotate")
            .ok()
            .and_then(|o| resolve(doc, o))
            .and_then(|o| o.as_i64().ok())
        {
            return r.rem_euclid(360) / 90 * 90;
        }
        match node
            .get(b"Parent")
            .ok()
            .and_then(|o| resolve(doc, o))
            .and_then(|o| o.as_dict().ok())
        {
            Some(parent) => node = parent,
            None => break,
        }
    }
    0
}

/// The page's visible box (CropBox, else MediaBox), inherited, as (x0, y0, x1, y1).
fn page_box(doc: &Document, page: &Dictionary) -> Option<(f64, f64, f64, f64)> {
    let mut node = page;
    let mut found = None;
    for _ in 0..64 {
        for key in [&b"CropBox"[..], b"MediaBox"] {
            if found.is_none() {
                found = node
                    .get(key)
                    .ok()
                    .and_then(|o| resolve(doc, o))
                    .and_then(|o| o.as_array().ok())
                    .and_then(|a| {
                        let v: Vec<f64> = a.iter().filter_map(number).collect();
                        match v.as_slice() {
                            [a, b, c, d] => Some((a.min(*c), b.min(*d), a.max(*c), b.max(*d))),
                            _ => None,
                        }
                    })
                    .filter(|(a, b, c, d)| c - a >= 1.0 && d - b >= 1.0);
            }
        }
        if found.is_some() {
            return found;
        }
        node = node
            .get(b"Parent")
            .ok()
            .and_then(|o| resolve(doc, o))
            .and_then(|o| o.as_dict().ok())?;
    }
    None
}
