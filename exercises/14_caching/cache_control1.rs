// cache_control1: Cache-Control, what each directive requires
//
// The fastest request is the one never sent. `Cache-Control` on a response tells browsers
// and shared caches (CDNs, proxies) whether they may store it and reuse it (RFC 9111):
// - `max-age=N`: fresh for N seconds, reused without asking. Once stale, a cache normally
//   revalidates it, but may serve it stale in some cases (the origin unreachable, say)...
// - ...unless `must-revalidate`: once stale, never reused without revalidating (5.2.2.2).
// - `no-cache`: may be stored, but must be revalidated before *every* reuse (5.2.2.4). It
//   does not mean "do not cache"; that is `no-store`: never stored by any cache (5.2.2.5).
// - `public` lets shared caches store it; `private` keeps it to the user's browser;
//   `immutable` says it will never change, so no revalidation even on reload.
//
// Give each kind of response the policy its comment asks for (in any order).

/// `/assets/app.3f9a1c.css`: the name holds a hash of the content; a new version gets a new
/// name. Anyone may keep it a year, never revalidating.
const ASSET_POLICY: &str = "public, max-age=31536000, immutable";

// TODO: the three policies below.
/// `/articles/{id}`: public pages that editors still fix. Anyone (the CDN too) may reuse one
/// for 60 seconds; once stale, never without revalidating.
const ARTICLE_POLICY: &str = "public, max-age=60";
/// `/prices`: may be stored, but must be checked with the origin before every single use.
const PRICES_POLICY: &str = "max-age=0";
/// `/me`: the signed-in user's own data. Never stored anywhere, not even in the browser.
const ME_POLICY: &str = "private, max-age=60";

#[path = "support/http.rs"]
mod http;

fn main() {
    for policy in [ASSET_POLICY, ARTICLE_POLICY, PRICES_POLICY, ME_POLICY] {
        println!("Cache-Control: {policy}");
    }
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::assert_directives;

    #[test]
    fn assets_are_kept_a_year_everywhere() {
        let why = "a hashed file name never changes content";
        assert_directives(ASSET_POLICY, "public, max-age=31536000, immutable", why);
    }

    #[test]
    fn articles_are_fresh_for_a_minute_then_always_revalidated() {
        let why = "public for the CDN, 60 s fresh, and never served stale unchecked";
        assert_directives(ARTICLE_POLICY, "public, max-age=60, must-revalidate", why);
    }

    #[test]
    fn prices_are_revalidated_before_every_use() {
        let why = "stored, but checked with the origin every time";
        assert_directives(PRICES_POLICY, "no-cache", why);
    }

    #[test]
    fn personal_data_is_never_stored() {
        let why = "no cache may keep it, not even the browser's";
        assert_directives(ME_POLICY, "no-store", why);
    }
}
