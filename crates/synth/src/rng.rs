//! A small seeded generator. Every stream is derived from (seed, purpose, index), never drawn
//! from a shared generator, so the output does not depend on the thread schedule.

/// SplitMix64's finaliser: a good 64-bit mix of any input.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// What a stream is for: separate streams keep the values the same whatever the layout, the
/// error rate or the encoding choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stream {
    /// The tree of units and their names (one stream for the whole run).
    Hierarchy,
    /// A unit's values, all years.
    Values,
    /// A unit's file style: encoding, blank cells.
    Style,
    /// Which reports get a defect.
    Schedule,
    /// The details of one defect.
    Defect,
    /// Units created or dissolved inside the range.
    Lifespan,
    /// The Lanzhou sample: the 2020 split, and each unit's drift to another year.
    Lanzhou,
    /// `--variety`: a unit's tool, and what it types differently each year. Last, so the
    /// streams before it keep their numbers.
    Variety,
}

/// A hash of (seed, stream, a, b): the same inputs give the same number on every run.
pub(crate) fn hash(seed: u64, stream: Stream, a: u64, b: u64) -> u64 {
    let s = mix(seed ^ mix(stream as u64 + 1).rotate_left(17));
    mix(s ^ mix(a.wrapping_add(0x9e37_79b9_7f4a_7c15)) ^ mix(b).rotate_left(29))
}

/// SplitMix64: fast, tiny state, good enough for plausible synthetic data.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn derive(seed: u64, stream: Stream, a: u64, b: u64) -> Rng {
        Rng(hash(seed, stream, a, b))
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.0)
    }

    /// Uniform in [0, 1).
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n; 0 when n is 0.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in lo..=hi.
    pub(crate) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo) as u64 + 1) as i64
    }

    /// Uniform in [lo, hi).
    pub(crate) fn between(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Log-uniform in [lo, hi): as many units near 10 as near 10,000.
    pub(crate) fn log_uniform(&mut self, lo: f64, hi: f64) -> f64 {
        (lo.ln() + (hi.ln() - lo.ln()) * self.unit()).exp()
    }

    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// A standard normal draw (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u = 1.0 - self.unit();
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    /// Poisson with this mean: exact below 30, a rounded normal above.
    pub(crate) fn poisson(&mut self, mean: f64) -> i64 {
        if mean <= 0.0 {
            return 0;
        }
        if mean < 30.0 {
            let limit = (-mean).exp();
            let mut k = 0;
            let mut p = self.unit();
            while p > limit {
                k += 1;
                p *= self.unit();
            }
            return k;
        }
        (mean + mean.sqrt() * self.normal()).round().max(0.0) as i64
    }

    /// Binomial(n, p): exact up to 64 trials, else Poisson for a small mean (rare outcomes stay
    /// rare) and a rounded normal for a large one.
    pub(crate) fn binomial(&mut self, n: i64, p: f64) -> i64 {
        if n <= 0 || p <= 0.0 {
            return 0;
        }
        if p >= 1.0 {
            return n;
        }
        if n <= 64 {
            return (0..n).filter(|_| self.chance(p)).count() as i64;
        }
        let mean = n as f64 * p;
        if mean < 30.0 && p < 0.5 {
            return self.poisson(mean).min(n);
        }
        let sd = (mean * (1.0 - p)).sqrt();
        (mean + sd * self.normal()).round().clamp(0.0, n as f64) as i64
    }

    /// Shares `n` among categories by weight (a multinomial draw), into `out`.
    pub(crate) fn multinomial(&mut self, n: i64, weights: &[f64], out: &mut [i64]) {
        let mut left = n;
        let mut rest: f64 = weights.iter().sum();
        for (i, w) in weights.iter().enumerate() {
            let x = if i + 1 == weights.len() || rest <= 0.0 {
                left
            } else {
                self.binomial(left, (w / rest).min(1.0))
            };
            out[i] = x;
            left -= x;
            rest -= w;
        }
    }

    /// `x` rounded down or up at random, so that the expectation is `x` (negative: 0).
    pub(crate) fn round(&mut self, x: f64) -> i64 {
        let x = x.max(0.0);
        let floor = x.floor();
        floor as i64 + i64::from(self.unit() < x - floor)
    }

    /// A count around `mean`: Poisson when small, ±15 % when large.
    pub(crate) fn count(&mut self, mean: f64) -> i64 {
        if mean < 30.0 {
            self.poisson(mean)
        } else {
            let jitter = self.between(0.85, 1.15);
            self.round(mean * jitter)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_differ_and_repeat() {
        let a = Rng::derive(7, Stream::Values, 1, 0).next_u64();
        assert_eq!(a, Rng::derive(7, Stream::Values, 1, 0).next_u64());
        assert_ne!(a, Rng::derive(7, Stream::Values, 2, 0).next_u64());
        assert_ne!(a, Rng::derive(7, Stream::Style, 1, 0).next_u64());
        assert_ne!(a, Rng::derive(8, Stream::Values, 1, 0).next_u64());
    }

    #[test]
    fn draws_stay_in_range() {
        let mut r = Rng::derive(1, Stream::Values, 0, 0);
        let mut out = [0i64; 4];
        for n in [0, 1, 5, 63, 64, 65, 1000, 100_000] {
            r.multinomial(n, &[0.5, 0.0, 0.3, 0.2], &mut out);
            assert_eq!(out.iter().sum::<i64>(), n);
            assert!(out.iter().all(|x| *x >= 0));
            assert_eq!(out[1], 0);
            let b = r.binomial(n, 0.3);
            assert!((0..=n).contains(&b));
        }
        for _ in 0..1000 {
            assert!(r.below(7) < 7);
            assert!((3..=5).contains(&r.range(3, 5)));
            assert!(r.poisson(2.5) >= 0 && r.poisson(500.0) >= 0);
            let x = r.log_uniform(10.0, 1000.0);
            assert!((10.0..=1000.0).contains(&x));
        }
    }
}
