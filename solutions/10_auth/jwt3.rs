// jwt3: who issued the token, and who it is for
//
// A valid signature says the token was made with the key, not that it was made for you.
// `iss` names who issued it, `aud` who it is for, and a service checks both: a token the
// login server issued for the billing service must not open the API. RFC 7519 (4.1.3) lets
// `aud` be one string or an array of them (a token for several services); the token is for
// you when your name is among them. Know the limit of this check: with one HMAC key shared
// by all services, any service that holds the key can mint tokens for the others, `aud` and
// all. The fix is a key per audience, or better asymmetric signatures (RS256, EdDSA): only the
// issuer holds the private key, and services verify with the public one.
//
// Make `Audience::contains` handle arrays, and `decode` check the issuer and the audience.

#[path = "support/jwt.rs"]
mod jwt;

use serde::Deserialize;

/// `aud`: one audience, or several.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Audience {
    One(String),
    Many(Vec<String>),
}

impl Audience {
    fn contains(&self, audience: &str) -> bool {
        match self {
            Audience::One(aud) => aud == audience,
            Audience::Many(auds) => auds.iter().any(|aud| aud == audience),
        }
    }
}

#[derive(Debug, PartialEq, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub iss: String,
    pub aud: Audience,
}

#[derive(Debug, PartialEq)]
pub enum JwtError {
    Token(jwt::TokenError),
    WrongIssuer,
    WrongAudience,
}

const ISSUER: &str = "https://login.example.com";
const AUDIENCE: &str = "api";

pub fn decode(token: &str, key: &[u8]) -> Result<Claims, JwtError> {
    let claims: Claims = jwt::verify_hs256(token, key).map_err(JwtError::Token)?;
    if claims.iss != ISSUER {
        return Err(JwtError::WrongIssuer);
    }
    if !claims.aud.contains(AUDIENCE) {
        return Err(JwtError::WrongAudience);
    }
    Ok(claims)
}

const KEY: &[u8] = b"backlings-jwt3-key-keep-it-secret";

/// A token for alice from `iss`, with the `aud` JSON as given.
fn token(iss: &str, aud: &str) -> String {
    let claims = format!(r#"{{"sub":"alice","iss":"{iss}","aud":{aud}}}"#);
    jwt::sign_raw(jwt::HS256_HEADER, &claims, KEY)
}

fn main() {
    println!("{:?}", decode(&token(ISSUER, r#"["billing","api"]"#), KEY));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aud_may_be_a_string_or_an_array() {
        let many = Audience::Many(vec!["billing".to_string(), "api".to_string()]);
        let why = "an array `aud` is for each audience it names (RFC 7519 section 4.1.3)";
        assert!(many.contains("api"), "{why}: {many:?} contains api");
        assert!(
            !many.contains("admin"),
            "{why}: {many:?} does not contain admin"
        );
        for aud in [r#""api""#, r#"["api"]"#, r#"["billing","api"]"#] {
            let got = decode(&token(ISSUER, aud), KEY).map(|claims| claims.sub);
            let want = Ok("alice".to_string());
            assert_eq!(
                got, want,
                "aud {aud} names the api (RFC 7519 section 4.1.3)"
            );
        }
    }

    #[test]
    fn a_token_for_another_audience_is_refused() {
        for aud in [r#""billing""#, r#"["billing","admin"]"#, "[]"] {
            let got = decode(&token(ISSUER, aud), KEY);
            assert_eq!(
                got,
                Err(JwtError::WrongAudience),
                "aud {aud} does not name the api"
            );
        }
    }

    #[test]
    fn a_token_from_another_issuer_is_refused() {
        let got = decode(&token("https://evil.example.com", r#""api""#), KEY);
        assert_eq!(got, Err(JwtError::WrongIssuer), "we trust one issuer only");
    }
}
