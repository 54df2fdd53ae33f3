// xss_script1: data inside a <script> element
//
// Pages often hand data to their JavaScript as JSON inside `<script>`. But the HTML parser
// does not understand JavaScript: it ends the script at the first `</script>`, even inside a
// JSON string, and parses what follows as HTML. serde_json does not escape `<`, so a bio of
// `</script><script>alert(1)</script>` gets out. JSON lets any character be written as
// `\uXXXX`: write `<`, `>` and `&` as `\u003c`, `\u003e` and `\u0026` (in JSON text they
// only occur inside strings, so a plain replace is safe) and the data reads back unchanged.
//
// Fix `json_for_script`.

use serde_json::{Value, json};

/// JSON text that is safe to put inside a `<script>` element.
fn json_for_script(value: &Value) -> String {
    // TODO: write `<`, `>` and `&` as JSON escapes, so no `</script>` or `<!--` can appear.
    value.to_string()
}

fn render_profile(name: &str, bio: &str) -> String {
    let data = json!({ "bio": bio, "name": name });
    format!(
        "<script>const profile = {};</script>",
        json_for_script(&data)
    )
}

fn main() {
    println!(
        "{}",
        render_profile("Ada", "Writes <em>programs</em> & poems")
    );
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_script_end_tag_in_the_bio_cannot_close_the_script() {
        let page = render_profile(
            "Mallory",
            "</script><script>alert(document.cookie)</script>",
        );
        assert_eq!(
            page.matches("</script>").count(),
            1,
            "only the page's own </script> may appear; the bio closed the script early: {page}"
        );
    }

    #[test]
    fn the_three_characters_become_unicode_escapes() {
        let text = json_for_script(&json!({ "bio": "<b>R&D</b>" }));
        assert_eq!(
            text, r#"{"bio":"\u003cb\u003eR\u0026D\u003c/b\u003e"}"#,
            "`<`, `>` and `&` are written as \\u003c, \\u003e and \\u0026"
        );
    }

    #[test]
    fn the_data_reads_back_unchanged() {
        let value = json!({ "bio": "<!-- R&D --> </script>", "tags": ["a<b", "c>d"], "n": 1 });
        let text = json_for_script(&value);
        let back: Result<Value, _> = serde_json::from_str(&text);
        assert_eq!(
            back.ok(),
            Some(value),
            "the escaped JSON {text} must parse back to the same data"
        );
    }
}
