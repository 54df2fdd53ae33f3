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
        for user in [Some(&OTHER), None] {
            for action in ALL_ACTIONS {
                let allowed = is_allowed(user, action, &private_note());
                assert!(
                    !allowed,
                    "{user:?} may not {action:?} someone else's private note"
                );
            }
        }
    }

    #[test]
    fn public_notes_are_read_only_for_everyone_else() {
        for user in [Some(&OTHER), None] {
            let note = public_note();
            assert!(
                is_allowed(user, Action::Read, &note),
                "{user:?} may read a public note"
            );
            assert!(
                !is_allowed(user, Action::Edit, &note),
                "{user:?} may not edit it"
            );
            assert!(
                !is_allowed(user, Action::Delete, &note),
                "{user:?} may not delete it"
            );
        }
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
