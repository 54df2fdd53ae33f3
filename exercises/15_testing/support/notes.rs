//! The code under test for authz_tests1: the access rule for notes, and the users and notes
//! the tests use. The rule is correct; the runner plants bugs in a copy of this file to check
//! your tests. You don't need to edit it.
#![allow(dead_code)]

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

pub const ALL_ACTIONS: [Action; 3] = [Action::Read, Action::Edit, Action::Delete];

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
        if user.id == note.owner_id {
            return true;
        }
    }
    match action {
        Action::Read => note.public,
        Action::Edit | Action::Delete => false,
    }
}

// The people and notes of the tests.

/// A member who owns both notes below.
pub const OWNER: User = User {
    id: 1,
    role: Role::Member,
};

/// Another member: owns neither note.
pub const OTHER: User = User {
    id: 2,
    role: Role::Member,
};

pub const ADMIN: User = User {
    id: 3,
    role: Role::Admin,
};

/// A note of OWNER's that only OWNER (and admins) may see.
pub fn private_note() -> Note {
    Note {
        owner_id: OWNER.id,
        public: false,
    }
}

/// A note of OWNER's that everyone may read.
pub fn public_note() -> Note {
    Note {
        owner_id: OWNER.id,
        public: true,
    }
}
