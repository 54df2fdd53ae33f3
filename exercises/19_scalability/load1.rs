// load1: p50 and p99, not the average
//
// Latency is a distribution. Its average hides the slow requests (90 of 1 ms and 10 of 20 ms
// average 2.9 ms, a time no request took), and they matter: a page that makes 100 calls hits
// the slowest 1% on most loads. So load tests report percentiles: p50 (the median, a typical
// request) and p99 (the tail). `measure` sends requests one after another and times each.
// Beware coordinated omission: a generator that waits for each answer sends less while the
// server stalls and so under-counts the stall; wrk2 and k6 send at a fixed rate instead.
//
// Fix `percentile`: nearest rank, `p` percent of n samples is the ceil(p * n / 100)-th smallest.

#[path = "support/latency.rs"]
mod latency;

use std::time::Duration;

use axum::Router;
use tokio::time::Instant;

/// The latency below which `p` percent of `samples` fall (1 <= p <= 100), by nearest rank.
fn percentile(samples: &[Duration], p: u32) -> Duration {
    // TODO: sort a copy, then take the sample at rank ceil(p * n / 100) (ranks start at 1).
    samples.iter().sum::<Duration>() / samples.len() as u32
}

/// Sends up to `requests` requests one after another, stopping after `budget`: their latencies.
async fn measure(app: &Router, requests: usize, budget: Duration) -> Vec<Duration> {
    let (start, mut samples) = (Instant::now(), Vec::new());
    while samples.len() < requests && start.elapsed() < budget {
        let sent = Instant::now();
        latency::request(app).await;
        samples.push(sent.elapsed());
    }
    samples
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let samples = measure(&latency::server(), 1000, Duration::from_secs(10)).await;
    let mean = samples.iter().sum::<Duration>() / samples.len() as u32;
    let (p50, p99) = (percentile(&samples, 50), percentile(&samples, 99));
    println!("mean {mean:?}, p50 {p50:?}, p99 {p99:?}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::latency::{known_samples, ms, server};

    #[test]
    fn percentiles_by_nearest_rank() {
        let samples = known_samples();
        for (p, want) in [(1, 1), (50, 1), (90, 1), (91, 20), (99, 20), (100, 20)] {
            let got = percentile(&samples, p);
            let rank = format!("ceil({p} * 100 / 100) = {p}, counting from 1");
            let why = format!("p{p} of 100 samples (90 of 1 ms, 10 of 20 ms): rank {rank}");
            assert_eq!(got, ms(want), "{why}");
        }
        for (p, want) in [(50, 20), (100, 30)] {
            let got = percentile(&[ms(30), ms(10), ms(20)], p);
            assert_eq!(got, ms(want), "p{p} of 30, 10, 20 ms (not sorted)");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn p50_and_p99_of_a_server() {
        let samples = measure(&server(), 200, Duration::from_secs(10)).await;
        assert_eq!(samples.len(), 200, "200 requests fit in the 10 s budget");
        let (p50, p99) = (percentile(&samples, 50), percentile(&samples, 99));
        assert_eq!(p50, ms(1), "9 requests in 10 take 1 ms: that is the median");
        assert_eq!(
            p99,
            ms(20),
            "1 request in 10 takes 20 ms: p99 shows the tail"
        );
    }
}
