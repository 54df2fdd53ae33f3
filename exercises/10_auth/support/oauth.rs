//! A simulated OAuth 2.0 provider, in memory, for pkce1 (support code: you do not need to
//! edit it). It checks PKCE S256 as RFC 7636 says, and each code works once.
#![allow(dead_code)]

use std::collections::HashMap;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

pub const AUTHORIZE_URL: &str = "https://provider.example/authorize";
pub const CLIENT_ID: &str = "backlings";
/// Where the provider sends the browser back to, percent-encoded as in a query string.
pub const REDIRECT_URI: &str = "https%3A%2F%2Fapp.example%2Fcallback";

/// 32 random bytes in base64url: 43 characters, from the alphabet RFC 7636 allows.
pub fn random_token() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

/// The S256 code challenge of a verifier: `BASE64URL(SHA256(verifier))` (RFC 7636).
pub fn s256(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// The provider's /authorize URL for a login with this `state` and S256 `challenge`.
pub fn authorize_url(state: &str, challenge: &str) -> String {
    format!(
        "{AUTHORIZE_URL}?response_type=code&client_id={CLIENT_ID}&redirect_uri={REDIRECT_URI}\
         &state={state}&code_challenge={challenge}&code_challenge_method=S256"
    )
}

/// The query parameters of a URL.
pub fn query(url: &str) -> HashMap<String, String> {
    let query = url.split_once('?').map_or("", |(_, query)| query);
    let pairs = query.split('&').filter_map(|pair| pair.split_once('='));
    pairs.map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// `user` logs in at `provider` and approves the login `url` starts: the callback's query
/// parameters (`code` and `state`).
pub fn approve(provider: &mut Provider, url: &str, user: &str) -> HashMap<String, String> {
    let callback = provider
        .authorize(url, user)
        .expect("the provider accepts the login URL");
    query(&callback)
}

#[derive(Debug, PartialEq)]
pub enum ProviderError {
    InvalidRequest,
    InvalidGrant,
}

/// The provider: the codes it issued (code -> user and challenge), and how many token
/// requests reached it.
#[derive(Default)]
pub struct Provider {
    grants: HashMap<String, (String, String)>,
    pub token_requests: usize,
}

impl Provider {
    /// `user` logs in at the provider and approves: returns the callback URL the browser is
    /// sent back to, `<redirect_uri>?code=...&state=...`.
    pub fn authorize(&mut self, url: &str, user: &str) -> Result<String, ProviderError> {
        let params = query(url);
        let param = |name: &str| params.get(name).map(String::as_str);
        if !url.starts_with(AUTHORIZE_URL)
            || param("response_type") != Some("code")
            || param("client_id") != Some(CLIENT_ID)
            || param("redirect_uri") != Some(REDIRECT_URI)
            || param("code_challenge_method") != Some("S256")
        {
            return Err(ProviderError::InvalidRequest);
        }
        let state = param("state").ok_or(ProviderError::InvalidRequest)?;
        let challenge = param("code_challenge").ok_or(ProviderError::InvalidRequest)?;
        let code = random_token();
        let grant = (user.to_string(), challenge.to_string());
        self.grants.insert(code.clone(), grant);
        Ok(format!(
            "https://app.example/callback?code={code}&state={state}"
        ))
    }

    /// The token endpoint: a code and its verifier for an access token.
    pub fn token(&mut self, code: &str, verifier: &str) -> Result<String, ProviderError> {
        self.token_requests += 1;
        let (user, challenge) = self
            .grants
            .remove(code)
            .ok_or(ProviderError::InvalidGrant)?;
        let computed = s256(verifier);
        if !bool::from(computed.as_bytes().ct_eq(challenge.as_bytes())) {
            return Err(ProviderError::InvalidGrant);
        }
        Ok(format!("access-token-for-{user}"))
    }
}
