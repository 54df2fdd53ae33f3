// pagination1: a cursor needs a unique sort key
//
// A list endpoint answers one page at a time. Cursor (keyset) pagination remembers where the
// last page ended, the sort key of its last row, and asks for the rows after it:
// `WHERE key < ? ORDER BY key DESC LIMIT ?`, an index lookup however deep the page (unlike
// `OFFSET`, which reads and drops every row before it, and shifts when rows are added).
//
// The key must be unique, or rows that tie on it are skipped or repeated where one page ends
// and the next begins. Articles are listed newest first by `published`, and several share a
// date, so the key is the pair (published, id). SQLite compares pairs ("row values")
// directly: `(published, id) < (?1, ?2)`.
//
// Make (published, id) the sort key of `fetch_after`'s query.

#[path = "support/articles.rs"]
mod articles;

use articles::{Article, Cursor};
use rusqlite::{Connection, params};

/// Up to `n` articles after `after` (from the newest when `None`), newest first.
pub fn fetch_after(conn: &Connection, after: Option<&Cursor>, n: usize) -> Vec<Article> {
    let published = after.map(|cursor| cursor.published.as_str());
    let id = after.map(|cursor| cursor.id);
    // TODO: compare and order by the pair (published, id), not by `published` alone.
    let sql = "SELECT id, title, published FROM articles
               WHERE ?1 IS NULL OR (published, id) < (?1, ?2)
               ORDER BY published DESC, id DESC
               LIMIT ?3";
    let mut statement = conn.prepare(sql).unwrap();
    let rows = statement.query_map(params![published, id, n as i64], Article::from_row);
    rows.unwrap().collect::<Result<_, _>>().unwrap()
}

fn main() {
    let first = fetch_after(&articles::open_db(), None, 3);
    println!("{first:?}");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use articles::NEWEST_FIRST;

    fn ids(page: &[Article]) -> Vec<i64> {
        page.iter().map(|article| article.id).collect()
    }

    #[test]
    fn the_next_page_starts_after_the_cursor() {
        let cursor = Cursor::decode("2024-01-15~7");
        let page = ids(&fetch_after(&articles::open_db(), cursor.as_ref(), 3));
        let why = "after (2024-01-15, 7) come 4 (same day, lower id), then 5 and 3 (ties highest \
            id first): compare and order by the cursor's pair (published, id), both DESC";
        assert_eq!(page, [4, 5, 3], "{why}");
    }

    #[test]
    fn walking_the_pages_sees_every_article_once() {
        let conn = articles::open_db();
        for n in 1..=4 {
            let (mut seen, mut cursor) = (Vec::new(), None);
            loop {
                let page = fetch_after(&conn, cursor.as_ref(), n);
                let Some(last) = page.last() else { break };
                cursor = Some(Cursor::after(last));
                seen.extend(ids(&page));
                assert!(seen.len() <= 9, "pages of {n} never end: {seen:?}");
            }
            let why = format!(
                "pages of {n}: each article once, newest first, ties by id, highest \
                first: order by the same pair as the cursor, (published DESC, id DESC)"
            );
            assert_eq!(seen, NEWEST_FIRST, "{why}");
        }
    }
}
