//! Where value labels go: beside their point, off the lines, the markers, the plot's edges and
//! each other. Pure geometry in pixels (y grows downwards), so the placement is tested on the
//! layout data rather than by eye.
//!
//! Each label tries spots around its point, nearest first, preferring the side away from its
//! line's neighbouring segments (above a peak, below a trough); a spot that touches anything is
//! nudged further out. Labels are placed in the caller's order of importance, and one that finds
//! no free spot is left out rather than drawn over something.

/// A point in pixels.
pub(crate) type Px = (f64, f64);

/// An axis-aligned box in pixels: `x0 ≤ x1`, `y0 ≤ y1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    /// The box of size `(w, h)` centred on `c`.
    pub fn centred(c: Px, (w, h): (f64, f64)) -> Rect {
        Rect {
            x0: c.0 - w / 2.0,
            y0: c.1 - h / 2.0,
            x1: c.0 + w / 2.0,
            y1: c.1 + h / 2.0,
        }
    }

    pub fn centre(&self) -> Px {
        ((self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0)
    }

    /// Grown by `d` on every side.
    pub fn grow(&self, d: f64) -> Rect {
        Rect {
            x0: self.x0 - d,
            y0: self.y0 - d,
            x1: self.x1 + d,
            y1: self.y1 + d,
        }
    }

    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    pub fn within(&self, o: &Rect) -> bool {
        self.x0 >= o.x0 && self.x1 <= o.x1 && self.y0 >= o.y0 && self.y1 <= o.y1
    }

    fn contains(&self, p: Px) -> bool {
        p.0 >= self.x0 && p.0 <= self.x1 && p.1 >= self.y0 && p.1 <= self.y1
    }

    /// Whether the segment `a`–`b` passes through the box (Liang–Barsky clipping).
    pub fn crosses(&self, a: Px, b: Px) -> bool {
        if self.contains(a) || self.contains(b) {
            return true;
        }
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        for (p, q) in [
            (-dx, a.0 - self.x0),
            (dx, self.x1 - a.0),
            (-dy, a.1 - self.y0),
            (dy, self.y1 - a.1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }

    /// Whether a disc of radius `r` at `c` touches the box.
    pub fn touches_disc(&self, c: Px, r: f64) -> bool {
        let nx = c.0.clamp(self.x0, self.x1);
        let ny = c.1.clamp(self.y0, self.y1);
        (c.0 - nx).hypot(c.1 - ny) < r
    }
}

/// What labels must keep clear of in one plot.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scene {
    /// The plot area less a margin: labels stay inside, off the axes.
    pub bounds: Option<Rect>,
    /// Every line segment drawn (data lines and break lines).
    pub segments: Vec<(Px, Px)>,
    /// Every point marker: centre and radius.
    pub marks: Vec<(Px, f64)>,
    /// Other boxes to keep clear of.
    pub boxes: Vec<Rect>,
}

/// One label wanted: its point, its neighbours on the line (for the side to prefer), and the
/// size of its text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Wanted {
    pub at: Px,
    pub neighbours: Vec<Px>,
    pub size: (f64, f64),
}

/// Clearance around a label's text, in pixels: from lines, markers and other labels.
pub(crate) const CLEAR: f64 = 3.0;
/// Half the stroke width of the data lines, kept clear as well.
pub(crate) const HALF_STROKE: f64 = 1.5;
/// How far out a blocked spot is nudged each time, and how many times.
const NUDGE: f64 = 5.0;
const NUDGES: usize = 8;

/// Spots for `wanted`, in order (each `None` where no free spot was found). Earlier labels are
/// placed first and later ones keep clear of them.
pub(crate) fn place(scene: &Scene, wanted: &[Wanted]) -> Vec<Option<Rect>> {
    let mut placed: Vec<Rect> = Vec::new();
    wanted
        .iter()
        .map(|w| {
            let spot = candidates(w)
                .into_iter()
                .find(|r| is_free(scene, &placed, r));
            if let Some(r) = spot {
                placed.push(r);
            }
            spot
        })
        .collect()
}

/// Whether the text box `r` keeps clear of everything in `scene` and of `placed`.
pub(crate) fn is_free(scene: &Scene, placed: &[Rect], r: &Rect) -> bool {
    let padded = r.grow(CLEAR);
    scene.bounds.is_none_or(|b| r.within(&b))
        && !scene
            .segments
            .iter()
            .any(|&(a, b)| padded.grow(HALF_STROKE).crosses(a, b))
        && !scene
            .marks
            .iter()
            .any(|&(c, rad)| padded.touches_disc(c, rad))
        && !scene.boxes.iter().any(|o| padded.overlaps(o))
        && !placed.iter().any(|o| padded.overlaps(o))
}

/// The spots to try for one label, best first: each direction at increasing distance, the
/// directions ordered by how far they point away from the neighbours.
fn candidates(w: &Wanted) -> Vec<Rect> {
    let (px, py) = w.at;
    let (tw, th) = w.size;
    // Unit vectors towards the neighbours: the label goes the other way.
    let toward = w
        .neighbours
        .iter()
        .filter_map(|&(nx, ny)| {
            let (dx, dy) = (nx - px, ny - py);
            let len = dx.hypot(dy);
            (len > 0.0).then(|| (dx / len, dy / len))
        })
        .fold((0.0, 0.0), |acc, v| (acc.0 + v.0, acc.1 + v.1));
    let gap = CLEAR + 4.0;
    // (direction, centre offset at the nearest spot): above and below centred, then the four
    // corners (the text's near corner at the point), then left and right.
    let dirs: [((f64, f64), (f64, f64)); 8] = [
        ((0.0, -1.0), (0.0, -(gap + th / 2.0))),
        ((0.0, 1.0), (0.0, gap + th / 2.0)),
        ((-0.7, -0.7), (-(tw / 2.0 + gap / 2.0), -(gap + th / 2.0))),
        ((0.7, -0.7), (tw / 2.0 + gap / 2.0, -(gap + th / 2.0))),
        ((-0.7, 0.7), (-(tw / 2.0 + gap / 2.0), gap + th / 2.0)),
        ((0.7, 0.7), (tw / 2.0 + gap / 2.0, gap + th / 2.0)),
        ((-1.0, 0.0), (-(gap + tw / 2.0), 0.0)),
        ((1.0, 0.0), (gap + tw / 2.0, 0.0)),
    ];
    let mut spots: Vec<(f64, Rect)> = Vec::new();
    for (i, ((ux, uy), (ox, oy))) in dirs.into_iter().enumerate() {
        // Pointing at the neighbours costs; straight above or below is the reading habit.
        let towards = ux * toward.0 + uy * toward.1;
        let habit = if i < 2 { 0.0 } else { 0.6 };
        for k in 0..=NUDGES {
            let out = k as f64 * NUDGE;
            let c = (px + ox + ux * out, py + oy + uy * out);
            let cost = 2.0 * towards + habit + out / NUDGE * 0.5;
            spots.push((cost, Rect::centred(c, (tw, th))));
        }
    }
    // Stable: equal costs keep the order above (above before below, near before far).
    spots.sort_by(|a, b| a.0.total_cmp(&b.0));
    spots.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The segment sampled every half pixel: an independent check of [`Rect::crosses`].
    fn sampled_hit(r: &Rect, a: Px, b: Px) -> bool {
        let n = ((b.0 - a.0).hypot(b.1 - a.1) * 2.0).ceil().max(1.0) as usize;
        (0..=n).any(|i| {
            let t = i as f64 / n as f64;
            let p = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            p.0 > r.x0 && p.0 < r.x1 && p.1 > r.y0 && p.1 < r.y1
        })
    }

    #[test]
    fn chart_rect_geometry() {
        let r = Rect {
            x0: 10.0,
            y0: 10.0,
            x1: 20.0,
            y1: 20.0,
        };
        assert!(r.crosses((0.0, 15.0), (30.0, 15.0)), "through");
        assert!(r.crosses((0.0, 0.0), (30.0, 30.0)), "diagonal");
        assert!(!r.crosses((0.0, 0.0), (30.0, 5.0)), "above");
        assert!(!r.crosses((0.0, 25.0), (5.0, 0.0)), "beside");
        assert!(r.crosses((15.0, 15.0), (15.0, 15.0)), "a point inside");
        assert!(r.touches_disc((22.0, 15.0), 3.0));
        assert!(!r.touches_disc((24.0, 24.0), 3.0), "corner is 5.7 away");
        assert!(r.overlaps(&r.grow(-1.0)) && !r.overlaps(&Rect { x0: 20.0, ..r }));
    }

    /// A line of `ys` over `n` evenly spaced x in a 480×260 plot; every point wants a label.
    fn scene_of(lines: &[Vec<f64>]) -> (Scene, Vec<Wanted>) {
        let bounds = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 480.0,
            y1: 260.0,
        };
        let mut scene = Scene {
            bounds: Some(bounds),
            ..Scene::default()
        };
        let mut wanted = Vec::new();
        for ys in lines {
            let n = ys.len().max(2) as f64;
            let pts: Vec<Px> = ys
                .iter()
                .enumerate()
                .map(|(i, y)| (40.0 + 400.0 * i as f64 / (n - 1.0), 30.0 + y * 200.0))
                .collect();
            scene.segments.extend(pts.windows(2).map(|w| (w[0], w[1])));
            scene.marks.extend(pts.iter().map(|&p| (p, 4.0)));
            for (i, &p) in pts.iter().enumerate() {
                let neighbours = [i.checked_sub(1), Some(i + 1)]
                    .into_iter()
                    .flatten()
                    .filter_map(|j| pts.get(j).copied())
                    .collect();
                wanted.push(Wanted {
                    at: p,
                    neighbours,
                    size: (58.0, 15.0),
                });
            }
        }
        (scene, wanted)
    }

    /// Checks every placed label against the scene with sampling, not the placement's own tests.
    fn assert_clear(scene: &Scene, spots: &[Option<Rect>]) -> Result<(), TestCaseError> {
        let placed: Vec<&Rect> = spots.iter().flatten().collect();
        for (i, r) in placed.iter().enumerate() {
            let bounds = scene.bounds.unwrap();
            prop_assert!(
                r.x0 >= bounds.x0 && r.x1 <= bounds.x1,
                "{r:?} leaves the plot"
            );
            prop_assert!(r.y0 >= bounds.y0 && r.y1 <= bounds.y1, "{r:?} on an axis");
            for &(a, b) in &scene.segments {
                prop_assert!(
                    !sampled_hit(&r.grow(2.0), a, b),
                    "{r:?} on the line {a:?}–{b:?}"
                );
            }
            for &(c, rad) in &scene.marks {
                let nx = c.0.clamp(r.x0, r.x1);
                let ny = c.1.clamp(r.y0, r.y1);
                prop_assert!(
                    (c.0 - nx).hypot(c.1 - ny) >= rad,
                    "{r:?} on the point {c:?}"
                );
            }
            for o in placed.iter().skip(i + 1) {
                let apart = r.x1 <= o.x0 || o.x1 <= r.x0 || r.y1 <= o.y0 || o.y1 <= r.y0;
                prop_assert!(apart, "{r:?} overlaps {o:?}");
            }
        }
        Ok(())
    }

    #[test]
    fn chart_labels_go_above_peaks_and_below_troughs() {
        // Up, down, up: 0 is the top of the plot.
        let (scene, wanted) = scene_of(&[vec![0.8, 0.2, 0.9, 0.3, 0.5]]);
        let spots = place(&scene, &wanted);
        assert!(spots.iter().all(Option::is_some), "{spots:?}");
        let y = |i: usize| spots[i].unwrap().centre().1;
        assert!(y(1) < wanted[1].at.1, "peak: label above");
        assert!(y(3) < wanted[3].at.1, "peak: label above");
        assert!(y(2) > wanted[2].at.1, "trough: label below");
        assert!(y(0) > wanted[0].at.1, "first point, line rising: below");
        assert_clear(&scene, &spots).unwrap();
    }

    #[test]
    fn chart_labels_keep_off_a_steep_line() {
        // A steep rise: straight above the lower point is on the line; the label moves aside.
        let (scene, wanted) = scene_of(&[vec![0.95, 0.0]]);
        let spots = place(&scene, &wanted);
        assert!(spots.iter().all(Option::is_some), "{spots:?}");
        assert_clear(&scene, &spots).unwrap();
        // Two lines close together: their labels do not collide.
        let (scene, wanted) = scene_of(&[vec![0.5, 0.52, 0.5, 0.51], vec![0.56, 0.58, 0.57, 0.6]]);
        let spots = place(&scene, &wanted);
        assert!(
            spots.iter().filter(|s| s.is_some()).count() >= 6,
            "{spots:?}"
        );
        assert_clear(&scene, &spots).unwrap();
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Whatever the lines, no label sits on a line, a point, the plot's edge or another label,
        /// and an ordinary single line of five years gets every label.
        #[test]
        fn chart_labels_never_collide(
            lines in prop::collection::vec(prop::collection::vec(0.0f64..1.0, 2..12), 1..4)
        ) {
            let (scene, wanted) = scene_of(&lines);
            let spots = place(&scene, &wanted);
            prop_assert_eq!(spots.len(), wanted.len());
            assert_clear(&scene, &spots)?;
            if lines.len() == 1 && lines[0].len() <= 5 {
                prop_assert!(spots.iter().all(Option::is_some), "{:?} {:?}", lines, spots);
            }
        }
    }
}
