// authz_tests1: testing who may do what
//
// Broken access control tops the OWASP Top 10, and its commonest form is a missing ownership
// check: the app checks that you are signed in, but not that the note you are deleting is
// yours. A demo never shows the bug, because the demo user only opens their own notes. Only a
// test that tries it as the *wrong* user does. So test an access rule from every side: as the
// owner, as another user, as an admin and as an anonymous visitor, for every action.
//
// `is_allowed` below is correct: write the tests marked TODO. The runner then plants bugs in
// `is_allowed` one at a time (through the `mutant(...)` calls: one handler forgets the
// ownership check, public notes become editable, private notes leak) and each must make at
// least one of your tests fail. To plant one yourself:
//     BACKLINGS_MUTANT=skip_owner_check cargo test -p exercises-testing --bin authz_tests1

/// The runner plants a bug by setting `BACKLINGS_MUTANT`. Leave this alone.
fn mutant(name: &str) -> bool {
    std::env::var("BACKLINGS_MUTANT").is_ok_and(|m| m == name)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Member,
    Admin,
}

#[derive(Debug)]
pub struct User {
    pub id: u64,
    pub role: Role,
}

#[derive(Debug)]
pub struct Note {
    pub owner_id: u64,
    pub public: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read,
    Edit,
    Delete,
}

/// The access rule for notes (`None` is an anonymous visitor):
/// - an admin may do anything to any note;
/// - the owner may read, edit and delete their own notes;
/// - anyone, signed in or not, may read a public note;
/// - nothing else is allowed.
pub fn is_allowed(user: Option<&User>, action: Action, note: &Note) -> bool {
    if let Some(user) = user {
        if user.role == Role::Admin {
            return true;
        }
        let skipped = action == Action::Delete && mutant("skip_owner_check");
        if user.id == note.owner_id || skipped {
            return true;
        }
    }
    match action {
        Action::Read => note.public || mutant("private_readable"),
        Action::Edit | Action::Delete => note.public && mutant("public_writable"),
    }
}

fn main() {
    let ada = User {
        id: 1,
        role: Role::Member,
    };
    let note = Note {
        owner_id: 2,
        public: true,
    };
    for action in [Action::Read, Action::Edit, Action::Delete] {
        println!("{action:?}: {}", is_allowed(Some(&ada), action, &note));
    }
}

// Your tests go below. The runner checks that they pass, and that every bug it plants makes at
// least one of them fail.
#[cfg(test)]
mod tests {
    use super::*;

    const OWNER: User = User {
        id: 1,
        role: Role::Member,
    };
    const OTHER: User = User {
        id: 2,
        role: Role::Member,
    };
    const ADMIN: User = User {
        id: 3,
        role: Role::Admin,
    };
    const ALL_ACTIONS: [Action; 3] = [Action::Read, Action::Edit, Action::Delete];

    /// A note of OWNER's that only OWNER (and admins) may see.
    fn private_note() -> Note {
        Note {
            owner_id: OWNER.id,
            public: false,
        }
    }

    /// A note of OWNER's that everyone may read.
    fn public_note() -> Note {
        Note {
            owner_id: OWNER.id,
            public: true,
        }
    }

    // An example to start from.
    #[test]
    fn owners_may_do_everything_with_their_notes() {
        for note in [private_note(), public_note()] {
            for action in ALL_ACTIONS {
                assert!(
                    is_allowed(Some(&OWNER), action, &note),
                    "{action:?} {note:?}"
                );
            }
        }
    }

    #[test]
    fn other_users_may_not_touch_a_private_note() {
        // TODO: another member tries every action on a private note.
        todo!("assert that another user can do nothing to a private note")
    }

    #[test]
    fn public_notes_are_read_only_for_everyone_else() {
        // TODO: another member, and an anonymous visitor (`None`), try every action on a
        // public note.
        todo!("assert that others may read a public note, and only read it")
    }

    #[test]
    fn anonymous_visitors_may_not_touch_a_private_note() {
        // TODO: an anonymous visitor tries every action on a private note.
        todo!("assert that an anonymous visitor can do nothing to a private note")
    }

    #[test]
    fn admins_may_do_everything() {
        // TODO: every action on both notes.
        todo!("assert that an admin may do everything")
    }
}
