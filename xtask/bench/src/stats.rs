//! Summaries of repeated measurements: min, median, percentiles, growth exponents.

use std::time::{Duration, Instant};

/// Repeated measurements of one quantity (seconds, bytes, ratios...).
#[derive(Clone, Debug, Default)]
pub struct Samples(Vec<f64>);

impl Samples {
    /// No samples yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one measurement.
    pub fn push(&mut self, value: f64) {
        self.0.push(value);
    }

    /// Adds a duration, in seconds.
    pub fn push_duration(&mut self, duration: Duration) {
        self.0.push(duration.as_secs_f64());
    }

    /// The measurements, in the order taken.
    pub fn values(&self) -> &[f64] {
        &self.0
    }

    /// Element-wise `self[i] / other[i]`: ratios of measurements taken side by side.
    pub fn ratio_to(&self, other: &Samples) -> Samples {
        Samples(self.0.iter().zip(&other.0).map(|(a, b)| a / b).collect())
    }

    /// How many measurements there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The smallest value (0 when empty).
    pub fn min(&self) -> f64 {
        self.0.iter().copied().reduce(f64::min).unwrap_or(0.0)
    }

    /// The largest value (0 when empty).
    pub fn max(&self) -> f64 {
        self.0.iter().copied().reduce(f64::max).unwrap_or(0.0)
    }

    /// The arithmetic mean (0 when empty).
    pub fn mean(&self) -> f64 {
        if self.0.is_empty() {
            return 0.0;
        }
        self.0.iter().sum::<f64>() / self.0.len() as f64
    }

    /// The sum of all values.
    pub fn sum(&self) -> f64 {
        self.0.iter().sum()
    }

    /// The median (the mean of the middle two for an even count).
    pub fn median(&self) -> f64 {
        let sorted = self.sorted();
        match sorted.len() {
            0 => 0.0,
            n if n % 2 == 1 => sorted[n / 2],
            n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
        }
    }

    /// The `p`-th percentile (0 to 100), nearest-rank.
    pub fn percentile(&self, p: f64) -> f64 {
        let sorted = self.sorted();
        if sorted.is_empty() {
            return 0.0;
        }
        let rank = (p / 100.0 * sorted.len() as f64).ceil() as usize;
        sorted[rank.clamp(1, sorted.len()) - 1]
    }

    fn sorted(&self) -> Vec<f64> {
        let mut sorted = self.0.clone();
        sorted.sort_by(f64::total_cmp);
        sorted
    }
}

/// Runs `f` and returns its result with the time it took.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

/// The exponent `k` of the least-squares fit `y = c * x^k` on log-log axes.
pub fn growth_exponent(points: &[(f64, f64)]) -> f64 {
    let logs: Vec<(f64, f64)> = points
        .iter()
        .filter(|(x, y)| *x > 0.0 && *y > 0.0)
        .map(|(x, y)| (x.ln(), y.ln()))
        .collect();
    let n = logs.len() as f64;
    if logs.len() < 2 {
        return f64::NAN;
    }
    let mean_x = logs.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = logs.iter().map(|p| p.1).sum::<f64>() / n;
    let covariance: f64 = logs.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
    let variance: f64 = logs.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    covariance / variance
}

/// A duration in seconds, printed with a unit that keeps 3 significant digits.
pub fn secs(seconds: f64) -> String {
    if seconds >= 1.0 {
        format!("{seconds:.2} s")
    } else if seconds >= 1e-3 {
        format!("{} ms", sig3(seconds * 1e3))
    } else {
        format!("{} µs", sig3(seconds * 1e6))
    }
}

/// A byte count in MB (10^6 bytes).
pub fn megabytes(bytes: f64) -> String {
    format!("{} MB", sig3(bytes / 1e6))
}

/// A ratio, `1.23×`.
pub fn ratio(value: f64) -> String {
    format!("{value:.2}×")
}

/// A number with about 3 significant digits.
pub fn sig3(value: f64) -> String {
    if value >= 100.0 {
        format!("{value:.0}")
    } else if value >= 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples(values: &[f64]) -> Samples {
        let mut s = Samples::new();
        for v in values {
            s.push(*v);
        }
        s
    }

    #[test]
    fn order_statistics() {
        let s = samples(&[5.0, 1.0, 4.0, 2.0, 3.0]);
        assert_eq!(s.min(), 1.0);
        assert_eq!(s.max(), 5.0);
        assert_eq!(s.median(), 3.0);
        assert_eq!(s.mean(), 3.0);
        assert_eq!(samples(&[4.0, 1.0, 3.0, 2.0]).median(), 2.5);
        let hundred = samples(&(1..=100).map(f64::from).collect::<Vec<_>>());
        assert_eq!(hundred.percentile(50.0), 50.0);
        assert_eq!(hundred.percentile(99.0), 99.0);
        assert_eq!(hundred.percentile(100.0), 100.0);
        assert_eq!(
            samples(&[2.0, 9.0])
                .ratio_to(&samples(&[1.0, 3.0]))
                .values(),
            [2.0, 3.0]
        );
        assert!(Samples::new().median() == 0.0 && Samples::new().percentile(99.0) == 0.0);
    }

    #[test]
    fn exponent_of_a_power_law() {
        let linear: Vec<_> = [100.0, 1000.0, 10000.0]
            .iter()
            .map(|x| (*x, 3.0 * x))
            .collect();
        assert!((growth_exponent(&linear) - 1.0).abs() < 1e-9);
        let square: Vec<_> = [1.0, 2.0, 4.0, 8.0].iter().map(|x| (*x, x * x)).collect();
        assert!((growth_exponent(&square) - 2.0).abs() < 1e-9);
        assert!(growth_exponent(&[(1.0, 1.0)]).is_nan());
    }

    #[test]
    fn units() {
        assert_eq!(secs(1.5), "1.50 s");
        assert_eq!(secs(0.0123), "12.3 ms");
        assert_eq!(secs(0.000_045_6), "45.6 µs");
        assert_eq!(megabytes(123_456_789.0), "123 MB");
        assert_eq!(ratio(1.234), "1.23×");
    }
}
