// metrics2: a latency histogram
//
// Averages hide the slow requests users complain about; percentiles such as the p99 show
// them. Prometheus gets them from a *histogram*: counts of observations in buckets, "how
// many requests took at most 10 ms, at most 50 ms, ...". The buckets are *cumulative*: the
// `le="0.1"` bucket ("less than or equal to 0.1 s") includes everything in `le="0.05"`, and
// a last bucket, `le="+Inf"`, counts every observation. With `_sum` and `_count` beside
// them, Prometheus can add histograms from many instances and estimate any percentile:
//
//     http_request_duration_seconds_bucket{le="0.05"} 2
//     http_request_duration_seconds_bucket{le="+Inf"} 3
//     http_request_duration_seconds_sum 0.36
//     http_request_duration_seconds_count 3
//
// Make `observe` cumulative, and finish `render` with the `+Inf` bucket, `_sum` and `_count`.

use std::fmt::Write;

/// The upper bounds of the buckets, in seconds.
pub const BUCKETS: [f64; 5] = [0.01, 0.05, 0.1, 0.5, 1.0];

#[derive(Default)]
pub struct Histogram {
    /// `counts[i]`: how many observations were at most `BUCKETS[i]`.
    counts: [u64; BUCKETS.len()],
    sum: f64,
    count: u64,
}

impl Histogram {
    pub fn observe(&mut self, seconds: f64) {
        // TODO: count the observation in *every* bucket whose bound is at least `seconds`.
        if let Some(i) = BUCKETS.iter().position(|bound| seconds <= *bound) {
            self.counts[i] += 1;
        }
        self.sum += seconds;
        self.count += 1;
    }

    /// The histogram `name` in the Prometheus text format.
    pub fn render(&self, name: &str) -> String {
        let mut out = format!("# TYPE {name} histogram\n");
        for (bound, count) in BUCKETS.iter().zip(&self.counts) {
            writeln!(out, "{name}_bucket{{le=\"{bound}\"}} {count}").unwrap();
        }
        // TODO: the `le="+Inf"` bucket, then `{name}_sum` and `{name}_count`.
        out
    }
}

fn main() {
    let mut latency = Histogram::default();
    latency.observe(0.03);
    print!("{}", latency.render("http_request_duration_seconds"));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    /// The page after observing these durations (powers of two: their sum is exact).
    fn page_after(seconds: &[f64]) -> Vec<String> {
        let mut histogram = Histogram::default();
        seconds.iter().for_each(|s| histogram.observe(*s));
        let page = histogram.render("t");
        page.lines().skip(1).map(str::to_string).collect()
    }

    #[test]
    fn buckets_are_cumulative() {
        let page = page_after(&[0.0078125, 0.03125, 0.03125, 0.25]);
        let buckets = ["t_bucket{le=\"0.01\"} 1", "t_bucket{le=\"0.05\"} 3"];
        assert_eq!(
            page[..2],
            buckets,
            "0.05 counts the two of 31 ms and the 8 ms one"
        );
        let rest = [
            "t_bucket{le=\"0.1\"} 3",
            "t_bucket{le=\"0.5\"} 4",
            "t_bucket{le=\"1\"} 4",
        ];
        assert_eq!(page[2..5], rest, "each bucket includes every smaller one");
    }

    #[test]
    fn inf_sum_and_count_end_the_histogram() {
        let page = page_after(&[0.1, 2.5]);
        let want = ["t_bucket{le=\"+Inf\"} 2", "t_sum 2.6", "t_count 2"];
        assert_eq!(page[5..], want, "after the buckets: +Inf, _sum, _count");
        let why = "0.1 is counted in le=\"0.1\" (less than or equal), 2.5 only in +Inf";
        assert_eq!(page[2], "t_bucket{le=\"0.1\"} 1", "{why}");
    }
}
