// unit1: unit tests that catch bugs
//
// A unit test calls one function with chosen inputs and checks the exact result. The inputs
// worth choosing are not random: every rule in the function's contract gets a test, and every
// boundary gets a test on each side (for "1 to 100" that is 0, 1, 100 and 101). Bugs live at
// boundaries, and in the rules nobody thought to test.
//
// `parse_limit` below is correct: this time you write the tests, not the code. To prove that
// your tests would notice a real bug, the runner plants bugs in `parse_limit` one at a time (a
// boundary moved by one, a rule forgotten: that is what the `mutant(...)` calls are for) and
// runs your tests again. Each planted bug must make at least one of your tests fail. This is
// mutation testing; `cargo mutants` does the same to real code bases.
//
// Write the tests marked TODO, with exact expected values (`assert_eq!` on the whole
// `Result`). To plant a bug yourself, run for example
//     BACKLINGS_MUTANT=off_by_one cargo test -p exercises-testing --bin unit1

use std::num::{IntErrorKind, ParseIntError};

/// The runner plants a bug by setting `BACKLINGS_MUTANT`. Leave this alone.
fn mutant(name: &str) -> bool {
    std::env::var("BACKLINGS_MUTANT").is_ok_and(|m| m == name)
}

pub const MAX_LIMIT: u32 = 100;

#[derive(Debug, PartialEq, Eq)]
pub enum LimitError {
    Empty,
    NotANumber,
    TooSmall,
    TooLarge,
}

/// Parses the `limit` query parameter of a list endpoint (`GET /posts?limit=20`).
///
/// - The empty string is `Empty`.
/// - Only ASCII digits are allowed: no sign, no spaces, no decimal point (`NotANumber`).
/// - The smallest limit is 1 (`TooSmall`) and the largest is `MAX_LIMIT` (`TooLarge`, also for
///   numbers too big for a `u32`).
pub fn parse_limit(raw: &str) -> Result<u32, LimitError> {
    if raw.is_empty() {
        return Err(LimitError::Empty);
    }
    // `str::parse` accepts a leading `+`; this API does not.
    if !mutant("plus_sign") && !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(LimitError::NotANumber);
    }
    let n: u32 = raw.parse().map_err(|e: ParseIntError| match e.kind() {
        IntErrorKind::PosOverflow => LimitError::TooLarge,
        _ => LimitError::NotANumber,
    })?;
    let min = if mutant("zero_allowed") { 0 } else { 1 };
    let max = if mutant("off_by_one") {
        MAX_LIMIT + 1
    } else if mutant("max_excluded") {
        MAX_LIMIT - 1
    } else {
        MAX_LIMIT
    };
    if n < min {
        return Err(LimitError::TooSmall);
    }
    if n > max {
        return Err(LimitError::TooLarge);
    }
    Ok(n)
}

fn main() {
    for raw in ["20", "0", "500", "+5", ""] {
        println!("{raw:?} -> {:?}", parse_limit(raw));
    }
}

// Your tests go below. The runner checks that they pass, and that every bug it plants makes at
// least one of them fail.
#[cfg(test)]
mod tests {
    use super::*;

    // An example to start from.
    #[test]
    fn parses_a_plain_number() {
        assert_eq!(parse_limit("20"), Ok(20));
    }

    #[test]
    fn accepts_both_ends_of_the_range() {
        assert_eq!(parse_limit("1"), Ok(1));
        assert_eq!(parse_limit("100"), Ok(MAX_LIMIT));
    }

    #[test]
    fn rejects_values_just_outside_the_range() {
        assert_eq!(parse_limit("0"), Err(LimitError::TooSmall));
        assert_eq!(parse_limit("101"), Err(LimitError::TooLarge));
        assert_eq!(parse_limit("4294967296"), Err(LimitError::TooLarge));
    }

    #[test]
    fn rejects_malformed_input() {
        assert_eq!(parse_limit(""), Err(LimitError::Empty));
        for raw in ["ten", "+5", "-5", " 5", "5 ", "5.0", "0x10", "٣"] {
            assert_eq!(parse_limit(raw), Err(LimitError::NotANumber), "{raw:?}");
        }
    }
}
