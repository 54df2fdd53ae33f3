// xss2: escaping depends on where you write
//
// xss1 escaped text between tags. A profile page writes user data into three more places,
// and each has its own rules:
//
// - Inside an attribute value, `"` ends the value. A website of
//   `https://x.example/" onmouseover="alert(1)` turns `<a title="...">` into a tag with an
//   event handler of the attacker's choosing. Escaping `&`, `<` and `>` is not enough there:
//   escape both quotes too (`"` -> `&quot;`, `'` -> `&#x27;`), and always quote attributes.
// - In a URL attribute (`href`, `src`), escaping is not enough either: `javascript:alert(1)`
//   contains no special character at all, and a click runs it. Check the scheme against an
//   allow-list. Browsers ignore case, skip leading spaces and control characters and remove
//   tabs and newlines anywhere in a URL, so `  JaVa\tScRiPt:` works too: do not try to spot
//   the bad schemes, accept only URLs that start with `http://` or `https://` (in any case)
//   and use a harmless `#` for everything else.
// - Inside `<script>`, the HTML parser does not understand JavaScript. It ends the script at
//   the first `</script>`, even one inside a JSON string, and whatever follows is parsed as
//   HTML again. serde_json does not escape `<`, so a bio of `</script><script>alert(1)` gets
//   out. JSON allows any character to be written as `\uXXXX`: write `<`, `>` and `&` as
//   `\u003c`, `\u003e` and `\u0026` (they only ever occur inside strings in JSON text, so a
//   plain replace is safe) and the data reads back exactly the same in JavaScript.
//
// Write `escape_attr`, `safe_href` and `json_for_script`. `render_profile` already uses them.

use serde_json::{Value, json};

struct Profile {
    name: String,
    website: String,
    bio: String,
}

/// Escapes text that goes between tags.
fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Escapes a value that goes inside a quoted attribute.
fn escape_attr(value: &str) -> String {
    // TODO: enough between tags, not inside an attribute. Escape both quotes as well.
    escape_text(value)
}

/// The URL to link to: `url` itself if it is an http or https URL, `#` otherwise.
fn safe_href(url: &str) -> &str {
    // TODO: allow only URLs that start with `http://` or `https://`, ignoring case.
    url
}

/// JSON text that is safe to put inside a `<script>` element.
fn json_for_script(value: &Value) -> String {
    // TODO: write `<`, `>` and `&` as JSON escapes so no `</script>` can appear.
    value.to_string()
}

fn render_profile(profile: &Profile) -> String {
    let data = json!({ "bio": profile.bio, "name": profile.name });
    format!(
        "<h2>{name}</h2>\n\
         <a href=\"{href}\" title=\"{title}\">website</a>\n\
         <script>const profile = {json};</script>\n",
        name = escape_text(&profile.name),
        href = escape_attr(safe_href(&profile.website)),
        title = escape_attr(&profile.website),
        json = json_for_script(&data),
    )
}

fn main() {
    let profile = Profile {
        name: "Ada".to_string(),
        website: "https://ada.example/".to_string(),
        bio: "Writes <em>programs</em> & poems".to_string(),
    };
    print!("{}", render_profile(&profile));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    fn profile(name: &str, website: &str, bio: &str) -> Profile {
        Profile {
            name: name.to_string(),
            website: website.to_string(),
            bio: bio.to_string(),
        }
    }

    #[test]
    fn an_ordinary_profile() {
        let page = render_profile(&profile("Ada", "https://ada.example/", "Hi & bye"));
        assert_eq!(
            page,
            "<h2>Ada</h2>\n\
             <a href=\"https://ada.example/\" title=\"https://ada.example/\">website</a>\n\
             <script>const profile = {\"bio\":\"Hi \\u0026 bye\",\"name\":\"Ada\"};</script>\n"
        );
    }

    #[test]
    fn escape_attr_escapes_quotes() {
        assert_eq!(escape_attr("plain"), "plain");
        assert_eq!(escape_attr(r#"a "quote""#), "a &quot;quote&quot;");
        assert_eq!(escape_attr("it's"), "it&#x27;s");
        assert_eq!(escape_attr("<&>"), "&lt;&amp;&gt;");
    }

    #[test]
    fn a_quote_cannot_break_out_of_the_attribute() {
        let website = r#"https://x.example/" onmouseover="alert(document.cookie)"#;
        let page = render_profile(&profile("Mallory", website, ""));
        assert!(
            !page.contains("\" onmouseover"),
            "the quote ended the attribute and added an event handler:\n{page}"
        );
        let escaped = "https://x.example/&quot; onmouseover=&quot;alert(document.cookie)";
        assert!(page.contains(&format!(
            "<a href=\"{escaped}\" title=\"{escaped}\">website</a>"
        )));
    }

    #[test]
    fn safe_href_allows_http_and_https() {
        for url in [
            "https://example.com/me",
            "http://example.com",
            "HTTPS://EXAMPLE.COM/",
            "Http://example.com/?q=1&r=2",
        ] {
            assert_eq!(safe_href(url), url);
        }
    }

    #[test]
    fn safe_href_refuses_everything_else() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "//evil.example/",
            "ftp://files.example/",
            "https:alert(1)",
            "",
        ] {
            assert_eq!(safe_href(url), "#", "{url:?} must not become a link");
        }
    }

    #[test]
    fn a_javascript_url_never_reaches_href() {
        let page = render_profile(&profile("Mallory", "javascript:alert(document.cookie)", ""));
        assert!(
            page.contains("<a href=\"#\" title=\"javascript:alert(document.cookie)\">website</a>"),
            "a click on the link would run the attacker's script:\n{page}"
        );
    }

    #[test]
    fn json_for_script_escapes_angle_brackets_and_ampersands() {
        let value = json!({ "bio": "</script><script>alert(1)</script>" });
        assert_eq!(
            json_for_script(&value),
            r#"{"bio":"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e"}"#
        );
        let value = json!({ "bio": "<!-- R&D -->", "tags": ["a<b", "c>d"], "n": 1 });
        let text = json_for_script(&value);
        assert!(!text.contains(['<', '>', '&']), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value, "the data must read back unchanged");
    }

    #[test]
    fn a_script_end_tag_in_the_bio_cannot_close_the_script() {
        let bio = "</script><script>alert(document.cookie)</script>";
        let page = render_profile(&profile("Mallory", "https://m.example/", bio));
        assert_eq!(
            page.matches("</script>").count(),
            1,
            "only the page's own </script> may appear, the bio closed it early:\n{page}"
        );
        assert!(!page.contains("<script>alert"));
        // What the page's JavaScript sees is still exactly what the user typed.
        let start = page.find("const profile = ").unwrap() + "const profile = ".len();
        let end = page.rfind(";</script>").unwrap();
        let data: Value = serde_json::from_str(&page[start..end]).unwrap();
        assert_eq!(data["bio"], bio);
        assert_eq!(data["name"], "Mallory");
    }
}
