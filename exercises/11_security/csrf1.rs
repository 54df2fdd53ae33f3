// csrf1: a synchronizer token
//
// Browsers attach a site's cookies to every request to it, whoever started it. While you are
// logged in to your bank, any page you visit can hold a form that POSTs to
// `https://bank.example/transfer` and submit it with a script: the bank sees your session
// cookie on a request you never meant to send (cross-site request forgery, CSRF). The cookie
// proves which browser sent a request, not that the user meant it.
//
// A synchronizer token fixes that: a random secret stored in the session and written into
// every form as a hidden field. The real form sends it back; another site can neither read
// your pages (the same-origin policy) nor guess 256 random bits. Check it against *this*
// session's token (an attacker can get a valid token for their own account), and compare
// secrets in constant time (`subtle::ConstantTimeEq`, as in constant_time1).
//
// Put the token into the form, and check it in `token_ok`.

#[path = "support/bank.rs"]
mod bank;
#[path = "support/http.rs"]
mod http;

use bank::Session;

fn transfer_form(session: &Session) -> String {
    // TODO: add `<input type="hidden" name="csrf_token" value="...">` with the session's token.
    let _token = &session.csrf_token;
    "<form method=\"post\" action=\"/transfer\">\n\
     <input name=\"to\"> <input name=\"amount\"> <button>Send</button>\n\
     </form>\n"
        .to_string()
}

/// Whether the token a form sent is this session's token.
fn token_ok(session: &Session, form_token: &str) -> bool {
    // TODO: a forged form has no token, or a wrong one. Compare with `ct_eq`.
    let _ = (session, form_token);
    true
}

fn main() {
    let _app = bank::app(
        Default::default(),
        bank::Hooks {
            form: transfer_form,
            token_ok,
        },
    );
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{Method, StatusCode};

    async fn send(
        bank: &bank::SharedBank,
        method: Method,
        session: &str,
        body: &str,
    ) -> http::Reply {
        let app = bank::app(
            bank.clone(),
            bank::Hooks {
                form: transfer_form,
                token_ok,
            },
        );
        let cookie = format!("theme=dark; session={session}");
        let headers = [
            ("cookie", cookie.as_str()),
            ("content-type", "application/x-www-form-urlencoded"),
        ];
        http::send(app, method, "/transfer", &headers, body).await
    }

    #[tokio::test]
    async fn a_transfer_from_the_real_form_goes_through() {
        let bank = bank::SharedBank::default();
        let alice = bank::login(&bank, "alice");
        let token = bank::token_in(&send(&bank, Method::GET, &alice, "").await.body);
        let reply = send(
            &bank,
            Method::POST,
            &alice,
            &format!("to=bob&amount=25&csrf_token={token}"),
        )
        .await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "the real form's token is accepted: {}",
            reply.body
        );
        assert_eq!(
            bank.lock().unwrap().transfers.len(),
            1,
            "the transfer was made"
        );
    }

    #[tokio::test]
    async fn forged_forms_are_refused() {
        let bank = bank::SharedBank::default();
        let alice = bank::login(&bank, "alice");
        let mallory = bank::login(&bank, "mallory");
        let mallorys_token = bank::token_in(&send(&bank, Method::GET, &mallory, "").await.body);
        for (forged, why) in [
            ("to=mallory&amount=1000".to_string(), "it has no token"),
            (
                format!("to=mallory&amount=1000&csrf_token={}", "0".repeat(64)),
                "its token was guessed",
            ),
            (
                format!("to=mallory&amount=1000&csrf_token={mallorys_token}"),
                "its token is another session's",
            ),
        ] {
            // The attacker's page submits the form; the victim's browser adds the victim's cookie.
            let reply = send(&bank, Method::POST, &alice, &forged).await;
            assert_eq!(
                reply.status,
                StatusCode::FORBIDDEN,
                "the form `{forged}` must be refused: {why}"
            );
        }
        assert_eq!(
            bank.lock().unwrap().transfers,
            [],
            "no forged request may move money"
        );
    }
}
