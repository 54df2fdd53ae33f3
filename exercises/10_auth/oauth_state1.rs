// oauth_state1: the OAuth `state` parameter
//
// The login URL also carries a random `state`, which the provider hands back with the code,
// and the app keeps the same value in the browser's session. Without checking it, an attacker
// starts a login of their own, stops at the callback, and sends you that link: your browser
// finishes *their* login, and you end up in their account, where whatever you save is theirs
// to read ("login CSRF"). So the app refuses a callback whose `state` is not the one this
// browser's login started with, before it sends the code anywhere. (PKCE stops this too when
// the provider enforces it; `state` works with every provider.) Make `finish_login` check it.

#[path = "support/oauth.rs"]
mod oauth;

use oauth::{Provider, ProviderError};
use subtle::ConstantTimeEq;

#[derive(Debug, PartialEq)]
pub enum LoginError {
    NoLoginInProgress,
    StateMismatch,
    Refused(ProviderError),
}

/// The app's side, for one browser: the login it started, `(state, verifier)`.
#[derive(Default)]
pub struct Client {
    pending: Option<(String, String)>,
    provider: Provider,
}

impl Client {
    pub fn start_login(&mut self) -> String {
        let (state, verifier) = (oauth::random_token(), oauth::random_token());
        let url = oauth::authorize_url(&state, &oauth::s256(&verifier));
        self.pending = Some((state, verifier));
        url
    }

    /// The callback, `?code=...&state=...`: returns the access token.
    pub fn finish_login(&mut self, state: &str, code: &str) -> Result<String, LoginError> {
        let (expected, verifier) = self.pending.take().ok_or(LoginError::NoLoginInProgress)?;
        // TODO: refuse a callback whose `state` is not `expected` with `StateMismatch`.
        // (`ct_eq`, from `subtle`, compares secrets in constant time; `bool::from` reads it.)
        let _ = (state, expected);
        let token = self.provider.token(code, &verifier);
        token.map_err(LoginError::Refused)
    }
}

fn main() {
    println!("{}", Client::default().start_login());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_flow_logs_in() {
        let mut client = Client::default();
        let url = client.start_login();
        let back = oauth::approve(&mut client.provider, &url, "alice");
        let got = client.finish_login(&back["state"], &back["code"]);
        assert_eq!(
            got,
            Ok("access-token-for-alice".into()),
            "alice's own login"
        );
    }

    #[test]
    fn a_planted_callback_is_refused_before_the_exchange() {
        // The attacker starts a login of their own and stops at the callback, while the
        // victim has a login in progress and opens the attacker's link.
        let mut attacker = Client::default();
        let url = attacker.start_login();
        let planted = oauth::approve(&mut attacker.provider, &url, "mallory");
        let mut victim = Client::default();
        victim.start_login();
        let got = victim.finish_login(&planted["state"], &planted["code"]);
        assert_eq!(
            got,
            Err(LoginError::StateMismatch),
            "the state is not the victim's"
        );
        let why = "check the state before the code goes to the provider";
        assert_eq!(victim.provider.token_requests, 0, "{why}");
    }
}
