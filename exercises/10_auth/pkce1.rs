// pkce1: "Log in with ...": OAuth 2.0 with PKCE and `state`
//
// With OAuth, your app never sees the user's password: a provider (Google, GitHub, your
// company's login server) checks it and vouches for the user. The authorization code flow:
//
// 1. The app sends the browser to the provider's /authorize URL with its `client_id`, the
//    `redirect_uri` to come back to, a random `state`, and a `code_challenge`.
// 2. The user logs in at the provider, which redirects the browser back to
//    `redirect_uri?code=...&state=...`.
// 3. The app checks `state`, then exchanges the code, plus its `code_verifier`, for an access
//    token, in a direct request to the provider.
//
// Two random values protect this dance:
//
// - PKCE (RFC 7636). Before step 1 the app makes a random secret, the code verifier, and
//   sends only its hash, `code_challenge = BASE64URL(SHA256(verifier))` (the "S256" method).
//   In step 3 it sends the verifier itself, and the provider checks that it hashes to the
//   challenge. A code stolen on its way back (from a log, a proxy, a malicious app) is useless
//   without the verifier, which never left the app. The "plain" method, where the challenge
//   *is* the verifier, protects nothing once the URL has been seen.
// - `state`. It ties the callback to a login this browser started. Without it, an attacker can
//   send you a link to the callback with *their* code, and you end up logged in to their
//   account, where anything you save is theirs to read ("login CSRF"). The app keeps the
//   state in the user's session and refuses a callback whose state does not match, before it
//   talks to the provider at all.
//
// The provider here is simulated, in memory; the client is what you fix.
//
// 1. Make `code_challenge` use S256. Check it against the test vector of RFC 7636 appendix B.
// 2. Make `Client::finish_login` refuse a callback whose state does not match.

use std::collections::HashMap;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

const AUTHORIZE_URL: &str = "https://provider.example/authorize";
const CLIENT_ID: &str = "backlings";
const REDIRECT_URI: &str = "https://app.example/callback";
/// `REDIRECT_URI` percent-encoded, as it appears in a query string.
const REDIRECT_URI_ENCODED: &str = "https%3A%2F%2Fapp.example%2Fcallback";

/// 32 random bytes in base64url: 43 characters, from the alphabet RFC 7636 allows.
fn random_token() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

/// The S256 code challenge of a code verifier.
pub fn code_challenge(verifier: &str) -> String {
    // TODO: this is the "plain" method: the challenge is the verifier itself. Use S256: the
    // SHA-256 of the verifier's ASCII bytes, encoded as base64url without padding.
    verifier.to_string()
}

#[derive(Debug, PartialEq)]
pub enum LoginError {
    /// A callback arrived, but this browser started no login (or already finished it).
    NoLoginInProgress,
    /// The callback's `state` is not the one this browser's login started with.
    StateMismatch,
    /// The provider refused to exchange the code.
    Refused(ProviderError),
}

/// A login this browser started, kept in its session until the callback.
struct PendingLogin {
    state: String,
    verifier: String,
}

/// The app's side of the flow, for one browser session.
#[derive(Default)]
pub struct Client {
    pending: Option<PendingLogin>,
}

impl Client {
    /// Step 1: returns the provider URL to redirect the browser to.
    pub fn start_login(&mut self) -> String {
        let state = random_token();
        let verifier = random_token();
        let url = format!(
            "{AUTHORIZE_URL}?response_type=code&client_id={CLIENT_ID}\
             &redirect_uri={REDIRECT_URI_ENCODED}&state={state}\
             &code_challenge={}&code_challenge_method=S256",
            code_challenge(&verifier)
        );
        self.pending = Some(PendingLogin { state, verifier });
        url
    }

    /// Step 3: handles the callback `?code=...&state=...` and returns the access token.
    pub fn finish_login(
        &mut self,
        state: &str,
        code: &str,
        provider: &mut Provider,
    ) -> Result<String, LoginError> {
        let pending = self.pending.take().ok_or(LoginError::NoLoginInProgress)?;
        // TODO: refuse a callback whose `state` is not `pending.state`, with `StateMismatch`,
        // before the provider is even asked. (`subtle::ConstantTimeEq` compares secrets
        // without leaking their contents through timing.)
        let _ = state;
        provider
            .token(CLIENT_ID, code, &pending.verifier)
            .map_err(LoginError::Refused)
    }
}

#[derive(Debug, PartialEq)]
pub enum ProviderError {
    InvalidRequest,
    InvalidGrant,
}

/// What the provider remembers about a code it issued.
struct Grant {
    user: String,
    challenge: String,
}

/// A simulated OAuth provider.
#[derive(Default)]
pub struct Provider {
    grants: HashMap<String, Grant>,
    /// How many token requests reached the provider.
    token_requests: usize,
}

impl Provider {
    /// Step 2: `user` logs in at the provider and approves. Returns where the provider
    /// redirects the browser: `<redirect_uri>?code=...&state=...`.
    pub fn authorize(&mut self, url: &str, user: &str) -> Result<String, ProviderError> {
        let query = url
            .strip_prefix(AUTHORIZE_URL)
            .and_then(|rest| rest.strip_prefix('?'))
            .ok_or(ProviderError::InvalidRequest)?;
        let params: HashMap<&str, &str> = query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .collect();
        let param = |name| params.get(name).copied();
        if param("response_type") != Some("code")
            || param("client_id") != Some(CLIENT_ID)
            || param("redirect_uri") != Some(REDIRECT_URI_ENCODED)
            || param("code_challenge_method") != Some("S256")
        {
            return Err(ProviderError::InvalidRequest);
        }
        let state = param("state").ok_or(ProviderError::InvalidRequest)?;
        let challenge = param("code_challenge").ok_or(ProviderError::InvalidRequest)?;
        let code = random_token();
        let grant = Grant {
            user: user.to_string(),
            challenge: challenge.to_string(),
        };
        self.grants.insert(code.clone(), grant);
        Ok(format!("{REDIRECT_URI}?code={code}&state={state}"))
    }

    /// The token endpoint: exchanges a code and its verifier for an access token. A code
    /// works once.
    pub fn token(
        &mut self,
        client_id: &str,
        code: &str,
        verifier: &str,
    ) -> Result<String, ProviderError> {
        self.token_requests += 1;
        if client_id != CLIENT_ID {
            return Err(ProviderError::InvalidRequest);
        }
        let grant = self
            .grants
            .remove(code)
            .ok_or(ProviderError::InvalidGrant)?;
        // The provider applies the same S256 transform to the verifier.
        let computed = code_challenge(verifier);
        if !bool::from(computed.as_bytes().ct_eq(grant.challenge.as_bytes())) {
            return Err(ProviderError::InvalidGrant);
        }
        Ok(format!("access-token-for-{}", grant.user))
    }
}

fn main() {
    let mut provider = Provider::default();
    let mut client = Client::default();
    let url = client.start_login();
    println!("1. redirect to {url}");
    let callback = provider.authorize(&url, "alice").unwrap();
    println!("2. back at {callback}");
    let query = callback.split_once('?').unwrap().1;
    let params: HashMap<&str, &str> = query.split('&').filter_map(|p| p.split_once('=')).collect();
    let token = client.finish_login(params["state"], params["code"], &mut provider);
    println!("3. {token:?}");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    /// The query parameters of a URL.
    fn query(url: &str) -> HashMap<String, String> {
        let (_, query) = url.split_once('?').expect("a query");
        query
            .split('&')
            .map(|pair| {
                let (key, value) = pair.split_once('=').expect("key=value");
                (key.to_string(), value.to_string())
            })
            .collect()
    }

    /// Steps 1 and 2 for `user`: returns the callback's (state, code).
    fn approve(client: &mut Client, provider: &mut Provider, user: &str) -> (String, String) {
        let url = client.start_login();
        let callback = provider
            .authorize(&url, user)
            .expect("the provider accepts");
        let params = query(&callback);
        (params["state"].clone(), params["code"].clone())
    }

    #[test]
    fn code_challenge_matches_rfc_7636_appendix_b() {
        assert_eq!(
            code_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn the_login_url_carries_a_random_state_and_an_s256_challenge() {
        let mut client = Client::default();
        let params = query(&client.start_login());
        let pending = client.pending.as_ref().expect("a login in progress");
        assert_eq!(params["state"], pending.state);
        assert_eq!(params["code_challenge_method"], "S256");
        assert_eq!(params["code_challenge"], code_challenge(&pending.verifier));
        assert_ne!(
            params["code_challenge"], pending.verifier,
            "the verifier itself must never appear in the URL"
        );
        let unreserved = |c: char| c.is_ascii_alphanumeric() || "-._~".contains(c);
        assert_eq!(pending.verifier.len(), 43);
        assert!(pending.verifier.chars().all(unreserved));

        let first_state = pending.state.clone();
        let first_verifier = pending.verifier.clone();
        client.start_login();
        let second = client.pending.as_ref().unwrap();
        assert_ne!(first_state, second.state);
        assert_ne!(first_verifier, second.verifier);
    }

    #[test]
    fn the_whole_flow_logs_in() {
        let mut provider = Provider::default();
        let mut client = Client::default();
        let (state, code) = approve(&mut client, &mut provider, "alice");
        assert_eq!(
            client.finish_login(&state, &code, &mut provider),
            Ok("access-token-for-alice".to_string())
        );
    }

    #[test]
    fn a_callback_works_only_once() {
        let mut provider = Provider::default();
        let mut client = Client::default();
        let (state, code) = approve(&mut client, &mut provider, "alice");
        assert!(client.finish_login(&state, &code, &mut provider).is_ok());
        assert_eq!(
            client.finish_login(&state, &code, &mut provider),
            Err(LoginError::NoLoginInProgress)
        );
    }

    #[test]
    fn a_planted_callback_is_refused_before_the_exchange() {
        let mut provider = Provider::default();
        // The attacker starts a login of their own and stops at the callback...
        let mut attacker = Client::default();
        let (attacker_state, attacker_code) = approve(&mut attacker, &mut provider, "mallory");
        // ...while the victim has a login in progress, and opens the attacker's link.
        let mut victim = Client::default();
        victim.start_login();
        let requests_before = provider.token_requests;
        assert_eq!(
            victim.finish_login(&attacker_state, &attacker_code, &mut provider),
            Err(LoginError::StateMismatch)
        );
        assert_eq!(
            provider.token_requests, requests_before,
            "check the state before calling the provider"
        );
    }

    #[test]
    fn a_changed_state_is_refused() {
        let mut provider = Provider::default();
        let mut client = Client::default();
        let (state, code) = approve(&mut client, &mut provider, "alice");
        let mut changed = state.into_bytes();
        changed[0] = if changed[0] == b'A' { b'B' } else { b'A' };
        let changed = String::from_utf8(changed).unwrap();
        assert_eq!(
            client.finish_login(&changed, &code, &mut provider),
            Err(LoginError::StateMismatch)
        );
    }

    #[test]
    fn a_stolen_code_is_useless_without_the_verifier() {
        let mut provider = Provider::default();
        // The attacker saw the login URL (with the challenge) and the callback (with the
        // code), and tries some verifiers. Codes work once, so each try needs a fresh one.
        for guess in [
            "challenge",
            "",
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
        ] {
            let mut client = Client::default();
            let url = client.start_login();
            let challenge = query(&url)["code_challenge"].clone();
            let code = query(&provider.authorize(&url, "alice").unwrap())["code"].clone();
            let verifier = if guess == "challenge" {
                &challenge
            } else {
                guess
            };
            assert_eq!(
                provider.token(CLIENT_ID, &code, verifier),
                Err(ProviderError::InvalidGrant),
                "verifier {guess:?}"
            );
        }
    }
}
