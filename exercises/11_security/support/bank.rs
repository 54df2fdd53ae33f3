//! A bank with cookie sessions and a transfer form (support code: you do not need to edit
//! it). The exercise supplies the form's HTML and the CSRF token check.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Form, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Router, routing::get};
use serde::Deserialize;

pub struct Session {
    pub user: String,
    pub csrf_token: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Transfer {
    pub from: String,
    pub to: String,
    pub amount: u64,
}

#[derive(Default)]
pub struct Bank {
    pub sessions: HashMap<String, Session>,
    pub transfers: Vec<Transfer>,
}

/// What the exercise supplies: the form for a session, and whether a submitted token is
/// the session's.
#[derive(Clone)]
pub struct Hooks {
    pub form: fn(&Session) -> String,
    pub token_ok: fn(&Session, &str) -> bool,
}

#[derive(Clone)]
struct AppState {
    bank: Arc<Mutex<Bank>>,
    hooks: Hooks,
}

pub type SharedBank = Arc<Mutex<Bank>>;

/// 32 bytes from a cryptographically secure generator, as 64 hex digits.
pub fn random_token() -> String {
    let bytes: [u8; 32] = rand::random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Starts a session for `user` with its own CSRF token, and returns the session id (the
/// value of the `session` cookie; the auth stage covers logging in).
pub fn login(bank: &SharedBank, user: &str) -> String {
    let id = random_token();
    let session = Session {
        user: user.to_string(),
        csrf_token: random_token(),
    };
    bank.lock().unwrap().sessions.insert(id.clone(), session);
    id
}

/// The value of the `session` cookie, if the request has one.
fn session_id(headers: &HeaderMap) -> Option<&str> {
    let cookies = headers.get(header::COOKIE)?.to_str().ok()?;
    cookies
        .split(';')
        .find_map(|c| c.trim().strip_prefix("session="))
}

/// GET /transfer shows the form, POST /transfer moves money. Without a session, both send
/// the browser to the login page (303 See Other), as sites with form logins do.
pub fn app(
    bank: SharedBank,
    form: fn(&Session) -> String,
    token_ok: fn(&Session, &str) -> bool,
) -> Router {
    let hooks = Hooks { form, token_ok };
    Router::new()
        .route("/transfer", get(show_form).post(transfer))
        .with_state(AppState { bank, hooks })
}

async fn show_form(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let bank = state.bank.lock().unwrap();
    match session_id(&headers).and_then(|id| bank.sessions.get(id)) {
        Some(session) => Html((state.hooks.form)(session)).into_response(),
        None => Redirect::to("/login").into_response(),
    }
}

#[derive(Deserialize)]
struct TransferForm {
    to: String,
    amount: u64,
    /// Missing in a forged form: an empty string then.
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
        return Redirect::to("/login").into_response();
    };
    if !(state.hooks.token_ok)(session, &form.csrf_token) {
        return (StatusCode::FORBIDDEN, "invalid CSRF token").into_response();
    }
    let from = session.user.clone();
    bank.transfers.push(Transfer {
        from,
        to: form.to.clone(),
        amount: form.amount,
    });
    format!("sent {} to {}", form.amount, form.to).into_response()
}

/// The token in a form's hidden `csrf_token` field, as a browser would submit it.
#[track_caller]
pub fn token_in(form: &str) -> String {
    let marker = "<input type=\"hidden\" name=\"csrf_token\" value=\"";
    let Some(start) = form.find(marker) else {
        panic!(
            "the form has no `{marker}...\">` field, so a real submit cannot send the token:\n{form}"
        );
    };
    let rest = &form[start + marker.len()..];
    rest[..rest.find('"').unwrap_or(rest.len())].to_string()
}

/// Sends a request with the `session` cookie (and a form body, for POST).
pub async fn send(
    app: Router,
    method: axum::http::Method,
    session: &str,
    body: &str,
) -> crate::http::Reply {
    let cookie = format!("theme=dark; session={session}");
    let form = "application/x-www-form-urlencoded";
    let headers = [("cookie", cookie.as_str()), ("content-type", form)];
    crate::http::send(app, method, "/transfer", &headers, body).await
}
