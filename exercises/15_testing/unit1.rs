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
        // TODO: both ends of the range parse; one step outside each end is refused, and so is
        // a number too big for a `u32`, each with the right error.
        todo!("assert both sides of each boundary of the range")
    }

    #[test]
    fn only_plain_digits_are_numbers() {
        // TODO: the empty string, and text that is not plain ASCII digits: letters, a sign,
        // spaces, a decimal point.
        todo!("assert that malformed input is refused, with the right error")
    }

    // An example to start from.
    #[test]
    fn parses_a_plain_number() {
        assert_eq!(parse_limit("20"), Ok(20), "20 is inside the range");
    }
}
