// like_escape1: wildcards in a bound LIKE pattern
//
// Bound into a LIKE pattern, a value cannot inject SQL, but `%` and `_` in it are still
// wildcards: a search for `%` matches every row, `Wid_et` matches Widget, and patterns like
// `%_%_%_%_%` make the database work hard. Escape them, and the escape character itself, by
// putting a `\` before each; then tell SQLite which escape character you used:
// `LIKE ?1 ESCAPE '\'` (there is no default escape character in SQL).
//
// Fix `like_pattern` and add the ESCAPE clause to the query.

#[path = "support/db.rs"]
mod db;

use rusqlite::{Connection, params};

/// A LIKE pattern that matches `term` literally anywhere in the text (with `ESCAPE '\'`).
fn like_pattern(term: &str) -> String {
    let mut pattern = String::from("%");
    for c in term.chars() {
        if matches!(c, '\\' | '%' | '_') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// Products whose name contains `term` (SQLite's LIKE ignores ASCII case), by name.
fn search_products(conn: &Connection, term: &str) -> rusqlite::Result<Vec<String>> {
    let sql = r"SELECT name FROM products WHERE name LIKE ?1 ESCAPE '\' ORDER BY name";
    db::names(conn, sql, params![like_pattern(term)])
}

fn main() {
    println!("{:?}", search_products(&db::shop(), "%"));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pattern_escapes_the_special_characters() {
        for (term, pattern) in [
            ("mug", "%mug%"),
            ("100%", r"%100\%%"),
            ("a_b", r"%a\_b%"),
            (r"C:\", r"%C:\\%"),
        ] {
            assert_eq!(like_pattern(term), pattern, "the pattern for {term:?}");
        }
    }

    #[test]
    fn search_finds_substrings() {
        let conn = db::shop();
        let found = search_products(&conn, "get");
        assert_eq!(
            found.ok(),
            Some(vec!["Gadget".to_string(), "Widget".to_string()]),
            "a search for `get`"
        );
    }

    #[test]
    fn wildcards_match_only_themselves() {
        let conn = db::shop();
        for (term, want) in [
            ("%", &["100% cotton shirt"][..]),
            ("_", &["snake_case mug"]),
            ("Wid_et", &[]),
            (r"\", &[r"Back\slash poster"]),
            (r"\%", &[]),
        ] {
            let found = search_products(&conn, term);
            let why = "without `ESCAPE '\\'` after the LIKE, a `\\` is an ordinary character";
            assert!(
                matches!(&found, Ok(names) if names == want),
                "a search for {term:?} finds {want:?} (the character itself), got {found:?}; {why}"
            );
        }
    }
}
