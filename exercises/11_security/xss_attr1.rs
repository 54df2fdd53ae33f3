// xss_attr1: escaping inside attributes, and links that run code
//
// Escaping depends on where you write. Inside a quoted attribute, `"` ends the value: a
// website of `https://x.example/" onmouseover="alert(1)` turns `<a title="...">` into a tag
// with the attacker's event handler, so escape both quotes too (`&quot;`, `&#x27;`). And in
// a URL attribute (`href`, `src`) escaping is not enough: `javascript:alert(1)` has no special
// character at all, and a click runs it. Browsers ignore case, skip leading spaces and drop
// tabs inside a URL, so do not try to spot bad schemes: accept only URLs that start with
// `http://` or `https://` (in any case) and link to a harmless `#` otherwise.
//
// Fix `escape_attr` and `safe_href`.

#[path = "support/html.rs"]
mod html;

/// Escapes a value that goes inside a quoted attribute.
fn escape_attr(value: &str) -> String {
    // TODO: enough between tags, not inside an attribute. Escape both quotes as well.
    html::escape_text(value)
}

/// The URL to link to: `url` itself if it is an http or https URL, `#` otherwise.
fn safe_href(url: &str) -> &str {
    // TODO: allow only URLs that start with `http://` or `https://`, ignoring case.
    url
}

fn render_link(website: &str) -> String {
    let href = escape_attr(safe_href(website));
    format!(
        "<a href=\"{href}\" title=\"{}\">website</a>",
        escape_attr(website)
    )
}

fn main() {
    println!("{}", render_link("https://ada.example/"));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_cannot_break_out_of_the_attribute() {
        let html = render_link(r#"https://x.example/" onmouseover="alert(1)"#);
        let esc = "https://x.example/&quot; onmouseover=&quot;alert(1)";
        let want = format!("<a href=\"{esc}\" title=\"{esc}\">website</a>");
        assert_eq!(
            html, want,
            "a `\"` ended the attribute and added an event handler"
        );
        let why = "`'` ends a value quoted with `'`";
        assert_eq!(escape_attr("it's <&>"), "it&#x27;s &lt;&amp;&gt;", "{why}");
    }

    #[test]
    fn only_http_and_https_links_are_kept() {
        for url in ["https://example.com/me", "HTTP://EXAMPLE.COM/?q=1&r=2"] {
            assert_eq!(
                safe_href(url),
                url,
                "an http(s) URL is a fine link, in any case"
            );
        }
        for url in html::BAD_LINKS {
            assert_eq!(
                safe_href(url),
                "#",
                "{url:?} does not start with http:// or https://: allow by that prefix, never guess"
            );
        }
    }
}
