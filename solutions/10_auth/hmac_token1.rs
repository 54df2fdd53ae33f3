// hmac_token1: signed tokens
//
// A session (session1) makes the server remember every logged-in user. A *signed token* turns
// that around: the server hands the client the data itself, `user=alice` say, plus a signature
// that only the server can compute. The client stores the token and sends it back; the server
// checks the signature and then trusts the data, with nothing to look up. Signed cookies,
// password-reset links and JWTs (next exercise) all work this way.
//
// The signature is a MAC, a message authentication code: HMAC-SHA256(key, message). Without
// the key nobody can compute it, so changing even one byte of the data makes the check fail.
// Two classic mistakes:
//
// - Making your own MAC as `sha256(key + message)`. SHA-256 allows "length extension": from
//   that hash alone, an attacker can compute a valid hash for the message with extra bytes
//   appended, without knowing the key. HMAC was designed to prevent exactly this.
// - Comparing signatures with `==`, which stops at the first differing byte. The time it
//   takes tells an attacker how many leading bytes were right, and they can find a valid
//   signature byte by byte. `Mac::verify_slice` compares in constant time.
//
// A token here is `<payload>.<signature>`, both in base64url without padding; the signature
// is the HMAC of the payload bytes.
//
// 1. Make `sign` compute a real HMAC-SHA256.
// 2. Make `verify` check the signature, and only then trust the payload.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

#[derive(Debug, PartialEq)]
pub enum TokenError {
    /// Not `<base64url>.<base64url>`, or the payload is not UTF-8.
    Malformed,
    /// The signature does not match the payload and the key.
    BadSignature,
}

fn hmac(key: &[u8]) -> HmacSha256 {
    HmacSha256::new_from_slice(key).expect("HMAC accepts keys of any length")
}

/// Signs a payload: returns `<payload>.<signature>`.
pub fn sign(key: &[u8], payload: &str) -> String {
    let mut mac = hmac(key);
    mac.update(payload.as_bytes());
    let signature = mac.finalize().into_bytes();
    format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(payload),
        URL_SAFE_NO_PAD.encode(signature)
    )
}

/// Checks a token and returns its payload.
pub fn verify(key: &[u8], token: &str) -> Result<String, TokenError> {
    let (payload, signature) = token.split_once('.').ok_or(TokenError::Malformed)?;
    let payload = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| TokenError::Malformed)?;
    let signature = URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|_| TokenError::Malformed)?;
    let mut mac = hmac(key);
    mac.update(&payload);
    mac.verify_slice(&signature)
        .map_err(|_| TokenError::BadSignature)?;
    String::from_utf8(payload).map_err(|_| TokenError::Malformed)
}

fn main() {
    let key = b"a secret only the server knows, 32+ bytes long";
    let token = sign(key, "user=alice");
    println!("{token}");
    println!("{:?}", verify(key, &token));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"a secret only the server knows, 32+ bytes long";

    fn b64(bytes: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(bytes)
    }

    fn from_hex(hex: &str) -> Vec<u8> {
        (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn sign_computes_hmac_sha256_rfc_4231_case_1() {
        let key = [0x0b; 20];
        let expected = from_hex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        assert_eq!(
            sign(&key, "Hi There"),
            format!("{}.{}", b64(b"Hi There"), b64(&expected))
        );
    }

    #[test]
    fn sign_computes_hmac_sha256_rfc_4231_case_2() {
        let message = "what do ya want for nothing?";
        let expected = from_hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assert_eq!(
            sign(b"Jefe", message),
            format!("{}.{}", b64(message.as_bytes()), b64(&expected))
        );
    }

    #[test]
    fn a_signed_token_verifies() {
        let token = sign(KEY, "user=alice");
        assert_eq!(verify(KEY, &token), Ok("user=alice".to_string()));
        assert_eq!(verify(KEY, &sign(KEY, "")), Ok(String::new()));
    }

    #[test]
    fn a_changed_payload_is_refused() {
        let token = sign(KEY, "user=alice");
        let (_, signature) = token.split_once('.').unwrap();
        let forged = format!("{}.{signature}", b64(b"user=admin"));
        assert_eq!(verify(KEY, &forged), Err(TokenError::BadSignature));
    }

    #[test]
    fn a_changed_signature_is_refused() {
        let token = sign(KEY, "user=alice");
        let (payload, signature) = token.split_once('.').unwrap();
        let mut bytes = URL_SAFE_NO_PAD.decode(signature).unwrap();
        bytes[0] ^= 1;
        let flipped = format!("{payload}.{}", b64(&bytes));
        assert_eq!(verify(KEY, &flipped), Err(TokenError::BadSignature));
        let truncated = format!("{payload}.{}", b64(&bytes[..16]));
        assert_eq!(verify(KEY, &truncated), Err(TokenError::BadSignature));
        let unsigned = format!("{payload}.");
        assert_eq!(verify(KEY, &unsigned), Err(TokenError::BadSignature));
    }

    #[test]
    fn a_token_signed_with_another_key_is_refused() {
        let token = sign(b"some other key", "user=alice");
        assert_eq!(verify(KEY, &token), Err(TokenError::BadSignature));
    }

    #[test]
    fn a_plain_keyed_sha256_is_not_a_valid_signature() {
        use sha2::Digest;
        let payload = "user=alice";
        let hash = Sha256::new()
            .chain_update(KEY)
            .chain_update(payload)
            .finalize();
        let token = format!("{}.{}", b64(payload.as_bytes()), b64(&hash));
        assert_eq!(verify(KEY, &token), Err(TokenError::BadSignature));
    }

    #[test]
    fn malformed_tokens_are_refused() {
        let token = sign(KEY, "user=alice");
        for bad in [
            "".to_string(),
            "no-dot-at-all".to_string(),
            format!("{token}.extra"),
            format!("!!!{token}"),
            token.replace('.', ".+/"),
        ] {
            assert_eq!(verify(KEY, &bad), Err(TokenError::Malformed), "{bad:?}");
        }
    }
}
