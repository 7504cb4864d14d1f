//! A small deterministic random number generator (SplitMix64). The generator
//! and the test harnesses need reproducible streams, not cryptographic
//! quality, and no crate: a crate's stream may change between versions,
//! which would change every generated log and every harness run for a seed.

/// SplitMix64: one 64-bit word of state, full period, good enough mixing.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed` (every seed, including 0, gives a good stream).
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`), by multiply-shift (no modulo bias worth naming).
    pub fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `0..n` (`n > 0`): an index into a collection of `n` items.
    pub fn index(&mut self, n: usize) -> usize {
        self.below(n)
    }

    /// Uniform in `lo..=hi`, for any integer type the callers count in.
    pub fn range<T: Whole>(&mut self, lo: T, hi: T) -> T {
        let (lo, hi) = (lo.to_i128(), hi.to_i128());
        debug_assert!(lo <= hi);
        T::from_i128(lo + self.below((hi - lo + 1) as usize) as i128)
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One item of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// An integer type [`Rng::range`] draws in.
pub trait Whole: Copy {
    /// The value, widened.
    fn to_i128(self) -> i128;
    /// Back from a value known to fit.
    fn from_i128(v: i128) -> Self;
}

macro_rules! whole {
    ($($t:ty),+) => {
        $(impl Whole for $t {
            fn to_i128(self) -> i128 {
                self as i128
            }
            fn from_i128(v: i128) -> Self {
                v as $t
            }
        })+
    };
}

whole!(i32, i64, u32, u64, usize);

/// Sampling ranks 0..n with probability proportional to `1 / (rank + 1)^s`.
#[derive(Clone, Debug)]
pub struct Zipf {
    cdf: Vec<f64>,
}

impl Zipf {
    /// The distribution over `n` ranks with exponent `s`.
    pub fn new(n: usize, s: f64) -> Zipf {
        let mut total = 0.0;
        let cdf = (0..n)
            .map(|k| {
                total += 1.0 / ((k + 1) as f64).powf(s);
                total
            })
            .collect::<Vec<_>>();
        Zipf {
            cdf: cdf.into_iter().map(|c| c / total).collect(),
        }
    }

    /// A rank.
    pub fn sample(&self, rng: &mut Rng) -> usize {
        let u = rng.unit();
        self.cdf
            .partition_point(|c| *c <= u)
            .min(self.cdf.len() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
        assert_ne!(Rng::new(1).next_u64(), Rng::new(2).next_u64());
    }

    #[test]
    fn zipf_is_skewed() {
        let z = Zipf::new(100, 1.0);
        let mut rng = Rng::new(3);
        let mut counts = [0u32; 100];
        for _ in 0..100_000 {
            counts[z.sample(&mut rng)] += 1;
        }
        assert!(counts[0] > 10 * counts[50], "{counts:?}");
        assert!(counts.iter().all(|c| *c > 0));
    }
}
