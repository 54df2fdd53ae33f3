// hash1: storing passwords with Argon2id
//
// A server must be able to check a password without being able to give it back. So it stores a
// *hash*, a one-way function of the password. But not just any hash: databases leak, and then
// attackers guess passwords offline, as fast as their hardware allows.
//
// - A fast hash like SHA-256 lets a graphics card try billions of guesses per second.
// - Without a salt, equal passwords give equal hashes: one precomputed table cracks every
//   account at once, and you can see which users share a password.
//
// A password hash fixes both. Argon2id (the winner of the Password Hashing Competition, and
// what OWASP recommends first) is deliberately slow and memory-hungry, and it mixes in a
// *salt*: 16 random bytes, different for every hash. The result is stored as one PHC string
// that records everything needed to check it later:
//
//     $argon2id$v=19$m=8192,t=1,p=1$<salt in base64>$<hash in base64>
//
// Because the parameters travel with each hash, you can raise the cost later and old hashes
// still verify.
//
// Replace the SHA-256 code in `hash_password` and `verify_password` with Argon2id.
//
// Try it: `cargo run -p exercises-auth --bin hash1` prints a hash of `hunter2`. Run it twice
// and compare.

use argon2::{
    Algorithm, Argon2, Params, Version,
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
};

/// The hasher, with a small cost so the tests stay quick: 8 MiB of memory, one pass, one lane.
/// In production use at least the OWASP minimum, `Argon2::default()` (19 MiB, two passes),
/// and tune it so one hash takes a good fraction of a second on your servers.
fn argon2() -> Argon2<'static> {
    let params = Params::new(8 * 1024, 1, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password into a PHC string, with a fresh random salt.
pub fn hash_password(password: &str) -> String {
    let salt_bytes: [u8; 16] = rand::random();
    let salt = SaltString::encode_b64(&salt_bytes).expect("16 bytes is a valid salt");
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .expect("hashing with valid parameters cannot fail")
        .to_string()
}

/// Checks a password against a stored PHC string. Anything that is not a valid PHC string
/// simply does not match.
pub fn verify_password(password: &str, stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    argon2()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
}

fn main() {
    let hash = hash_password("hunter2");
    println!("{hash}");
    println!("verifies: {}", verify_password("hunter2", &hash));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use base64::{Engine, engine::general_purpose::STANDARD_NO_PAD};

    /// "correct horse battery staple", hashed with `Argon2::default()` (m=19456, t=2, p=1).
    const DEFAULT_COST_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$YmFja2xpbmdzLXNhbHQtMQ$+0YGruGc+SGJQGQZM0d5P7SaZu61zC+wYfiQ8OwpfEs";

    #[test]
    fn the_hash_is_an_argon2id_phc_string() {
        let hash = hash_password("hunter2");
        let fields: Vec<&str> = hash.split('$').collect();
        assert_eq!(
            fields.len(),
            6,
            "expected $argon2id$v=19$m=..$salt$hash, got {hash}"
        );
        assert_eq!(
            fields[..4],
            ["", "argon2id", "v=19", "m=8192,t=1,p=1"],
            "in {hash}"
        );
        let salt = STANDARD_NO_PAD
            .decode(fields[4])
            .expect("the salt is base64");
        assert_eq!(salt.len(), 16, "use a 16-byte salt");
        let output = STANDARD_NO_PAD
            .decode(fields[5])
            .expect("the hash is base64");
        assert_eq!(output.len(), 32);
        assert!(!hash.contains("hunter2"));
    }

    #[test]
    fn the_same_password_hashes_differently_each_time() {
        let first = hash_password("hunter2");
        let second = hash_password("hunter2");
        assert_ne!(first, second, "each hash needs its own random salt");
    }

    #[test]
    fn verify_accepts_the_right_password_only() {
        let hash = hash_password("hunter2");
        assert!(verify_password("hunter2", &hash));
        assert!(!verify_password("hunter3", &hash));
        assert!(!verify_password("", &hash));
    }

    #[test]
    fn verify_reads_the_cost_from_the_stored_string() {
        assert!(verify_password(
            "correct horse battery staple",
            DEFAULT_COST_HASH
        ));
        assert!(!verify_password(
            "correct horse battery stapler",
            DEFAULT_COST_HASH
        ));
    }

    #[test]
    fn verify_refuses_anything_that_is_not_a_phc_string() {
        // The old format: the SHA-256 of "hunter2", in hex.
        let sha256 = "f52fbd32b2b3b86ff88ef6c490628285f482af15ddcb29541f94bcf526a3f6c7";
        for stored in [
            "",
            "hunter2",
            sha256,
            "$argon2id$v=19$m=8192,t=1,p=1$",
            "$argon2id$v=19$m=8192,t=1,p=1$not base64!$also not",
        ] {
            assert!(!verify_password("hunter2", stored), "{stored:?}");
        }
    }
}
