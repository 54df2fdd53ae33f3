// notes2: problem details, and a DELETE route
//
// notes1's schema is in `support/service.rs` now, with routes for GET and POST /notes, GET and
// PUT /notes/{id} (every request is alice's until notes3 brings sessions). Their errors are
// `ApiError`s; your `problems` module decides what a client sees: RFC 9457 problem details,
//     {"type":"about:blank","title":"Not Found","status":404,"detail":"note 7 does not exist"}
// as `application/problem+json`. A 500's cause (a table name, a path) is for the log, never
// for the client. Then design `DELETE /notes/{id}`: `delete_is_204_then_404` is its contract.

#[path = "support/service.rs"]
mod service;
#[path = "support/one_user.rs"]
mod sessions;

mod problems {
    use crate::service::{ApiError, AppState};
    use axum::extract::{Path, State, rejection::PathRejection};
    use axum::http::{StatusCode, header::CONTENT_TYPE};
    use axum::response::{IntoResponse, Response};

    impl IntoResponse for ApiError {
        fn into_response(self) -> Response {
            // TODO 1: a problem: type "about:blank", title (the status's reason phrase),
            // status, detail; a 500's detail is "An unexpected error occurred.".
            let text_plain = [(CONTENT_TYPE, "text/plain")];
            (self.status(), text_plain, format!("{self:?}")).into_response()
        }
    }

    pub async fn delete_note(
        State(state): State<AppState>,
        user: crate::sessions::CurrentUser,
        id: Result<Path<i64>, PathRejection>,
    ) -> Result<StatusCode, ApiError> {
        // TODO 2: delete the user's note `id`; `delete_is_204_then_404` spells out the answers.
        let _ = (state, user, id);
        Err(ApiError::Internal("not written yet".into()))
    }
}

fn app(state: service::AppState) -> axum::Router {
    service::routes().with_state(state)
}

fn main() {
    service::run(app)
}

#[cfg(test)]
mod tests {
    use super::*;
    use service::testkit::Server;

    #[test]
    fn errors_are_problem_details() {
        let server = Server::start(app);
        let missing = server.send("GET", "/notes/7", &[], "");
        missing.assert_problem(404, "note 7 does not exist");
        let blank = server.send("POST", "/notes", &[], r#"{"title":" ","body":""}"#);
        blank.assert_problem(422, "the title must not be blank");
        server.sql("DROP TABLE notes");
        let broken = server.send("GET", "/notes", &[], "");
        broken.assert_problem(500, "An unexpected error occurred.");
    }

    #[test]
    fn delete_is_204_then_404() {
        let server = Server::start(app);
        server.sql("INSERT INTO notes (owner_id, title, body) VALUES (1, 'a', ''), (2, 'b', '')");
        let deleted = server.send("DELETE", "/notes/1", &[], "");
        let got = (deleted.status, deleted.body.as_str());
        assert_eq!(got, (204, ""), "deleted: 204 No Content, and no body");
        let again = server.send("DELETE", "/notes/1", &[], "");
        again.assert_problem(404, "note 1 does not exist");
        let bobs = server.send("DELETE", "/notes/2", &[], "");
        bobs.assert_problem(404, "note 2 does not exist");
    }
}
