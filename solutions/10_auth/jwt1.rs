// jwt1: a JSON Web Token by hand
//
// A JWT (RFC 7519) is a signed token (hmac_token1) with a standard shape, so any service in
// any language can read it: `header.payload.signature`, each part base64url without padding.
// The header says how it is signed, `{"alg":"HS256","typ":"JWT"}`; the payload holds the
// claims, `{"sub":"alice","exp":1700003600}` (the subject, and when it expires); and the
// signature is HMAC-SHA256 over `<header>.<payload>`, the two *encoded* parts. The payload is
// encoded, not encrypted: anyone can read it, so never put secrets in it. Make `encode` sign.

#[path = "support/jwt.rs"]
mod jwt;

use hmac::Mac;
use serde::Serialize;

#[derive(Serialize)]
pub struct Claims {
    pub sub: String,
    pub exp: u64,
}

pub fn encode(claims: &Claims, key: &[u8]) -> String {
    let payload = serde_json::to_string(claims).expect("claims serialize");
    let signing_input = format!("{}.{}", jwt::b64(jwt::HS256_HEADER), jwt::b64(payload));
    let mut mac = jwt::hmac(key);
    mac.update(signing_input.as_bytes());
    format!("{signing_input}.{}", jwt::b64(mac.finalize().into_bytes()))
}

const KEY: &[u8] = b"backlings-jwt1-key-keep-it-secret";

fn alice() -> String {
    let (sub, exp) = ("alice".to_string(), 1_700_003_600);
    encode(&Claims { sub, exp }, KEY)
}

fn main() {
    println!(
        "{}\n(paste it into a JWT debugger to see its parts)",
        alice()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_builds_a_standard_hs256_token() {
        let want = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6MTcwMDAwMzYwMH0\
                    .uF-iLhXTbRhDj1CbjD_d6y70qb3O-KMkNnL2Yg0Kdv0";
        let why = "header.payload.signature, the signature over the first two parts";
        assert_eq!(alice(), want, "{why}");
    }

    #[test]
    fn only_the_key_makes_the_signature() {
        let token = alice();
        let [header, payload, signature] = jwt::split(&token)
            .expect("encode must return `header.payload.signature`: three parts, two dots");
        let genuine = jwt::signature_ok(header, payload, signature, KEY);
        assert!(
            genuine,
            "HMAC-SHA256 of `<header>.<payload>` with the key: {token}"
        );
        let forged = jwt::signature_ok(header, payload, signature, b"a guess");
        assert!(
            !forged,
            "without the key, the signature must not check out: {token}"
        );
    }
}
