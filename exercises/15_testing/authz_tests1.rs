// authz_tests1: testing who may do what
//
// Broken access control tops the OWASP Top 10, and its commonest form is a missing ownership
// check: the app checks that you are signed in, not that the note you delete is yours. A demo
// never shows it (the demo user opens only their own notes); only a test that tries it as the
// *wrong* user does. So test an access rule from every side: owner, another user, admin and
// anonymous visitor (`None`), for every action.
//
// `is_allowed` (support/notes.rs) is correct: an admin may do anything; the owner may do
// anything to their notes; anyone may read a public note; nothing else. Write the two tests
// marked TODO. The runner then plants bugs in a copy of it (one action forgets the ownership
// check, public notes become editable, private ones readable, an anonymous visitor is
// treated unlike another member) and each must fail a test.

#[path = "support/notes.rs"]
mod notes;

fn main() {
    use notes::{ALL_ACTIONS, OTHER, is_allowed, public_note};
    for action in ALL_ACTIONS {
        println!(
            "{action:?}: {}",
            is_allowed(Some(&OTHER), action, &public_note())
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::notes::*;

    #[test]
    fn nobody_else_may_touch_a_private_note() {
        // TODO: another member (`Some(&OTHER)`) and an anonymous visitor (`None`) try every
        // action in `ALL_ACTIONS` on `private_note()`.
        todo!("assert that nobody but its owner and admins can do anything to a private note")
    }

    #[test]
    fn public_notes_are_read_only_for_everyone_else() {
        // TODO: another member and an anonymous visitor may read `public_note()`, and only read.
        todo!("assert that others may read a public note, and only read it")
    }

    // Two examples to start from.
    #[test]
    fn owners_may_do_everything_with_their_notes() {
        for note in [private_note(), public_note()] {
            for action in ALL_ACTIONS {
                let allowed = is_allowed(Some(&OWNER), action, &note);
                assert!(allowed, "the owner may {action:?} their own {note:?}");
            }
        }
    }

    #[test]
    fn admins_may_do_everything() {
        for note in [private_note(), public_note()] {
            for action in ALL_ACTIONS {
                let allowed = is_allowed(Some(&ADMIN), action, &note);
                assert!(allowed, "an admin may {action:?} anyone's {note:?}");
            }
        }
    }
}
