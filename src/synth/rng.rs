//! The generator's own pseudo-random numbers: SplitMix64, and distributions built only from
//! IEEE-exact arithmetic (`+ - * /`, `sqrt`).
//!
//! The platform's `ln`, `exp`, `sin` may differ in the last bit between systems, and one bit is
//! enough to flip a comparison and change a file. So logarithms are computed here by a series,
//! and directions by rejection sampling, and the same seed gives the same bytes everywhere.

/// A SplitMix64 stream (Steele, Lea and Flood 2014): 64 bits of state, passes BigCrush, and
/// cheap enough to give every child a stream of its own.
#[derive(Clone, Debug)]
pub(crate) struct Rng(u64);

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// The stream number `index` of kind `stream` for a seed. Streams are independent, so a
    /// child's history does not shift when another child's changes.
    pub(crate) fn stream(seed: u64, stream: u64, index: u64) -> Rng {
        Rng(mix(
            mix(seed ^ mix(stream.wrapping_add(GOLDEN))) ^ index.wrapping_mul(GOLDEN)
        ))
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        mix(self.0)
    }

    /// Uniform in `[0, 1)`, 53 bits.
    pub(crate) fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n` (`n > 0`; 0 when `n` is 0), by Lemire's multiply-shift.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    /// Uniform integer in `lo..=hi` (`lo` when `hi < lo`).
    pub(crate) fn range(&mut self, lo: i32, hi: i32) -> i32 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo) as u64 + 1) as i32
    }

    /// True with probability `p`.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    /// One of `items`, chosen with the given weights (which need not sum to 1).
    pub(crate) fn pick<T: Copy>(&mut self, items: &[(T, f64)]) -> T {
        let total: f64 = items.iter().map(|(_, w)| w).sum();
        let mut x = self.f64() * total;
        for (item, w) in items {
            if x < *w {
                return *item;
            }
            x -= w;
        }
        items[items.len() - 1].0
    }

    /// Exponentially distributed with the given mean.
    pub(crate) fn exponential(&mut self, mean: f64) -> f64 {
        -mean * ln(1.0 - self.f64())
    }

    /// Poisson-distributed count: by exponential gaps for small means, by the Irwin-Hall
    /// normal approximation (twelve uniforms) for large ones.
    pub(crate) fn poisson(&mut self, mean: f64) -> u32 {
        if mean <= 0.0 {
            return 0;
        }
        if mean > 40.0 {
            let z: f64 = (0..12).map(|_| self.f64()).sum::<f64>() - 6.0;
            return (mean + z * mean.sqrt()).round().max(0.0) as u32;
        }
        let mut n = 0;
        let mut t = self.exponential(1.0);
        while t < mean {
            n += 1;
            t += self.exponential(1.0);
        }
        n
    }

    /// A direction (unit vector) drawn uniformly, by rejection from the unit disc.
    pub(crate) fn direction(&mut self) -> (f64, f64) {
        loop {
            let x = 2.0 * self.f64() - 1.0;
            let y = 2.0 * self.f64() - 1.0;
            let r2 = x * x + y * y;
            if r2 > 1e-6 && r2 <= 1.0 {
                let r = r2.sqrt();
                return (x / r, y / r);
            }
        }
    }
}

/// Natural logarithm of `x > 0` from `x = m * 2^e` and the series
/// `ln m = 2 atanh((m - 1) / (m + 1))`; accurate to about 1e-15 and identical on every platform.
pub(crate) fn ln(x: f64) -> f64 {
    if x <= 0.0 || !x.is_finite() {
        return f64::NEG_INFINITY;
    }
    let bits = x.to_bits();
    let mut exponent = ((bits >> 52) & 0x7ff) as i64 - 1023;
    let mut m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    if exponent == -1023 {
        // Subnormal: renormalise (never reached by the generator, kept for totality).
        let n = x * (1u64 << 54) as f64;
        return ln(n) - 54.0 * std::f64::consts::LN_2;
    }
    if m > std::f64::consts::SQRT_2 {
        m /= 2.0;
        exponent += 1;
    }
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    let mut term = s;
    let mut sum = 0.0;
    let mut k = 1.0;
    while k < 40.0 {
        sum += term / k;
        term *= s2;
        k += 2.0;
    }
    2.0 * sum + exponent as f64 * std::f64::consts::LN_2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_logarithm_matches_the_platform_to_1e_12() {
        for x in [1e-9, 0.001, 0.3, 0.5, 0.999, 1.0, 1.5, 2.0, 7.0, 1e6] {
            assert!((ln(x) - x.ln()).abs() < 1e-12, "{x}");
        }
    }

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: Vec<u64> = (0..4).map(|_| Rng::stream(1, 2, 3).next_u64()).collect();
        assert!(a.iter().all(|v| *v == a[0]));
        assert_ne!(
            Rng::stream(1, 2, 3).next_u64(),
            Rng::stream(1, 2, 4).next_u64()
        );
        assert_ne!(
            Rng::stream(1, 2, 3).next_u64(),
            Rng::stream(2, 2, 3).next_u64()
        );
    }

    #[test]
    fn poisson_and_exponential_means_are_right() {
        let mut r = Rng::stream(7, 0, 0);
        let n = 20_000;
        let p: f64 = (0..n).map(|_| r.poisson(3.0) as f64).sum::<f64>() / n as f64;
        let e: f64 = (0..n).map(|_| r.exponential(2.0)).sum::<f64>() / n as f64;
        let big: f64 = (0..n).map(|_| r.poisson(90.0) as f64).sum::<f64>() / n as f64;
        assert!((p - 3.0).abs() < 0.08, "{p}");
        assert!((e - 2.0).abs() < 0.06, "{e}");
        assert!((big - 90.0).abs() < 0.5, "{big}");
    }
}
