// idempotency1: the Idempotency-Key header
//
// A connection can break after the server made a payment but before the client got the answer.
// The client can't tell, so it sends the payment again, and a naive server charges twice. The
// fix from payment APIs (Stripe, Adyen): the client sends an `Idempotency-Key` that it makes up
// once per operation and repeats on every retry. The server stores the key with the response,
// in the same transaction as the payment; a retry gets the stored response replayed
// (`Idempotent-Replayed: true`) and nothing is done again. The same key with another body is a
// client bug: 422. (`find_key` in support looks a key up by itself; idempotency2 adds whose
// key it is and how long it lives.)
//
// In `create_payment`: replay or refuse (TODO 1), and save the key with the response (TODO 2).

#[path = "support/clock.rs"]
mod clock;
#[path = "support/payments.rs"]
mod payments;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;
use axum::routing::post;
use payments::{DbError, Shared, accept, find_key, insert_payment, json, save_key};

async fn create_payment(
    State(state): State<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, DbError> {
    let call = match accept(&state, &headers, &body) {
        Ok(call) => call,
        Err(refusal) => return Ok(refusal),
    };
    let mut conn = state.db.lock().unwrap();
    if let Some(stored) = find_key(&conn, call.principal, &call.key, call.now)? {
        if stored.request_hash != call.hash {
            let body = r#"{"error":"this key was used with another request"}"#;
            return Ok(json(422, body.into()));
        }
        let mut response = json(stored.status, stored.body);
        let replayed = HeaderValue::from_static("true");
        response
            .headers_mut()
            .insert("idempotent-replayed", replayed);
        return Ok(response);
    }

    let tx = conn.transaction()?;
    let (status, body) = insert_payment(&tx, &call)?;
    save_key(&tx, &call, status, &body)?;
    tx.commit()?;
    Ok(json(status, body))
}

fn app(state: Shared) -> Router {
    Router::new()
        .route("/payments", post(create_payment))
        .with_state(state)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let app = app(payments::Payments::new(find_key));
    for _ in 0..2 {
        let reply = payments::pay(&app, "alice", "k-1", payments::PAY_BOB).await;
        println!("{}: {}", reply.kind(), reply.body);
    }
}

#[cfg(test)]
mod tests {
    use crate::payments::{PAY_BOB, PAY_EVE, Payments, find_key, pay};

    #[tokio::test]
    async fn a_retry_is_replayed_and_pays_nothing() {
        let state = Payments::new(find_key);
        let app = super::app(state.clone());
        let first = pay(&app, "alice", "k-1", PAY_BOB).await;
        assert_eq!(first.kind(), "paid", "the first request pays bob");
        for n in 1..=3 {
            let retry = pay(&app, "alice", "k-1", PAY_BOB).await;
            let why = format!("retry {n} gets the stored response {} again", first.body);
            assert_eq!(
                retry.kind(),
                "replayed",
                "{why}, with Idempotent-Replayed: true"
            );
            assert!(retry.body == first.body, "{why}, not {}", retry.body);
        }
        assert_eq!(
            state.payments(),
            1,
            "bob is paid once, however many retries"
        );
    }

    #[tokio::test]
    async fn the_same_key_with_another_body_is_422() {
        let state = Payments::new(find_key);
        let app = super::app(state.clone());
        pay(&app, "alice", "k-1", PAY_BOB).await;
        let reused = pay(&app, "alice", "k-1", PAY_EVE).await;
        assert_eq!(reused.status, 422, "k-1 belongs to the payment to bob");
        assert_eq!(state.payments(), 1, "eve got nothing");
        let retry = pay(&app, "alice", "k-1", PAY_BOB).await;
        assert!(retry.replayed, "k-1 still replays the payment to bob");
    }
}
