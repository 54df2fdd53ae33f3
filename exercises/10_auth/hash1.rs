// hash1: storing passwords with Argon2id
//
// A server must check a password without being able to give it back, so it stores a hash.
// Databases leak, and then attackers guess offline: a fast hash like SHA-256 lets a graphics
// card try billions of guesses per second, and without a salt equal passwords give equal
// hashes, so one precomputed table cracks every account. Argon2id (what OWASP recommends
// first) is slow and memory-hungry on purpose and mixes in a random salt, different for every
// hash. The result is one PHC string that carries everything needed to check it later:
//
//     $argon2id$v=19$m=8192,t=1,p=1$<salt in base64>$<hash in base64>
//
// Replace the unsalted SHA-256 in `hash_password` and `verify_password` with Argon2id.

use argon2::{
    Algorithm, Argon2, Params, Version,
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
};

/// The hasher, with a small cost so the tests stay quick (8 MiB, one pass). In production use
/// at least `Argon2::default()` (19 MiB, two passes), tuned to your servers.
fn argon2() -> Argon2<'static> {
    let params = Params::new(8 * 1024, 1, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password into a PHC string, with a fresh random salt of 16 bytes.
pub fn hash_password(password: &str) -> String {
    // TODO: one fast, unsalted SHA-256 in hex: how many leaked databases stored passwords.
    // Make a salt from 16 random bytes (`SaltString::encode_b64(&rand::random::<[u8; 16]>())`)
    // and hash the password with `argon2()` (`PasswordHasher::hash_password`).
    let digest = <sha2::Sha256 as sha2::Digest>::digest(password.as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Checks a password against a stored PHC string; anything else simply does not match.
pub fn verify_password(password: &str, stored: &str) -> bool {
    // TODO: parse `stored` as a PHC string (`PasswordHash::new`), and let Argon2 verify the
    // password with the salt and parameters written in it.
    hash_password(password) == stored
}

fn main() {
    let hash = hash_password("hunter2");
    println!("{hash}\nverifies: {}", verify_password("hunter2", &hash));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_a_salted_argon2id_phc_string() {
        let (hash, again) = (hash_password("hunter2"), hash_password("hunter2"));
        let want = "$argon2id$v=19$m=8192,t=1,p=1$";
        assert!(
            hash.starts_with(want),
            "want {want}<salt>$<hash>, got {hash}"
        );
        assert_ne!(hash, again, "each hash needs its own random salt");
    }

    #[test]
    fn verify_accepts_the_right_password_only() {
        let hash = hash_password("hunter2");
        assert!(
            verify_password("hunter2", &hash),
            "the right password, {hash}"
        );
        assert!(!verify_password("hunter3", &hash), "a wrong one, {hash}");
        let sha256 = "f52fbd32b2b3b86ff88ef6c490628285f482af15ddcb29541f94bcf526a3f6c7";
        let why = "the old format, a SHA-256 in hex, is no PHC string and matches nothing";
        assert!(!verify_password("hunter2", sha256), "{why}");
    }
}
