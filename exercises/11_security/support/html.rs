//! HTML escaping for text between tags (support code: you do not need to edit it).
#![allow(dead_code)]

/// Escapes text that goes between tags: `&`, `<` and `>` become entities.
pub fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Links a profile may not turn into: scripts, data, other schemes, and tricks that
/// browsers still read as `javascript:` (case, leading spaces, tabs inside).
pub const BAD_LINKS: [&str; 9] = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/",
    "https:alert(1)", // no `//`: harmless (a relative URL), but outside the rule
    "",
];
