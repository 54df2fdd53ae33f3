// pkce1: "Log in with ...": the PKCE code challenge
//
// With OAuth 2.0 your app never sees the password: it sends the browser to a provider, which
// checks it and redirects back with a one-time `code`; the app then trades the code for a
// token in a direct request to the provider. A code can be stolen on its way back (from a log,
// a proxy, a malicious app), so PKCE (RFC 7636) binds it to the app: the app makes a random
// secret, the code verifier, and puts only its hash in the login URL, the code challenge
// `BASE64URL(SHA256(verifier))` ("S256"). The token request must carry the verifier itself,
// which never left the app. The "plain" method, challenge = verifier, protects nothing once
// the URL has been seen. Make `code_challenge` use S256.

#[path = "support/oauth.rs"]
mod oauth;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sha2::{Digest, Sha256};

/// The S256 code challenge of a code verifier.
pub fn code_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

fn main() {
    let verifier = oauth::random_token();
    let url = oauth::authorize_url(&oauth::random_token(), &code_challenge(&verifier));
    println!("verifier {verifier}, kept by the app\nlogin URL {url}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use oauth::Provider;

    #[test]
    fn code_challenge_matches_rfc_7636_appendix_b() {
        let got = code_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        let want = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        assert_eq!(got, want, "BASE64URL(SHA256(verifier)), RFC 7636's example");
    }

    #[test]
    fn the_code_works_with_the_verifier_only() {
        let mut provider = Provider::default();
        let verifier = oauth::random_token();
        let url = oauth::authorize_url("xyz", &code_challenge(&verifier));
        assert!(
            !url.contains(&verifier),
            "the verifier must never be in the URL: {url}"
        );
        let code = oauth::query(&provider.authorize(&url, "alice").unwrap())["code"].clone();
        let stolen = provider.token(&code, "a guess");
        assert!(
            stolen.is_err(),
            "a stolen code without the verifier must be useless"
        );
        let url = oauth::authorize_url("xyz", &code_challenge(&verifier));
        let code = oauth::query(&provider.authorize(&url, "alice").unwrap())["code"].clone();
        let got = provider.token(&code, &verifier);
        assert_eq!(
            got,
            Ok("access-token-for-alice".into()),
            "the provider checks S256"
        );
    }
}
