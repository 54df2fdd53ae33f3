// csrf1: a synchronizer token
//
// Browsers attach a site's cookies to every request to it, whoever started it. While you are
// logged in to your bank, any page you visit can submit a hidden form to its /transfer, and
// the bank sees your cookie on a request you never meant (cross-site request forgery). A
// synchronizer token fixes that: a random secret kept in the session and written into every
// form as a hidden field. Other sites can neither read your pages nor guess 256 random bits.
// Check it against *this* session's token (an attacker has valid tokens for their own
// account), in constant time (`subtle::ConstantTimeEq`, as in constant_time1; these tests
// cannot time it, so that part is yours to get right).
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

fn app(bank: &bank::SharedBank) -> axum::Router {
    bank::app(bank.clone(), transfer_form, token_ok)
}

fn main() {
    let _app = app(&Default::default());
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Method;

    #[tokio::test]
    async fn a_transfer_from_the_real_form_goes_through() {
        let bank = bank::SharedBank::default();
        let alice = bank::login(&bank, "alice");
        let form = bank::send(app(&bank), Method::GET, &alice, "").await.body;
        let body = format!("to=bob&amount=25&csrf_token={}", bank::token_in(&form));
        let reply = bank::send(app(&bank), Method::POST, &alice, &body).await;
        assert_eq!(
            reply.status, 200,
            "the real form is accepted: {}",
            reply.body
        );
    }

    #[tokio::test]
    async fn forged_forms_are_refused() {
        let bank = bank::SharedBank::default();
        let (alice, mallory) = (bank::login(&bank, "alice"), bank::login(&bank, "mallory"));
        let mallorys_form = bank::send(app(&bank), Method::GET, &mallory, "").await.body;
        for (token, why) in [
            (String::new(), "it has no token"),
            ("0".repeat(64), "its token was guessed"),
            (
                bank::token_in(&mallorys_form),
                "its token is another session's",
            ),
        ] {
            // The attacker's page posts the form; the victim's browser adds the victim's cookie.
            let forged = format!("to=mallory&amount=1000&csrf_token={token}");
            let reply = bank::send(app(&bank), Method::POST, &alice, &forged).await;
            assert_eq!(
                reply.status, 403,
                "the form `{forged}` must be refused: {why}"
            );
        }
        let moved = bank.lock().unwrap().transfers.clone();
        assert_eq!(moved, [], "no forged request may move money");
    }
}
