// constant_time1: comparing secrets without a timing leak
//
// `==` on two byte slices stops at the first byte that differs. That is the right thing for
// ordinary data, and the wrong thing for secrets: a wrong API key whose first byte is right
// takes a little longer to refuse than one whose first byte is wrong. The difference is tiny,
// but an attacker can repeat each request thousands of times and average, and then recover
// the key one byte at a time: 256 guesses per byte, 32 x 256 = 8192 guesses in all, instead
// of the 2^256 that a 32-byte random key should cost.
//
// The fix is a comparison whose work does not depend on where (or whether) the inputs
// differ: look at every byte, combine the results without branching on them, and only then
// answer. Do not write that yourself: the `subtle` crate's `ConstantTimeEq` does it, with the
// tricks that stop the optimiser from putting the early exit back. `a.ct_eq(b)` returns a
// `subtle::Choice`, which converts into a `bool` at the very end. It does return early when
// the lengths differ, which is fine: the length of a key is not a secret, only its bytes are.
//
// The tests measure without a clock: `keys_match` is generic over the element type, and the
// tests hand it bytes that count how often they are compared (with `==` or with `ct_eq`).
// In the server, `T` is simply `u8`. The count must not depend on the presented key.
//
// One more rule while you are here: a server whose configured key is empty (a missing
// environment variable, say) must refuse everyone, not accept an empty key.
//
// Rewrite `keys_match`.

use axum::http::{HeaderMap, StatusCode};
use subtle::ConstantTimeEq;

/// Whether the presented key equals the expected one, in constant time. An empty expected key
/// matches nothing.
fn keys_match<T: ConstantTimeEq>(expected: &[T], presented: &[T]) -> bool {
    !expected.is_empty() && bool::from(expected.ct_eq(presented))
}

/// Checks the `x-api-key` header of a request against the configured key.
fn check_api_key(headers: &HeaderMap, expected: &[u8]) -> Result<(), StatusCode> {
    let presented = headers.get("x-api-key").ok_or(StatusCode::UNAUTHORIZED)?;
    if keys_match(expected, presented.as_bytes()) {
        Ok(())
    } else {
        Err(StatusCode::UNAUTHORIZED)
    }
}

fn main() {
    let mut headers = HeaderMap::new();
    headers.insert("x-api-key", "not-the-key".parse().unwrap());
    println!(
        "{:?}",
        check_api_key(&headers, b"0123456789abcdef0123456789abcdef")
    );
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::collections::BTreeMap;
    use subtle::Choice;

    const KEY: &[u8; 32] = b"sk_live_7f3a9c2e41b8d05f6e2a9c17";

    thread_local! {
        static COMPARISONS: Cell<usize> = const { Cell::new(0) };
    }

    /// A byte that counts every comparison it takes part in.
    #[derive(Clone, Copy, Debug)]
    struct Watched(u8);

    fn count() {
        COMPARISONS.with(|c| c.set(c.get() + 1));
    }

    impl PartialEq for Watched {
        fn eq(&self, other: &Self) -> bool {
            count();
            self.0 == other.0
        }
    }

    impl ConstantTimeEq for Watched {
        fn ct_eq(&self, other: &Self) -> Choice {
            count();
            self.0.ct_eq(&other.0)
        }
    }

    /// Runs `keys_match` on watched bytes: its answer and how many comparisons it made.
    fn watched_match(expected: &[u8], presented: &[u8]) -> (bool, usize) {
        let expected: Vec<Watched> = expected.iter().copied().map(Watched).collect();
        let presented: Vec<Watched> = presented.iter().copied().map(Watched).collect();
        COMPARISONS.with(|c| c.set(0));
        let matched = keys_match(&expected, &presented);
        (matched, COMPARISONS.with(Cell::get))
    }

    fn headers(key: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-api-key", key.parse().unwrap());
        headers
    }

    #[test]
    fn only_the_right_key_matches() {
        assert!(keys_match(KEY, KEY));
        assert!(!keys_match(KEY, b"sk_live_7f3a9c2e41b8d05f6e2a9c18"));
        assert!(!keys_match(KEY, b"sk_live_7f3a9c2e41b8d05f6e2a9c1"));
        assert!(!keys_match(KEY, b"sk_live_7f3a9c2e41b8d05f6e2a9c177"));
        assert!(!keys_match(KEY, b""));
    }

    #[test]
    fn an_empty_configured_key_matches_nothing() {
        assert!(!keys_match::<u8>(b"", b""), "an empty key let everyone in");
        assert_eq!(
            check_api_key(&headers(""), b""),
            Err(StatusCode::UNAUTHORIZED)
        );
    }

    #[test]
    fn check_api_key_guards_requests() {
        let key = std::str::from_utf8(KEY).unwrap();
        assert_eq!(check_api_key(&headers(key), KEY), Ok(()));
        assert_eq!(
            check_api_key(&headers("guess"), KEY),
            Err(StatusCode::UNAUTHORIZED)
        );
        assert_eq!(
            check_api_key(&HeaderMap::new(), KEY),
            Err(StatusCode::UNAUTHORIZED)
        );
    }

    #[test]
    fn every_byte_is_compared_wherever_the_keys_differ() {
        assert_eq!(watched_match(KEY, KEY), (true, 32));
        for position in [0, 1, 16, 31] {
            let mut presented = *KEY;
            presented[position] ^= 0x01;
            let (matched, comparisons) = watched_match(KEY, &presented);
            assert!(!matched);
            assert_eq!(
                comparisons, 32,
                "with the first difference at byte {position}, the comparison looked at \
                 {comparisons} of 32 bytes: its running time tells where the keys differ"
            );
        }
    }

    #[test]
    fn guessing_byte_by_byte_learns_nothing() {
        // The attacker tries every value for the first byte and "times" each answer.
        let mut guesses_by_time: BTreeMap<usize, Vec<u8>> = BTreeMap::new();
        for guess in 0..=255u8 {
            let mut presented = [b'?'; 32];
            presented[0] = guess;
            let (matched, comparisons) = watched_match(KEY, &presented);
            assert!(!matched);
            guesses_by_time.entry(comparisons).or_default().push(guess);
        }
        let times: Vec<usize> = guesses_by_time.keys().copied().collect();
        if let Some((time, guesses)) = guesses_by_time.iter().find(|(_, g)| g.len() == 1) {
            let byte = guesses[0] as char;
            let others: Vec<usize> = times.iter().copied().filter(|t| t != time).collect();
            panic!(
                "the guess {byte:?} took {time} comparisons and the other guesses {others:?}: \
                 the attacker now knows that the key starts with {byte:?}"
            );
        }
        assert_eq!(
            times.len(),
            1,
            "the number of comparisons varied: {times:?}"
        );
    }
}
