//! JSON Web Token pieces, as jwt1 and jwt2 build them (support code: you do not need to edit
//! it). A token is `header.payload.signature`, each part base64url without padding; the
//! signature is HMAC-SHA256 over `header.payload`.
#![allow(dead_code)]

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use serde::{Serialize, de::DeserializeOwned};
use sha2::Sha256;

pub const HS256_HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

pub fn hmac(key: &[u8]) -> Hmac<Sha256> {
    Hmac::new_from_slice(key).expect("HMAC accepts keys of any length")
}

pub fn b64(bytes: impl AsRef<[u8]>) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Signs any header and payload text, JSON or not, the way anyone holding the key could.
pub fn sign_raw(header: &str, payload: &str, key: &[u8]) -> String {
    let input = format!("{}.{}", b64(header), b64(payload));
    let mut mac = hmac(key);
    mac.update(input.as_bytes());
    format!("{input}.{}", b64(mac.finalize().into_bytes()))
}

/// An HS256 token for any claims.
pub fn encode(claims: &impl Serialize, key: &[u8]) -> String {
    let payload = serde_json::to_string(claims).expect("claims serialize");
    sign_raw(HS256_HEADER, &payload, key)
}

/// A JWT header that names `alg`.
pub fn header(alg: &str) -> String {
    format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#)
}

/// An unsigned token (the header names `alg`, the signature is empty), as an attacker would
/// make one.
pub fn unsigned(alg: &str, payload: &str) -> String {
    format!("{}.{}.", b64(header(alg)), b64(payload))
}

/// The three parts of a token, or `None` when it does not have exactly three.
pub fn split(token: &str) -> Option<[&str; 3]> {
    let mut parts = token.split('.');
    let three = [parts.next()?, parts.next()?, parts.next()?];
    parts.next().is_none().then_some(three)
}

/// Decodes one base64url part and parses its JSON.
pub fn json<T: DeserializeOwned>(part: &str) -> Option<T> {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).ok()?).ok()
}

/// Whether `signature` is the HS256 signature of `header.payload`, compared in constant time.
pub fn signature_ok(header: &str, payload: &str, signature: &str, key: &[u8]) -> bool {
    let Ok(signature) = URL_SAFE_NO_PAD.decode(signature) else {
        return false;
    };
    let mut mac = hmac(key);
    mac.update(format!("{header}.{payload}").as_bytes());
    mac.verify_slice(&signature).is_ok()
}

#[derive(Debug, PartialEq)]
pub enum TokenError {
    /// Not three base64url parts, or JSON that does not fit.
    Malformed,
    /// Any `alg` but HS256 (jwt2).
    UnsupportedAlgorithm,
    BadSignature,
}

/// The part of a JWT header that names the algorithm.
#[derive(serde::Deserialize)]
pub struct Header {
    pub alg: String,
}

/// Checks the shape, the algorithm (HS256 only) and the signature, then parses the claims.
/// What jwt2 builds; the claims (`exp`, `iss`, `aud`...) are still the caller's to check.
pub fn verify_hs256<T: DeserializeOwned>(token: &str, key: &[u8]) -> Result<T, TokenError> {
    let [header, payload, signature] = split(token).ok_or(TokenError::Malformed)?;
    let parsed: Header = json(header).ok_or(TokenError::Malformed)?;
    if parsed.alg != "HS256" {
        return Err(TokenError::UnsupportedAlgorithm);
    }
    if !signature_ok(header, payload, signature, key) {
        return Err(TokenError::BadSignature);
    }
    json(payload).ok_or(TokenError::Malformed)
}
