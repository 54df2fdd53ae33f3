// session1: unguessable session ids in safe cookies
//
// After a login the server creates a session: a random id that maps, on the server, to the
// user. The id goes to the browser in a cookie, and whoever holds it *is* that user. So the id
// must be unguessable (at least 128 bits from a CSPRNG; a counter or a timestamp can be
// guessed), and the cookie hard to steal. Its attributes tell the browser:
//
//     HttpOnly      JavaScript cannot read it, so an XSS bug cannot send it away
//     Secure        it travels over HTTPS only
//     SameSite=Lax  it is not sent with cross-site POSTs, a strong defence against CSRF
//     Path=/        it is sent for every path of the site
//     Max-Age=N     the browser forgets it after N seconds
//
// Make `new_session_id` return 32 random bytes in base64url (no padding), `session_cookie` add
// the attributes. (Production names it `__Host-sid`, so a subdomain cannot plant its own.)

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

const COOKIE_NAME: &str = "sid";
const SESSION_MAX_AGE_SECS: u64 = 3600;

/// A fresh, unguessable session id.
fn new_session_id() -> String {
    // TODO: 1, 2, 3... is unique, but anyone can guess the next one. Encode 32 bytes from
    // `rand::random` with `URL_SAFE_NO_PAD` instead.
    use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
    static NEXT_ID: AtomicU64 = AtomicU64::new(1);
    NEXT_ID.fetch_add(1, Relaxed).to_string()
}

/// The `Set-Cookie` value that hands a session id to the browser.
fn session_cookie(id: &str) -> String {
    // TODO: the attributes above, separated by `; `, the age from `SESSION_MAX_AGE_SECS`.
    let attributes = "";
    format!("{COOKIE_NAME}={id}; {attributes}")
}

fn main() {
    println!("Set-Cookie: {}", session_cookie(&new_session_id()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn session_ids_are_32_random_bytes_in_base64url() {
        let id = new_session_id();
        let bytes = URL_SAFE_NO_PAD.decode(&id).map(|bytes| bytes.len());
        assert_eq!(
            bytes,
            Ok(32),
            "32 bytes are 43 base64url characters, got {id:?}"
        );
        let ids: HashSet<String> = (0..1000).map(|_| new_session_id()).collect();
        assert_eq!(ids.len(), 1000, "1000 fresh session ids must all differ");
    }

    #[test]
    fn the_cookie_carries_the_safe_attributes() {
        let cookie = session_cookie("abc");
        let mut parts = cookie.split("; ");
        assert_eq!(
            parts.next(),
            Some("sid=abc"),
            "the cookie starts with sid=<id>: {cookie}"
        );
        let attributes: HashSet<&str> = parts.collect();
        for want in [
            "HttpOnly",
            "Secure",
            "SameSite=Lax",
            "Path=/",
            "Max-Age=3600",
        ] {
            assert!(attributes.contains(want), "{want} is missing from {cookie}");
        }
    }
}
