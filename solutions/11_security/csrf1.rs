// csrf1: a synchronizer token
//
// Cross-site request forgery (CSRF) abuses the fact that browsers attach cookies to every
// request to a site, whoever started it. While you are logged in to your bank, any page you
// visit can hold
//
//     <form action="https://bank.example/transfer" method="post">
//       <input name="to" value="mallory"><input name="amount" value="1000">
//     </form>
//     <script>document.forms[0].submit()</script>
//
// and the bank receives a perfectly normal POST with your session cookie. The cookie proves
// which browser sent the request, not that you meant to send it.
//
// The classic defence is a synchronizer token: a random secret stored in the session and
// written into every form the site renders, as a hidden field. A form submitted from the
// real page sends it back; a forged form on another site cannot, because the other site
// cannot read your pages (the same-origin policy) and cannot guess 256 random bits. The
// token must be checked against the token of *this* session: an attacker can always log in
// to their own account and get a valid token for it.
//
// 1. Put the session's token into the transfer form as
//    `<input type="hidden" name="csrf_token" value="...">`.
// 2. In `transfer`, refuse the request with 403 Forbidden unless the form's `csrf_token`
//    equals the session's token. Compare secrets with `subtle::ConstantTimeEq`, not `==`
//    (constant_time1 shows why).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Form, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use subtle::ConstantTimeEq;

struct Session {
    user: String,
    csrf_token: String,
}

#[derive(Clone, Debug, PartialEq)]
struct Transfer {
    from: String,
    to: String,
    amount: u64,
}

#[derive(Default)]
struct Bank {
    sessions: HashMap<String, Session>,
    transfers: Vec<Transfer>,
}

#[derive(Clone, Default)]
struct AppState {
    bank: Arc<Mutex<Bank>>,
}

impl AppState {
    /// Starts a session for `user` with its own CSRF token and returns the session id, which
    /// the login handler sends as the `session` cookie (the auth stage covers logging in).
    fn login(&self, user: &str) -> String {
        let id = random_token();
        let session = Session {
            user: user.to_string(),
            csrf_token: random_token(),
        };
        self.bank
            .lock()
            .unwrap()
            .sessions
            .insert(id.clone(), session);
        id
    }
}

/// 32 bytes from a cryptographically secure generator, as 64 hex digits.
fn random_token() -> String {
    let bytes: [u8; 32] = rand::random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The value of the `session` cookie, if the request has one.
fn session_id(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .find_map(|cookie| cookie.trim().strip_prefix("session="))
}

async fn transfer_form(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let bank = state.bank.lock().unwrap();
    let Some(session) = session_id(&headers).and_then(|id| bank.sessions.get(id)) else {
        return (StatusCode::UNAUTHORIZED, "log in first").into_response();
    };
    Html(format!(
        "<!doctype html>\n\
         <form method=\"post\" action=\"/transfer\">\n\
         <input name=\"to\"> <input name=\"amount\">\n\
         <input type=\"hidden\" name=\"csrf_token\" value=\"{}\">\n\
         <button>Send</button>\n\
         </form>\n",
        session.csrf_token
    ))
    .into_response()
}

#[derive(Deserialize)]
struct TransferForm {
    to: String,
    amount: u64,
    /// Missing in a forged form; an empty string then.
    #[serde(default)]
    csrf_token: String,
}

async fn transfer(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<TransferForm>,
) -> Response {
    let mut bank = state.bank.lock().unwrap();
    let Some(session) = session_id(&headers).and_then(|id| bank.sessions.get(id)) else {
        return (StatusCode::UNAUTHORIZED, "log in first").into_response();
    };
    let token_ok: bool = session
        .csrf_token
        .as_bytes()
        .ct_eq(form.csrf_token.as_bytes())
        .into();
    if !token_ok {
        return (StatusCode::FORBIDDEN, "invalid CSRF token").into_response();
    }
    let from = session.user.clone();
    bank.transfers.push(Transfer {
        from,
        to: form.to.clone(),
        amount: form.amount,
    });
    (
        StatusCode::OK,
        format!("sent {} to {}", form.amount, form.to),
    )
        .into_response()
}

fn app(state: AppState) -> Router {
    Router::new()
        .route("/transfer", get(transfer_form).post(transfer))
        .with_state(state)
}

#[tokio::main]
async fn main() {
    let state = AppState::default();
    let session = state.login("alice");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a local port");
    let addr = listener.local_addr().expect("read the local address");
    println!("listening on http://{addr}/transfer (cookie: session={session})");
    axum::serve(listener, app(state)).await.expect("serve");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    async fn send(state: &AppState, request: Request<Body>) -> (StatusCode, String) {
        let response = app(state.clone()).oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, String::from_utf8(bytes.to_vec()).unwrap())
    }

    async fn get_form(state: &AppState, session: &str) -> (StatusCode, String) {
        let request = Request::get("/transfer")
            .header(header::COOKIE, format!("theme=dark; session={session}"))
            .body(Body::empty())
            .unwrap();
        send(state, request).await
    }

    async fn post_transfer(state: &AppState, cookie: Option<&str>, body: &str) -> StatusCode {
        let mut request = Request::post("/transfer")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(session) = cookie {
            request = request.header(header::COOKIE, format!("session={session}"));
        }
        let request = request.body(Body::from(body.to_string())).unwrap();
        send(state, request).await.0
    }

    /// The token in the form's hidden field, as a browser would submit it.
    fn token_in(form: &str) -> String {
        let marker = "<input type=\"hidden\" name=\"csrf_token\" value=\"";
        let Some(start) = form.find(marker) else {
            panic!("the form has no hidden csrf_token field:\n{form}");
        };
        let rest = &form[start + marker.len()..];
        rest[..rest.find('"').unwrap()].to_string()
    }

    fn transfers(state: &AppState) -> Vec<Transfer> {
        state.bank.lock().unwrap().transfers.clone()
    }

    #[tokio::test]
    async fn the_form_carries_the_sessions_token() {
        let state = AppState::default();
        let alice = state.login("alice");
        let (status, form) = get_form(&state, &alice).await;
        assert_eq!(status, StatusCode::OK);
        let expected = state.bank.lock().unwrap().sessions[&alice]
            .csrf_token
            .clone();
        assert_eq!(token_in(&form), expected);
        let bob = state.login("bob");
        assert_ne!(token_in(&get_form(&state, &bob).await.1), expected);
    }

    #[tokio::test]
    async fn a_transfer_from_the_real_form_goes_through() {
        let state = AppState::default();
        let alice = state.login("alice");
        let token = token_in(&get_form(&state, &alice).await.1);
        let status = post_transfer(
            &state,
            Some(&alice),
            &format!("to=bob&amount=25&csrf_token={token}"),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let expected = Transfer {
            from: "alice".to_string(),
            to: "bob".to_string(),
            amount: 25,
        };
        assert_eq!(transfers(&state), [expected]);
    }

    #[tokio::test]
    async fn a_forged_form_without_a_token_is_refused() {
        let state = AppState::default();
        let alice = state.login("alice");
        // What the attacker's page submits: the victim's browser adds the victim's cookie.
        let status = post_transfer(&state, Some(&alice), "to=mallory&amount=1000").await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "a form posted from another site must be refused"
        );
        assert_eq!(transfers(&state), [], "the forged request moved money");
    }

    #[tokio::test]
    async fn a_guessed_token_is_refused() {
        let state = AppState::default();
        let alice = state.login("alice");
        let zeros = "0".repeat(64);
        for body in [
            format!("to=mallory&amount=1000&csrf_token={zeros}"),
            "to=mallory&amount=1000&csrf_token=".to_string(),
        ] {
            let status = post_transfer(&state, Some(&alice), &body).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        }
        assert_eq!(transfers(&state), []);
    }

    #[tokio::test]
    async fn the_attackers_own_token_is_refused() {
        let state = AppState::default();
        let alice = state.login("alice");
        let mallory = state.login("mallory");
        let mallorys_token = token_in(&get_form(&state, &mallory).await.1);
        let body = format!("to=mallory&amount=1000&csrf_token={mallorys_token}");
        let status = post_transfer(&state, Some(&alice), &body).await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "a token is valid only for the session it belongs to"
        );
        assert_eq!(transfers(&state), []);
    }

    #[tokio::test]
    async fn without_a_session_there_is_nothing_to_forge() {
        let state = AppState::default();
        assert_eq!(
            post_transfer(&state, None, "to=bob&amount=1&csrf_token=x").await,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            get_form(&state, "no-such-session").await.0,
            StatusCode::UNAUTHORIZED
        );
    }
}
