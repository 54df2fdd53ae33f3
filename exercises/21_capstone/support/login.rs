//! notes5's answer: POST /login, which checks the password on the blocking pool without
//! holding the database lock; POST /logout; and the service as of notes5, `app`.
//! Support code: you do not need to edit it.
#![allow(dead_code)]

use axum::extract::{Json, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::service::{self, ApiError, AppState, Credentials, login_hash, start_session};
use crate::{csrf, sessions};

pub async fn login(
    State(state): State<AppState>,
    Json(creds): Json<Credentials>,
) -> Result<Response, ApiError> {
    let (user_id, phc) = login_hash(&state.db.lock().unwrap(), &creds.username)?;
    let passwords = state.passwords.clone();
    let check = move || passwords.verify(&creds.password, &phc);
    let ok = tokio::task::spawn_blocking(check).await?;
    let Some(user_id) = user_id.filter(|_| ok) else {
        return Ok(sessions::unauthorized("wrong username or password"));
    };
    let (sid, csrf_token) = start_session(&state, user_id)?;
    let cookie = [("set-cookie", sessions::set_cookie(&sid))];
    let body = Json(serde_json::json!({ "csrf_token": csrf_token }));
    Ok((cookie, body).into_response())
}

pub fn app(state: AppState) -> axum::Router {
    let csrf = axum::middleware::from_fn_with_state(state.clone(), csrf::require_csrf);
    let routes = service::routes().route("/login", axum::routing::post(login));
    let routes = routes.route("/logout", axum::routing::post(logout));
    routes.layer(csrf).with_state(state)
}

/// Ends the session: 204, and a cookie that expires at once.
pub async fn logout(
    State(state): State<AppState>,
    _user: sessions::CurrentUser,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if let Some(sid) = service::cookie(&headers, "sid") {
        let sql = "DELETE FROM sessions WHERE token_hash = ?1";
        state
            .db
            .lock()
            .unwrap()
            .execute(sql, [service::sha256_hex(sid)])?;
    }
    let expired = [(
        "set-cookie",
        "sid=; HttpOnly; Secure; SameSite=Lax; Path=/; Max-Age=0",
    )];
    Ok((StatusCode::NO_CONTENT, expired).into_response())
}
