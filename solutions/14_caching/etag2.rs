// etag2: If-None-Match, as clients really send it
//
// A client may hold several versions of a page (a CDN keeps one per encoding, say), and sends
// all their ETags at once: `If-None-Match: "a", "b"`. It may send `*` ("any version you
// have"). And it may send a weak tag, `W/"abc"`: the server promises only that the content is
// equivalent, not byte for byte. For If-None-Match, weak and strong tags compare by their
// opaque part alone (RFC 9110 13.1.2, the "weak comparison"), so `W/"abc"` matches `"abc"`.
//
// Make `if_none_match_matches` follow those rules; an article handler answers 304 on `true`.

/// Does the request's `If-None-Match` header match our current strong `etag` (`"..."`)?
///
/// - The header is a comma-separated list of ETags; any one of them may match.
/// - `*` matches any current representation.
/// - A weak tag `W/"abc"` matches our `"abc"`.
fn if_none_match_matches(header: &str, etag: &str) -> bool {
    header.split(',').map(str::trim).any(|candidate| {
        candidate == "*" || candidate.strip_prefix("W/").unwrap_or(candidate) == etag
    })
}

fn main() {
    for header in ["\"abc\"", "\"old\", \"abc\"", "W/\"abc\"", "*"] {
        println!("{header}: {}", if_none_match_matches(header, "\"abc\""));
    }
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    const TAG: &str = "\"abc\"";

    #[test]
    fn any_tag_of_a_list_may_match() {
        for header in ["\"old\", \"abc\"", "\"old\",\"abc\"", "\"abc\" , \"new\""] {
            let why = "one tag of the list is ours (spaces around commas are allowed)";
            assert!(if_none_match_matches(header, TAG), "{header}: {why}");
        }
        let header = "\"old\", \"older\"";
        assert!(
            !if_none_match_matches(header, TAG),
            "{header}: none of these is ours"
        );
    }

    #[test]
    fn a_star_matches_anything() {
        assert!(
            if_none_match_matches("*", TAG),
            "* means any version the server has"
        );
    }

    #[test]
    fn a_weak_tag_matches_by_its_opaque_part() {
        let header = "W/\"abc\"";
        assert!(
            if_none_match_matches(header, TAG),
            "{header}: weak comparison"
        );
        let header = "W/\"abd\"";
        assert!(!if_none_match_matches(header, TAG), "{header}: another tag");
    }

    #[test]
    fn only_whole_quoted_tags_match() {
        for header in ["abc", "\"ab\"", "\"abc", ""] {
            let why = "an ETag is the whole quoted string";
            assert!(!if_none_match_matches(header, TAG), "{header:?}: {why}");
        }
    }
}
