// unit1: unit tests that catch bugs
//
// A unit test calls one function with chosen inputs and checks the exact result. Choose the
// inputs from the contract: every rule gets a test, and every boundary a test on each side
// (for "1 to 100": 0, 1, 100 and 101). Bugs live at boundaries, and in forgotten rules.
//
// `parse_limit` (support/limits.rs) is correct; its contract: "" is `Empty`; anything but
// ASCII digits (a sign, a space, a point) is `NotANumber`; below 1 is `TooSmall`; above 100,
// or too big for a `u32`, is `TooLarge`. You write the tests, with `assert_eq!` on the whole
// `Result`. The runner then plants bugs in a copy of `parse_limit`, one at a time (a boundary
// moved by one, a rule forgotten), and each must make one of your tests fail. That is
// mutation testing; `cargo mutants` does it to real code bases.

#[path = "support/limits.rs"]
mod limits;

fn main() {
    for raw in ["20", "0", "+5"] {
        println!("{raw:?} -> {:?}", limits::parse_limit(raw));
    }
}

#[cfg(test)]
mod tests {
    use crate::limits::{LimitError, parse_limit};

    #[test]
    fn the_range_is_1_to_100_inclusive() {
        assert_eq!(parse_limit("1"), Ok(1), "1 is the smallest limit");
        assert_eq!(parse_limit("100"), Ok(100), "100 is the largest limit");
        assert_eq!(
            parse_limit("0"),
            Err(LimitError::TooSmall),
            "0 is below the range"
        );
        assert_eq!(
            parse_limit("101"),
            Err(LimitError::TooLarge),
            "101 is above it"
        );
        assert_eq!(
            parse_limit("4294967296"),
            Err(LimitError::TooLarge),
            "2^32 does not fit a u32, and is too large rather than not a number"
        );
    }

    #[test]
    fn only_plain_digits_are_numbers() {
        assert_eq!(parse_limit(""), Err(LimitError::Empty), "nothing is Empty");
        for raw in ["ten", "+5", "-5", " 5", "5 ", "5.0", "0x10"] {
            assert_eq!(
                parse_limit(raw),
                Err(LimitError::NotANumber),
                "{raw:?} is not plain ASCII digits"
            );
        }
    }

    // An example to start from.
    #[test]
    fn parses_a_plain_number() {
        assert_eq!(parse_limit("20"), Ok(20), "20 is inside the range");
    }
}
