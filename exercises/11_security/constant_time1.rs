// constant_time1: comparing secrets without a timing leak
//
// `==` on byte slices stops at the first difference. For secrets that is a leak: a wrong API
// key whose first byte is right takes a little longer to refuse. Averaged over many requests,
// an attacker recovers the key a byte at a time: 32 x 256 guesses instead of 2^256. Compare
// secrets in constant time: the `subtle` crate's `ConstantTimeEq` looks at every byte and only
// then answers (`a.ct_eq(b)` gives a `Choice`; `bool::from` turns it into a `bool`). It does
// return early when the lengths differ: a key's length is not secret, its bytes are.
//
// Rewrite `keys_match`. An empty configured key (a missing environment variable) must match
// nothing. The tests count comparisons with bytes that count themselves; in the server,
// `T` is `u8`.

#[path = "support/api_key.rs"]
mod api_key;

use subtle::ConstantTimeEq;

/// Whether the presented key equals the expected one, in constant time. An empty expected
/// key matches nothing.
fn keys_match<T: PartialEq + ConstantTimeEq>(expected: &[T], presented: &[T]) -> bool {
    // TODO: `==` stops at the first difference, and an empty key matches an empty key.
    expected == presented
}

fn main() {
    let answer = api_key::check_bearer(&api_key::bearer("guess"), b"sk_live_7f3a9c", keys_match);
    println!("{:?}", answer.map_err(|response| response.status()));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use api_key::{bearer, check_bearer, watched};

    const KEY: &[u8; 32] = b"sk_live_7f3a9c2e41b8d05f6e2a9c17";

    #[test]
    fn only_the_right_key_is_let_in() {
        let right = check_bearer(&bearer("sk_live_7f3a9c2e41b8d05f6e2a9c17"), KEY, keys_match);
        assert!(right.is_ok(), "the right key is let in");
        let refused = check_bearer(&bearer("sk_live_7f3a9c2e41b8d05f6e2a9c18"), KEY, keys_match);
        let challenge = refused.map_err(|r| r.headers().contains_key("www-authenticate"));
        assert_eq!(
            challenge,
            Err(true),
            "a wrong key gets a 401 with WWW-Authenticate"
        );
        assert!(
            !keys_match::<u8>(b"", b""),
            "an empty configured key let an empty key in"
        );
    }

    #[test]
    fn every_byte_is_compared_wherever_the_keys_differ() {
        for position in [0, 1, 16, 31] {
            let mut presented = *KEY;
            presented[position] ^= 0x01;
            let (matched, comparisons) = watched(keys_match, KEY, &presented);
            assert!(!matched, "a key with byte {position} changed is wrong");
            let why = format!(
                "with the first difference at byte {position}, the comparison looked at \
                 {comparisons} of 32 bytes: its running time tells where the keys differ"
            );
            assert_eq!(comparisons, 32, "{why}");
            let by_eq = api_key::by_eq();
            let why = "even a loop over every byte with `==` may be compiled into an early \
                       exit; `ct_eq` is written so that the optimizer cannot";
            assert_eq!(by_eq, 0, "{by_eq} of the comparisons used `==`: {why}");
        }
    }
}
