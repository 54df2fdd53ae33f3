// status_tests1: testing an API's status codes
//
// Clients act on status codes, not on the body: a 201 tells them a resource was created and
// where (`Location`), a 404 that it is not there. An API that answers `200 OK` with `null` for
// a missing id "works" in the browser and breaks every client that checks the status. So API
// tests assert the exact status, the headers that matter and the exact body.
//
// An axum `Router` is a tower `Service`: `send(&app, method, uri, body)` (support/todos.rs)
// hands it one request in memory, no port needed. The API is correct: write the two tests
// marked TODO. The runner then plants bugs in a copy of it (200 instead of 201, no
// `Location`, a 201 without the new todo in its body, 200 instead of 404) and each must make
// one of your tests fail.

#[path = "support/todos.rs"]
mod todos;

fn main() {
    let _ = todos::app();
    println!("Run the tests: they send requests to the app in memory.");
}

#[cfg(test)]
mod tests {
    use crate::todos::{app, send};
    use axum::http::{StatusCode, header};
    use serde_json::{Value, json};

    #[tokio::test]
    async fn creating_a_todo_is_201_with_a_location() {
        let app = app();
        let new = Some(r#"{"title": "write tests"}"#);
        let (status, headers, body) = send(&app, "POST", "/todos", new).await;
        assert_eq!(status, StatusCode::CREATED, "creating answers 201: {body}");
        let location = headers.get(header::LOCATION).map(|v| v.to_str().unwrap());
        assert_eq!(
            location,
            Some("/todos/1"),
            "a 201 says where the new todo is"
        );
        let body: Value = serde_json::from_str(&body).expect("the body is JSON");
        let want = json!({"id": 1, "title": "write tests", "done": false});
        assert_eq!(body, want, "a 201 carries the new todo");
    }

    #[tokio::test]
    async fn an_unknown_id_is_404() {
        let app = app();
        let (status, _, body) = send(&app, "GET", "/todos/7", None).await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "nobody created todo 7: {body}"
        );
    }

    // Two examples to start from.
    #[tokio::test]
    async fn a_blank_title_is_422() {
        let app = app();
        let (status, _, body) = send(&app, "POST", "/todos", Some(r#"{"title": " "}"#)).await;
        let why = "a blank title is a well-formed request with invalid content";
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{why}: {body}");
    }

    #[tokio::test]
    async fn a_created_todo_can_be_fetched() {
        let app = app();
        send(&app, "POST", "/todos", Some(r#"{"title": "ship it"}"#)).await;
        let (status, headers, body) = send(&app, "GET", "/todos/1", None).await;
        assert_eq!(status, StatusCode::OK, "the first todo is /todos/1: {body}");
        let content_type = headers.get(header::CONTENT_TYPE);
        assert_eq!(
            content_type.unwrap(),
            "application/json",
            "a JSON body says so"
        );
        let body: Value = serde_json::from_str(&body).expect("the body is JSON");
        let want = json!({"id": 1, "title": "ship it", "done": false});
        assert_eq!(body, want, "the todo as it was created");
    }
}
