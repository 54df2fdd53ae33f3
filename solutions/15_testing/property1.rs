// property1: property-based tests
//
// An example-based test checks the inputs you thought of. A property-based test states a fact
// that must hold for *every* input, and a library, proptest, generates inputs to try to break
// it: empty strings, colons, emoji, huge numbers. When it finds a failing input, it shrinks it
// to the smallest one that still fails and prints it. Two kinds of property pay off almost
// everywhere:
// - round trip: decoding what you encoded gives back the original, `decode(encode(x)) == x`;
// - invariants: facts about the output that hold whatever the input, such as "paging through a
//   list shows every item exactly once, in order, and only the last page may be short".
//
// The cursor and paging code below is correct. Write the two properties marked TODO, with
// `prop_assert!` and `prop_assert_eq!` (they report the failing input instead of panicking).
// The runner then plants bugs (through the `mutant(...)` calls) and each must make one of your
// properties fail. Plant one yourself to see proptest's report, with its shrunk input:
//     BACKLINGS_MUTANT=split_at_last_colon cargo test -p exercises-testing --bin property1

/// The runner plants a bug by setting `BACKLINGS_MUTANT`. Leave this alone.
fn mutant(name: &str) -> bool {
    std::env::var("BACKLINGS_MUTANT").is_ok_and(|m| m == name)
}

/// Where the previous page ended, for `GET /users?after=<cursor>`.
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
    let split = if mutant("split_at_last_colon") {
        text.rsplit_once(':')
    } else {
        text.split_once(':')
    };
    let (id, name) = split?;
    let last_id = id.parse().ok()?;
    let name = if mutant("trims_name") {
        name.trim()
    } else {
        name
    };
    Some(Cursor {
        last_id,
        last_name: name.to_string(),
    })
}

/// How many pages of `per_page` items it takes to show `total` items (none for no items).
pub fn page_count(total: usize, per_page: usize) -> usize {
    assert!(per_page > 0, "pages hold at least one item");
    if mutant("last_page_dropped") {
        total / per_page
    } else {
        total.div_ceil(per_page)
    }
}

/// Page `number` of `items`, counting pages from 1; empty past the last page.
pub fn page<T>(items: &[T], number: usize, per_page: usize) -> &[T] {
    assert!(
        number >= 1 && per_page > 0,
        "pages count from 1 and are not empty"
    );
    let skipped = if mutant("zero_based_pages") {
        number * per_page
    } else {
        (number - 1) * per_page
    };
    let start = skipped.min(items.len());
    let end = (start + per_page).min(items.len());
    &items[start..end]
}

fn main() {
    let cursor = Cursor {
        last_id: 42,
        last_name: "Ada".to_string(),
    };
    let text = encode_cursor(&cursor);
    println!("{text} -> {:?}", decode_cursor(&text));
    let items: Vec<u32> = (1..=7).collect();
    for number in 1..=page_count(items.len(), 3) {
        println!("page {number}: {:?}", page(&items, number, 3));
    }
}

// Your properties go below. The runner checks that they hold, and that every bug it plants
// makes at least one of them fail.
#[cfg(test)]
mod tests {
    use super::*;
    use proptest::collection::vec;
    use proptest::prelude::*;
    use proptest::test_runner::RngSeed;

    /// 64 cases per property, the same ones on every run, and no files written on failure.
    fn config() -> ProptestConfig {
        ProptestConfig {
            cases: 64,
            rng_seed: RngSeed::Fixed(20240901),
            failure_persistence: None,
            ..ProptestConfig::default()
        }
    }

    proptest! {
        #![proptest_config(config())]

        // An example to start from: whatever a client sends, decoding must not panic.
        #[test]
        fn decoding_any_text_never_panics(text in any::<String>()) {
            let _ = decode_cursor(&text);
        }

        // Names of letters, spaces and colons: the characters that trouble text formats.
        #[test]
        fn a_cursor_survives_a_round_trip(last_id in any::<u64>(), last_name in "[a-zA-Z :]{0,12}") {
            let cursor = Cursor { last_id, last_name };
            let text = encode_cursor(&cursor);
            prop_assert_eq!(decode_cursor(&text), Some(cursor));
        }

        #[test]
        fn paging_shows_every_item_once_in_order(
            items in vec(any::<u32>(), 0..50),
            per_page in 1usize..10,
        ) {
            let pages = page_count(items.len(), per_page);
            let mut seen = Vec::new();
            for number in 1..=pages {
                let this_page = page(&items, number, per_page);
                prop_assert!(!this_page.is_empty(), "page {} of {} is empty", number, pages);
                if number < pages {
                    prop_assert_eq!(this_page.len(), per_page, "page {} is short", number);
                }
                seen.extend_from_slice(this_page);
            }
            prop_assert_eq!(&seen, &items);
            prop_assert!(page(&items, pages + 1, per_page).is_empty());
        }
    }
}
