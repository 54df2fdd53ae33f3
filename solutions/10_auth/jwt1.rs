// jwt1: a JSON Web Token by hand
//
// A JWT is a signed token (hmac_token1) with a standard shape, so that any service and any
// language can read it. It is three base64url parts (no padding) joined by dots:
//
//     header.payload.signature
//
//     header     {"alg":"HS256","typ":"JWT"}: how the token is signed
//     payload    the "claims": {"sub":"alice","exp":1700003600}
//     signature  HMAC-SHA256(key, "<header>.<payload>"), over the two *encoded* parts
//
// Standard claims include `sub` (the subject: who the token is about), `exp` (expires at) and
// `nbf` (not before), both in seconds since the Unix epoch. A token is valid while
// `nbf <= now < exp`. The payload is only encoded, not encrypted: anyone can read it, so never
// put secrets in it. What the signature guarantees is that nobody changed it.
//
// `decode` already checks the signature, and checks it first: nothing in a token means
// anything until the signature is verified. The current time is a parameter, so the tests can
// choose it.
//
// 1. Finish `encode`: sign `<header>.<payload>` and append the signature.
// 2. Finish `decode`: refuse expired and not-yet-valid tokens.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

const HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub exp: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<u64>,
}

#[derive(Debug, PartialEq)]
pub enum JwtError {
    /// Not three base64url parts, or the claims are not the JSON we expect.
    Malformed,
    BadSignature,
    /// `now` is at or after `exp`.
    Expired,
    /// `now` is before `nbf`.
    NotYetValid,
}

fn hmac(key: &[u8]) -> HmacSha256 {
    HmacSha256::new_from_slice(key).expect("HMAC accepts keys of any length")
}

pub fn encode(claims: &Claims, key: &[u8]) -> String {
    let header = URL_SAFE_NO_PAD.encode(HEADER);
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).expect("claims serialize"));
    let signing_input = format!("{header}.{payload}");
    let mut mac = hmac(key);
    mac.update(signing_input.as_bytes());
    let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{signing_input}.{signature}")
}

pub fn decode(token: &str, key: &[u8], now: u64) -> Result<Claims, JwtError> {
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JwtError::Malformed);
    };
    let signature = URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|_| JwtError::Malformed)?;
    let mut mac = hmac(key);
    mac.update(format!("{header}.{payload}").as_bytes());
    mac.verify_slice(&signature)
        .map_err(|_| JwtError::BadSignature)?;

    let payload = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| JwtError::Malformed)?;
    let claims: Claims = serde_json::from_slice(&payload).map_err(|_| JwtError::Malformed)?;

    if now >= claims.exp {
        return Err(JwtError::Expired);
    }
    if claims.nbf.is_some_and(|nbf| now < nbf) {
        return Err(JwtError::NotYetValid);
    }
    Ok(claims)
}

fn main() {
    let claims = Claims {
        sub: "alice".to_string(),
        exp: 1_700_003_600,
        nbf: None,
    };
    let token = encode(&claims, b"backlings-jwt1-key-keep-it-secret");
    println!("{token}");
    println!("paste it into a JWT debugger to see the parts");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"backlings-jwt1-key-keep-it-secret";
    const NOW: u64 = 1_700_000_000;

    fn claims(exp: u64, nbf: Option<u64>) -> Claims {
        Claims {
            sub: "alice".to_string(),
            exp,
            nbf,
        }
    }

    /// Signs any header and payload, valid JSON or not, the way an attacker with the key (or
    /// a buggy issuer) could.
    fn sign_raw(header: &str, payload: &str, key: &[u8]) -> String {
        let input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header),
            URL_SAFE_NO_PAD.encode(payload)
        );
        let mut mac = hmac(key);
        mac.update(input.as_bytes());
        format!(
            "{input}.{}",
            URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
        )
    }

    #[test]
    fn encode_builds_a_standard_hs256_token() {
        assert_eq!(
            encode(&claims(1_700_003_600, None), KEY),
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9\
             .eyJzdWIiOiJhbGljZSIsImV4cCI6MTcwMDAwMzYwMH0\
             .uF-iLhXTbRhDj1CbjD_d6y70qb3O-KMkNnL2Yg0Kdv0"
        );
    }

    #[test]
    fn decode_reads_a_token_made_elsewhere() {
        let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9\
                     .eyJzdWIiOiJhbGljZSIsImV4cCI6MTcwMDAwMzYwMCwibmJmIjoxNzAwMDAwMDAwfQ\
                     .UIDyuDbhvQpOj8dk4iMcJjNNZsVbv-PEEx1Td6b6PBg";
        assert_eq!(
            decode(token, KEY, NOW),
            Ok(claims(1_700_003_600, Some(NOW)))
        );
    }

    #[test]
    fn a_token_round_trips() {
        let original = claims(NOW + 60, Some(NOW - 60));
        let token = encode(&original, KEY);
        assert_eq!(decode(&token, KEY, NOW), Ok(original));
    }

    #[test]
    fn a_token_expires_at_exp() {
        let token = encode(&claims(NOW + 60, None), KEY);
        assert!(decode(&token, KEY, NOW + 59).is_ok());
        assert_eq!(decode(&token, KEY, NOW + 60), Err(JwtError::Expired));
        assert_eq!(decode(&token, KEY, NOW + 3600), Err(JwtError::Expired));
    }

    #[test]
    fn a_token_is_not_valid_before_nbf() {
        let token = encode(&claims(NOW + 3600, Some(NOW + 60)), KEY);
        assert_eq!(decode(&token, KEY, NOW), Err(JwtError::NotYetValid));
        assert_eq!(decode(&token, KEY, NOW + 59), Err(JwtError::NotYetValid));
        assert!(decode(&token, KEY, NOW + 60).is_ok());
    }

    #[test]
    fn a_changed_payload_is_refused() {
        let token = encode(&claims(NOW + 60, None), KEY);
        let parts: Vec<&str> = token.split('.').collect();
        let admin = URL_SAFE_NO_PAD.encode(format!(r#"{{"sub":"admin","exp":{}}}"#, NOW + 60));
        let forged = format!("{}.{admin}.{}", parts[0], parts[2]);
        assert_eq!(decode(&forged, KEY, NOW), Err(JwtError::BadSignature));
    }

    #[test]
    fn the_signature_is_checked_before_anything_else() {
        let expired = encode(&claims(NOW - 60, None), b"another key");
        assert_eq!(decode(&expired, KEY, NOW), Err(JwtError::BadSignature));
        let garbage = sign_raw(HEADER, "not json", b"another key");
        assert_eq!(decode(&garbage, KEY, NOW), Err(JwtError::BadSignature));
    }

    #[test]
    fn malformed_tokens_are_refused() {
        let token = encode(&claims(NOW + 60, None), KEY);
        let (signing_input, _) = token.rsplit_once('.').unwrap();
        for bad in [
            String::new(),
            signing_input.to_string(),
            format!("{token}.extra"),
            format!("{signing_input}.not*base64"),
            sign_raw(HEADER, "not json", KEY),
            sign_raw(HEADER, r#"{"sub":"alice"}"#, KEY), // no exp
            sign_raw(HEADER, r#"{"sub":"alice","exp":"soon"}"#, KEY),
        ] {
            assert_eq!(decode(&bad, KEY, NOW), Err(JwtError::Malformed), "{bad:?}");
        }
    }
}
