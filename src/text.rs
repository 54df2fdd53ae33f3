//! Learner output made safe to show, and text fitted to a screen: control sequences made
//! inert, lines measured in terminal columns and wrapped at word boundaries.

use unicode_width::UnicodeWidthChar;

/// Makes a learner program's output inert for a terminal: only color sequences (SGR,
/// `ESC [ ... m`, ECMA-48 section 8.3.117) pass, and only when `keep_color` is set; every other
/// escape, control character, and C1 control is shown as visible text (`ESC` as `^[`, `BEL`
/// as `^G`, `DEL` as `^?`, C1 as `<U+009B>`), so nothing the program prints can clear the
/// screen, move the cursor, switch screens or retitle the terminal. Newlines and tabs stay;
/// a carriage return before a newline is dropped, a lone one is shown as `^M`.
pub fn sanitize(text: &str, keep_color: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' if matches!(chars.peek(), Some((_, '\n'))) => {}
            '\u{1b}' => {
                if let Some(len) = sgr_length(&text[at..]) {
                    if keep_color {
                        out.push_str(&text[at..at + len]);
                    }
                    // Skip the rest of the sequence (its bytes are ASCII).
                    for _ in 1..len {
                        chars.next();
                    }
                } else {
                    out.push_str("^[");
                }
            }
            c if (c as u32) < 0x20 => {
                out.push('^');
                out.push(char::from(b'@' + c as u8));
            }
            '\u{7f}' => out.push_str("^?"),
            c if ('\u{80}'..='\u{9f}').contains(&c) => {
                out.push_str(&format!("<U+{:04X}>", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// The length of an SGR sequence at the start of `text` (`ESC [` digits, `;` or `:`, then
/// `m`), if there is one.
fn sgr_length(text: &str) -> Option<usize> {
    let rest = text.strip_prefix("\u{1b}[")?;
    let params = rest
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b';' || *b == b':')
        .count();
    (rest.as_bytes().get(params) == Some(&b'm')).then_some(2 + params + 1)
}

/// Removes color sequences and the runner's own OSC 8 links' escapes (text for measuring and
/// for a screen without colors).
pub fn strip_sgr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\u{1b}') {
        out.push_str(&rest[..at]);
        if let Some(len) = sgr_length(&rest[at..]) {
            rest = &rest[at + len..];
        } else if let Some(len) = osc_length(&rest[at..]) {
            rest = &rest[at + len..];
        } else {
            out.push('\u{1b}');
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    out
}

/// The length of an OSC sequence (`ESC ]` ... ended by `ESC \` or BEL) at the start of `text`.
fn osc_length(text: &str) -> Option<usize> {
    let body = text.strip_prefix("\u{1b}]")?;
    let st = body.find("\u{1b}\\").map(|at| at + 2);
    let bel = body.find('\u{7}').map(|at| at + 1);
    let end = match (st, bel) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    Some(2 + end)
}

/// How many terminal columns `text` takes (color sequences take none).
pub fn width(text: &str) -> usize {
    strip_sgr(text)
        .chars()
        .map(|c| if c == '\t' { 4 } else { c.width().unwrap_or(0) })
        .sum()
}

/// One line (no newline in it) wrapped to rows of at most `columns` columns, breaking after a
/// space where one is near enough, else inside a word. Color sequences are kept and a row
/// that ends inside a colored span is closed with a reset, so no color bleeds into the next.
pub fn wrap(line: &str, columns: usize) -> Vec<String> {
    let columns = columns.max(1);
    let line = line.replace('\t', "    ");
    if width(&line) <= columns {
        return vec![line];
    }
    let mut rows = Vec::new();
    let mut row = String::new();
    let mut used = 0;
    let mut last_space: Option<(usize, usize)> = None; // (byte in row, columns used after it)
    let mut colored = false;
    let mut rest = line.as_str();
    while !rest.is_empty() {
        if let Some(len) = sgr_length(rest) {
            let sequence = &rest[..len];
            colored = !(sequence == "\u{1b}[0m" || sequence == "\u{1b}[m");
            row.push_str(sequence);
            rest = &rest[len..];
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        let w = c.width().unwrap_or(0);
        if used + w > columns {
            let (head, tail) = match last_space {
                Some((at, after)) if after >= columns / 2 => {
                    let tail = row[at..].to_owned();
                    row.truncate(at);
                    (row, tail)
                }
                _ => (row, String::new()),
            };
            let mut head = head.trim_end().to_owned();
            if colored {
                head.push_str("\u{1b}[0m");
            }
            rows.push(head);
            used = width(&tail);
            row = tail;
            last_space = None;
        }
        row.push(c);
        used += w;
        if c == ' ' {
            last_space = Some((row.len(), used));
        }
        rest = &rest[c.len_utf8()..];
    }
    if !row.is_empty() {
        rows.push(row);
    }
    rows
}

/// `text` cut to at most `columns` columns, with `…` where it was cut.
pub fn truncate(text: &str, columns: usize) -> String {
    let plain = strip_sgr(text);
    if width(&plain) <= columns {
        return plain;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in plain.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > columns {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::{sanitize, strip_sgr, truncate, width, wrap};

    #[test]
    fn only_color_passes_and_everything_else_is_inert() {
        let hostile = "\u{1b}[2J\u{1b}[Hwiped\u{1b}]0;title\u{7}\u{1b}[?1049h\u{1b}[31mred\u{1b}[0m\
                       \u{8}\u{7f}\u{9b}x\r\nok\rlone";
        assert_eq!(
            sanitize(hostile, true),
            "^[[2J^[[Hwiped^[]0;title^G^[[?1049h\u{1b}[31mred\u{1b}[0m^H^?<U+009B>x\nok^Mlone"
        );
        assert_eq!(
            sanitize(hostile, false),
            "^[[2J^[[Hwiped^[]0;title^G^[[?1049hred^H^?<U+009B>x\nok^Mlone"
        );
        assert_eq!(sanitize("tab\tand\nnewline", false), "tab\tand\nnewline");
    }

    #[test]
    fn width_ignores_color_and_counts_wide_characters() {
        assert_eq!(width("\u{1b}[1;32mok\u{1b}[0m"), 2);
        assert_eq!(width("日本"), 4);
        assert_eq!(strip_sgr("\u{1b}[31mx\u{1b}[m"), "x");
    }

    #[test]
    fn wraps_at_word_boundaries_and_closes_colors() {
        assert_eq!(
            wrap("the quick brown fox jumps", 10),
            ["the quick", "brown fox", "jumps"]
        );
        assert_eq!(wrap("abcdefghijkl", 5), ["abcde", "fghij", "kl"]);
        let colored = wrap("\u{1b}[31mred red red red\u{1b}[0m", 8);
        assert_eq!(colored[0], "\u{1b}[31mred red\u{1b}[0m");
        assert!(colored.iter().all(|row| width(row) <= 8), "{colored:?}");
        let long = "x".repeat(20_000);
        assert_eq!(wrap(&long, 80).len(), 250);
    }

    #[test]
    fn truncates_with_an_ellipsis() {
        assert_eq!(truncate("hello world", 8), "hello w…");
        assert_eq!(truncate("short", 8), "short");
    }
}
