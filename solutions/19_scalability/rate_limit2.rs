// rate_limit2: whose bucket is it?
//
// A limiter is only as good as its idea of "the client". Keyed on an `x-api-key` header that
// nobody checks, it limits nobody: a client that sends a fresh random key with every request
// gets a fresh, full bucket every time, and the map of buckets grows without bound. Charge a
// request to something the client cannot mint: the principal of a key the service issued,
// or else the peer's IP address, so all unknown keys from one address share one bucket. (The
// limiter in support code also bounds its map, evicting the bucket used longest ago.)
//
// Fix `client_key`.

#[path = "support/clock.rs"]
mod clock;
#[path = "support/limiter.rs"]
mod limiter;

use std::net::SocketAddr;

use limiter::ApiKeys;

/// The bucket a request is charged to: `key:<principal>` or `ip:<address>`.
fn client_key(keys: &ApiKeys, api_key: Option<&str>, peer: SocketAddr) -> String {
    match api_key.and_then(|key| keys.principal(key)) {
        Some(principal) => format!("key:{principal}"),
        None => format!("ip:{}", peer.ip()),
    }
}

fn main() {
    let keys = ApiKeys::new(&[("k-7f3a", "alice")]);
    let peer: SocketAddr = "10.0.0.7:5000".parse().unwrap();
    for key in [Some("k-7f3a"), Some("made-up"), None] {
        println!("{key:?} -> {}", client_key(&keys, key, peer));
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use axum::http::StatusCode;

    use crate::clock::ManualClock;
    use crate::limiter::{ApiKeys, Limiter, app, call};

    fn limiter(max_clients: usize) -> Arc<Limiter> {
        Arc::new(Limiter::new(
            Arc::new(ManualClock::default()),
            5,
            1.0,
            max_clients,
        ))
    }

    #[tokio::test]
    async fn twenty_made_up_keys_from_one_address_share_one_bucket() {
        let app = app(limiter(100), ApiKeys::default(), super::client_key);
        let mut refused = 0;
        for n in 0..20 {
            let key = format!("random-{n:x}{}", n * 7919);
            if call(&app, Some(&key), "10.0.0.7:5000").await.0 == StatusCode::TOO_MANY_REQUESTS {
                refused += 1;
            }
        }
        assert_eq!(
            refused, 15,
            "20 requests with 20 made-up keys from one address: 5 fit the bucket, 15 get 429 \
             (a fresh key must not buy a fresh bucket)"
        );
    }

    #[tokio::test]
    async fn an_issued_key_is_one_budget_from_any_address() {
        let keys = ApiKeys::new(&[("k-7f3a", "alice")]);
        let app = app(limiter(100), keys, super::client_key);
        for n in 0..5 {
            let peer = format!("10.0.0.{n}:5000");
            assert_eq!(
                call(&app, Some("k-7f3a"), &peer).await.0,
                StatusCode::OK,
                "alice's request {n}"
            );
        }
        assert_eq!(
            call(&app, Some("k-7f3a"), "10.9.9.9:5000").await,
            (StatusCode::TOO_MANY_REQUESTS, Some("1".to_string())),
            "alice's 6th request is over her budget of 5, from whichever address it comes"
        );
        assert_eq!(
            call(&app, None, "10.9.9.9:5000").await.0,
            StatusCode::OK,
            "alice's use is charged to alice, not to the address she called from"
        );
    }

    #[tokio::test]
    async fn the_buckets_stay_bounded() {
        let limiter = limiter(8);
        let app = app(limiter.clone(), ApiKeys::default(), super::client_key);
        for n in 0..50 {
            call(&app, Some(&format!("key-{n}")), &format!("10.1.0.{n}:5000")).await;
        }
        assert!(
            limiter.clients() <= 8,
            "50 clients, at most 8 buckets kept: {} (memory must not grow with what clients send)",
            limiter.clients()
        );
    }
}
