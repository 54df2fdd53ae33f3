// jwt2: validating JWTs, and a bearer-token extractor
//
// An API receives JWTs in the `Authorization` header, as *bearer* tokens (whoever bears the
// token gets in, so it must travel over HTTPS only):
//
//     Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIi...
//
// A valid signature is not enough to accept a token. Famous JWT bugs:
//
// - `"alg": "none"`. The JWT standard allows unsigned tokens, and early libraries believed the
//   header: a token that said `none` was accepted without any signature, so anyone could log
//   in as anyone. The header is written by whoever made the token, so it must never choose
//   how the token is checked: this server signs with HS256, so it accepts HS256 and nothing
//   else (not `none`, `None`, `HS512`...).
// - The wrong issuer or audience. `iss` says who issued the token, `aud` who it is for. A
//   company's billing service may share a key with its API; a token issued for billing
//   must not open the API. Check that both are exactly what you expect.
//
// When there is no usable token, the answer is 401 with `WWW-Authenticate: Bearer`, plus
// `error="invalid_token"` when a token was sent but refused (RFC 6750).
//
// 1. In `decode`, refuse every algorithm but HS256.
// 2. In `decode`, check the issuer and the audience.
// 3. In the `AuthUser` extractor, accept only `Bearer <token>` (the scheme name in any case).

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::{
    Json, Router,
    extract::FromRequestParts,
    http::{StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
    routing::get,
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

#[derive(Deserialize)]
struct JwtHeader {
    alg: String,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub iss: String,
    pub aud: String,
    pub exp: u64,
}

#[derive(Debug, PartialEq)]
pub enum JwtError {
    Malformed,
    UnsupportedAlgorithm,
    BadSignature,
    Expired,
    WrongIssuer,
    WrongAudience,
}

/// What this server expects of every token.
pub struct Validation {
    pub key: Vec<u8>,
    pub issuer: String,
    pub audience: String,
}

fn hmac(key: &[u8]) -> HmacSha256 {
    HmacSha256::new_from_slice(key).expect("HMAC accepts keys of any length")
}

fn b64_json<T: for<'de> Deserialize<'de>>(part: &str) -> Result<T, JwtError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| JwtError::Malformed)?;
    serde_json::from_slice(&bytes).map_err(|_| JwtError::Malformed)
}

/// Makes an HS256 token (what jwt1's `encode` does).
pub fn encode(claims: &Claims, key: &[u8]) -> String {
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).expect("claims serialize"));
    let signing_input = format!("{header}.{payload}");
    let mut mac = hmac(key);
    mac.update(signing_input.as_bytes());
    let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{signing_input}.{signature}")
}

pub fn decode(token: &str, validation: &Validation, now: u64) -> Result<Claims, JwtError> {
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JwtError::Malformed);
    };

    let jwt_header: JwtHeader = b64_json(header)?;
    // TODO: the token's own header picks how the token is checked, and "none" means "not at
    // all". Accept "HS256" and refuse every other algorithm with `UnsupportedAlgorithm`.
    match jwt_header.alg.as_str() {
        "HS256" => {
            let signature = URL_SAFE_NO_PAD
                .decode(signature)
                .map_err(|_| JwtError::Malformed)?;
            let mut mac = hmac(&validation.key);
            mac.update(format!("{header}.{payload}").as_bytes());
            mac.verify_slice(&signature)
                .map_err(|_| JwtError::BadSignature)?;
        }
        // An unsigned token, handy while debugging.
        alg if alg.eq_ignore_ascii_case("none") => {}
        _ => return Err(JwtError::UnsupportedAlgorithm),
    }

    let claims: Claims = b64_json(payload)?;
    if now >= claims.exp {
        return Err(JwtError::Expired);
    }
    // TODO: refuse a token from another issuer (`WrongIssuer`) or for another audience
    // (`WrongAudience`), using what `validation` expects.
    Ok(claims)
}

/// A source of the current time, in seconds since the Unix epoch.
pub trait Clock: Send + Sync {
    fn now(&self) -> u64;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("the clock is after 1970")
            .as_secs()
    }
}

pub struct AppState {
    pub validation: Validation,
    pub clock: Box<dyn Clock>,
}

/// A 401 with the Bearer challenge, and the error code when a token was refused.
fn unauthorized(error: Option<&str>) -> Response {
    let challenge = match error {
        Some(error) => format!(r#"Bearer error="{error}""#),
        None => "Bearer".to_string(),
    };
    (
        StatusCode::UNAUTHORIZED,
        [(header::WWW_AUTHENTICATE, challenge)],
    )
        .into_response()
}

/// The user a request's bearer token belongs to. A handler that takes an `AuthUser` argument
/// only runs for requests with a valid token.
pub struct AuthUser {
    pub name: String,
}

impl FromRequestParts<Arc<AppState>> for AuthUser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Self, Self::Rejection> {
        let value = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .ok_or_else(|| unauthorized(None))?;
        // TODO: the value must be `Bearer <token>`, with the scheme name in any letter case.
        // Anything else gets `unauthorized(None)`.
        let token = value;
        let claims = decode(token, &state.validation, state.clock.now())
            .map_err(|_| unauthorized(Some("invalid_token")))?;
        Ok(AuthUser { name: claims.sub })
    }
}

async fn me(user: AuthUser) -> Json<serde_json::Value> {
    Json(json!({ "user": user.name }))
}

fn app(state: Arc<AppState>) -> Router {
    Router::new().route("/me", get(me)).with_state(state)
}

#[tokio::main]
async fn main() {
    let state = Arc::new(AppState {
        validation: Validation {
            key: b"backlings-jwt2-key-keep-it-secret".to_vec(),
            issuer: "https://auth.example.com".to_string(),
            audience: "api".to_string(),
        },
        clock: Box::new(SystemClock),
    });
    let claims = Claims {
        sub: "alice".to_string(),
        iss: state.validation.issuer.clone(),
        aud: state.validation.audience.clone(),
        exp: state.clock.now() + 3600,
    };
    println!(
        "a token for alice: {}",
        encode(&claims, &state.validation.key)
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    println!("listening on http://{}", listener.local_addr().unwrap());
    axum::serve(listener, app(state)).await.unwrap();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{HeaderMap, Request};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    const KEY: &[u8] = b"backlings-jwt2-key-keep-it-secret";
    const NOW: u64 = 1_700_000_000;
    const ISSUER: &str = "https://auth.example.com";

    struct FixedClock(u64);

    impl Clock for FixedClock {
        fn now(&self) -> u64 {
            self.0
        }
    }

    fn validation() -> Validation {
        Validation {
            key: KEY.to_vec(),
            issuer: ISSUER.to_string(),
            audience: "api".to_string(),
        }
    }

    fn claims() -> Claims {
        Claims {
            sub: "alice".to_string(),
            iss: ISSUER.to_string(),
            aud: "api".to_string(),
            exp: NOW + 60,
        }
    }

    fn b64(text: &str) -> String {
        URL_SAFE_NO_PAD.encode(text)
    }

    /// An unsigned token with the given `alg`, as an attacker would make one.
    fn unsigned(alg: &str) -> String {
        let header = b64(&format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#));
        let payload = b64(&serde_json::to_string(&claims()).unwrap());
        format!("{header}.{payload}.")
    }

    /// A correct HS256 signature under a header that claims another algorithm.
    fn signed_with_header(header_json: &str) -> String {
        let input = format!(
            "{}.{}",
            b64(header_json),
            b64(&serde_json::to_string(&claims()).unwrap())
        );
        let mut mac = hmac(KEY);
        mac.update(input.as_bytes());
        format!(
            "{input}.{}",
            URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
        )
    }

    #[test]
    fn a_good_token_decodes() {
        assert_eq!(
            decode(&encode(&claims(), KEY), &validation(), NOW),
            Ok(claims())
        );
    }

    #[test]
    fn alg_none_is_refused() {
        for alg in ["none", "None", "NONE", "nOnE"] {
            assert_eq!(
                decode(&unsigned(alg), &validation(), NOW),
                Err(JwtError::UnsupportedAlgorithm),
                "alg {alg:?}"
            );
        }
    }

    #[test]
    fn only_hs256_is_accepted() {
        for header in [
            r#"{"alg":"HS512","typ":"JWT"}"#,
            r#"{"alg":"RS256","typ":"JWT"}"#,
            r#"{"alg":"hs256","typ":"JWT"}"#,
        ] {
            assert_eq!(
                decode(&signed_with_header(header), &validation(), NOW),
                Err(JwtError::UnsupportedAlgorithm),
                "{header}"
            );
        }
        assert_eq!(
            decode(&signed_with_header(r#"{"typ":"JWT"}"#), &validation(), NOW),
            Err(JwtError::Malformed),
            "a header without alg"
        );
    }

    #[test]
    fn the_issuer_must_match() {
        let token = encode(
            &Claims {
                iss: "https://evil.example.com".to_string(),
                ..claims()
            },
            KEY,
        );
        assert_eq!(
            decode(&token, &validation(), NOW),
            Err(JwtError::WrongIssuer)
        );
    }

    #[test]
    fn the_audience_must_match() {
        let token = encode(
            &Claims {
                aud: "billing".to_string(),
                ..claims()
            },
            KEY,
        );
        assert_eq!(
            decode(&token, &validation(), NOW),
            Err(JwtError::WrongAudience)
        );
    }

    #[test]
    fn expiry_and_signature_are_still_checked() {
        let token = encode(&claims(), KEY);
        assert_eq!(
            decode(&token, &validation(), NOW + 60),
            Err(JwtError::Expired)
        );
        let token = encode(&claims(), b"some other key");
        assert_eq!(
            decode(&token, &validation(), NOW),
            Err(JwtError::BadSignature)
        );
    }

    async fn get_me(authorization: Option<&str>) -> (StatusCode, HeaderMap, String) {
        let state = Arc::new(AppState {
            validation: validation(),
            clock: Box::new(FixedClock(NOW)),
        });
        let mut request = Request::get("/me");
        if let Some(value) = authorization {
            request = request.header(header::AUTHORIZATION, value);
        }
        let response = app(state)
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        (status, headers, String::from_utf8(body.to_vec()).unwrap())
    }

    fn challenge(headers: &HeaderMap) -> &str {
        headers
            .get(header::WWW_AUTHENTICATE)
            .expect("a 401 needs WWW-Authenticate")
            .to_str()
            .unwrap()
    }

    #[tokio::test]
    async fn a_bearer_token_gets_in() {
        let token = encode(&claims(), KEY);
        for scheme in ["Bearer", "bearer", "BEARER"] {
            let (status, _, body) = get_me(Some(&format!("{scheme} {token}"))).await;
            assert_eq!(status, StatusCode::OK, "scheme {scheme:?}");
            assert_eq!(body, r#"{"user":"alice"}"#);
        }
    }

    #[tokio::test]
    async fn no_bearer_token_gets_the_bearer_challenge() {
        let token = encode(&claims(), KEY);
        let basic = format!("Basic {token}");
        for authorization in [None, Some(token.as_str()), Some(&basic), Some("Bearer")] {
            let (status, headers, _) = get_me(authorization).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{authorization:?}");
            assert_eq!(challenge(&headers), "Bearer", "{authorization:?}");
        }
    }

    #[tokio::test]
    async fn a_refused_token_gets_invalid_token() {
        let expired = encode(
            &Claims {
                exp: NOW,
                ..claims()
            },
            KEY,
        );
        let for_billing = encode(
            &Claims {
                aud: "billing".to_string(),
                ..claims()
            },
            KEY,
        );
        for token in [
            unsigned("none"),
            expired,
            for_billing,
            "garbage".to_string(),
        ] {
            let (status, headers, _) = get_me(Some(&format!("Bearer {token}"))).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{token}");
            assert_eq!(challenge(&headers), r#"Bearer error="invalid_token""#);
        }
    }
}
