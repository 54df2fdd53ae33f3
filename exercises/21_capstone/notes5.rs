// notes5: log in without stalling the service
//
// POST /login {"username":..,"password":..} checks the password against its Argon2 hash and
// starts a session: 200 {"csrf_token":..} with notes3's cookie. Argon2 is slow on purpose
// (tens of milliseconds of CPU): that is what makes stolen hashes expensive to crack. Inside
// an async handler, though, that CPU time blocks the runtime's thread and every request on
// it; and the database lock, held meanwhile, blocks every query. Hold the lock for the query
// only, and verify on tokio's blocking pool: `tokio::task::spawn_blocking(closure).await`.
// Drop the guard before any `.await`: a `MutexGuard` held across `.await` makes the handler's
// future non-`Send`, and axum then answers only "the trait `Handler<_, _>` is not implemented".

#[path = "support/csrf.rs"]
mod csrf;
#[path = "support/problems.rs"]
mod problems;
#[path = "support/service.rs"]
mod service;
#[path = "support/sessions.rs"]
mod sessions;

use axum::extract::{Json, State};
use axum::response::{IntoResponse, Response};
use service::{ApiError, AppState, Credentials, login_hash, start_session};

async fn login(
    State(state): State<AppState>,
    Json(creds): Json<Credentials>,
) -> Result<Response, ApiError> {
    // TODO 1: hold the lock for this query only.
    let conn = state.db.lock().unwrap();
    let (user_id, phc) = login_hash(&conn, &creds.username)?;
    // TODO 2: verify on the blocking pool (the closure must own what it uses).
    let ok = state.passwords.verify(&creds.password, &phc);
    drop(conn);
    let Some(user_id) = user_id.filter(|_| ok) else {
        return Ok(sessions::unauthorized("wrong username or password"));
    };
    let (sid, csrf_token) = start_session(&state, user_id)?;
    let cookie = [("set-cookie", sessions::set_cookie(&sid))];
    let body = Json(serde_json::json!({ "csrf_token": csrf_token }));
    Ok((cookie, body).into_response())
}

fn app(state: AppState) -> axum::Router {
    let csrf = axum::middleware::from_fn_with_state(state.clone(), csrf::require_csrf);
    let routes = service::routes().route("/login", axum::routing::post(login));
    routes.layer(csrf).with_state(state)
}

fn main() {
    service::run(app)
}

#[cfg(test)]
mod tests {
    use super::*;
    use service::testkit::{ALICE_LOGIN, Server};

    #[test]
    fn a_login_checks_the_password_off_the_runtime_without_the_lock() {
        let server = Server::start(app);
        let reply = server.send("POST", "/login", &[], ALICE_LOGIN);
        assert_eq!(reply.status, 200, "alice logs in: {}", reply.body);
        let mallory = r#"{"username":"mallory","password":"guess"}"#;
        server.send("POST", "/login", &[], mallory).problem(401);
        let calls = server.passwords.calls();
        assert_eq!(calls.len(), 2, "one password check per login attempt");
        for call in calls {
            let why = "Argon2 ran on the runtime's thread, stalling every request there";
            assert!(!call.on_runtime, "{why}: run it with spawn_blocking");
            let why = "the database lock was held during Argon2, so every query waited";
            assert!(!call.db_locked, "{why}: release it first");
        }
    }
}
