// jwt2: the server picks the algorithm, never the token
//
// A JWT's header names its algorithm, and the standard allows `"alg": "none"`: no signature.
// Early libraries believed the header, so a token that said `none` was accepted unsigned, and
// anyone could log in as anyone. Whoever made the token wrote its header, so the header must
// never choose how it is checked. This server signs with HS256 and accepts exactly HS256: not
// `none`, `HS512`, or `RS256` (some libraries checked that with the HMAC key as a public key).
// Fix `decode`. (Vetted JWT crates make you name the accepted algorithms, for this reason.)

#[path = "support/jwt.rs"]
mod jwt;

use serde::Deserialize;

#[derive(Debug, PartialEq, Deserialize)]
pub struct Claims {
    pub sub: String,
}

#[derive(Debug, PartialEq)]
pub enum JwtError {
    Malformed,
    UnsupportedAlgorithm,
    BadSignature,
}

pub fn decode(token: &str, key: &[u8]) -> Result<Claims, JwtError> {
    let [header, payload, signature] = jwt::split(token).ok_or(JwtError::Malformed)?;
    let parsed: jwt::Header = jwt::json(header).ok_or(JwtError::Malformed)?;
    // TODO: the token's own header picks how it is checked, and "none" means "not at all".
    // Accept "HS256" only; refuse everything else with `UnsupportedAlgorithm`.
    let unsigned = parsed.alg.eq_ignore_ascii_case("none"); // handy while debugging
    if !unsigned && !jwt::signature_ok(header, payload, signature, key) {
        return Err(JwtError::BadSignature);
    }
    jwt::json(payload).ok_or(JwtError::Malformed)
}

const KEY: &[u8] = b"backlings-jwt2-key-keep-it-secret";
const ADMIN: &str = r#"{"sub":"admin"}"#;

fn main() {
    let token = jwt::unsigned("none", ADMIN);
    println!("{token}: {:?}", decode(&token, KEY));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_hs256_token_decodes() {
        let token = jwt::sign_raw(jwt::HS256_HEADER, ADMIN, KEY);
        let got = decode(&token, KEY).map(|claims| claims.sub);
        assert_eq!(got, Ok("admin".into()), "a genuine HS256 token: {token}");
    }

    #[test]
    fn every_other_algorithm_is_refused() {
        for alg in ["none", "None", "NONE", "HS512", "RS256", "hs256"] {
            let unsigned = jwt::unsigned(alg, ADMIN);
            let signed = jwt::sign_raw(&jwt::header(alg), ADMIN, KEY);
            for token in [unsigned, signed] {
                let why = format!("alg {alg:?}: the server accepts HS256 only, {token}");
                assert_eq!(
                    decode(&token, KEY),
                    Err(JwtError::UnsupportedAlgorithm),
                    "{why}"
                );
            }
        }
    }
}
