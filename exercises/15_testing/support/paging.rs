//! The code under test for property1: an opaque-ish cursor for `GET /users?after=<cursor>`,
//! and offset paging. It is correct; the runner plants bugs in a copy of this file to check
//! your properties. You don't need to edit it.
#![allow(dead_code)]

/// Where the previous page ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub last_id: u64,
    pub last_name: String,
}

/// `{last_id}:{last_name}`. (A public API would also base64 it, so that clients treat it as
/// opaque; the round trip matters just the same.)
pub fn encode_cursor(cursor: &Cursor) -> String {
    format!("{}:{}", cursor.last_id, cursor.last_name)
}

/// The cursor in `text`, or `None` if a client sent something that is not one.
pub fn decode_cursor(text: &str) -> Option<Cursor> {
    let (id, name) = text.split_once(':')?;
    let last_id = id.parse().ok()?;
    Some(Cursor {
        last_id,
        last_name: name.to_string(),
    })
}

/// How many pages of `per_page` items it takes to show `total` items (none for no items).
pub fn page_count(total: usize, per_page: usize) -> usize {
    assert!(per_page > 0, "pages hold at least one item");
    total.div_ceil(per_page)
}

/// Page `number` of `items`, counting pages from 1; empty past the last page.
pub fn page<T>(items: &[T], number: usize, per_page: usize) -> &[T] {
    assert!(
        number >= 1 && per_page > 0,
        "pages count from 1 and hold items"
    );
    let start = ((number - 1) * per_page).min(items.len());
    let end = (start + per_page).min(items.len());
    &items[start..end]
}
