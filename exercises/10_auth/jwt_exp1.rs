// jwt_exp1: a token's time window
//
// A JWT carries its own lifetime: `exp` (expires at) and the optional `nbf` (not before), in
// seconds since the Unix epoch: valid while `nbf <= now < exp`. A server cannot take a token
// back, so `exp` stays short (minutes) and clients refresh. `decode` checks the signature
// first (`jwt::verify_hs256`, what jwt2 builds): nothing in a token means anything until then.
// The tests choose `now`. Make `decode` refuse expired and not-yet-valid tokens.

#[path = "support/jwt.rs"]
mod jwt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub exp: u64,
    pub nbf: Option<u64>,
}

#[derive(Debug, PartialEq)]
pub enum JwtError {
    Token(jwt::TokenError),
    Expired,
    NotYetValid,
}

pub fn decode(token: &str, key: &[u8], now: u64) -> Result<Claims, JwtError> {
    let claims: Claims = jwt::verify_hs256(token, key).map_err(JwtError::Token)?;
    // TODO: valid while `nbf <= now < exp`: refuse it with `Expired` from `exp` on, and with
    // `NotYetValid` before `nbf` (when it has one).
    let _ = now;
    Ok(claims)
}

const KEY: &[u8] = b"backlings-jwt-exp1-key-keep-it-secret";
const NOW: u64 = 1_700_000_000;

fn main() {
    let (sub, exp, nbf) = ("alice".to_string(), NOW + 60, None);
    let token = jwt::encode(&Claims { sub, exp, nbf }, KEY);
    println!("{:?}", decode(&token, KEY, NOW));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_valid_from_nbf_until_exp() {
        let (sub, exp, nbf) = ("alice".to_string(), NOW + 60, Some(NOW - 60));
        let token = jwt::encode(&Claims { sub, exp, nbf }, KEY);
        for (now, want, why) in [
            (NOW - 61, Err(JwtError::NotYetValid), "a second before nbf"),
            (NOW - 60, Ok("alice".to_string()), "at nbf"),
            (NOW + 59, Ok("alice".to_string()), "a second before exp"),
            (NOW + 60, Err(JwtError::Expired), "at exp"),
            (NOW + 3600, Err(JwtError::Expired), "an hour after exp"),
        ] {
            let got = decode(&token, KEY, now).map(|claims| claims.sub);
            assert_eq!(got, want, "{why}: valid while nbf <= now < exp");
        }
    }

    #[test]
    fn nbf_is_optional() {
        let (sub, exp, nbf) = ("alice".to_string(), NOW + 60, None);
        let token = jwt::encode(&Claims { sub, exp, nbf }, KEY);
        let got = decode(&token, KEY, 0).map(|claims| claims.sub);
        assert_eq!(
            got,
            Ok("alice".into()),
            "without nbf a token is valid until exp"
        );
    }
}
