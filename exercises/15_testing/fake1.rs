// fake1: a fake mailer behind a trait
//
// Signing up sends a welcome email. A test of signups must not send real email (it needs a
// mail server, is slow and flaky, and spams whoever owns the test addresses), yet it must
// check that exactly the right email went out. The answer is a test double: `Signups` takes
// any `Mailer` from outside (support/mail.rs), production hands it an `SmtpMailer`, and tests
// hand it a fake that only records what it was asked to send, to inspect afterwards.
//
// Write `RecordingMailer`, the fake the tests use. `Mailer::send` takes `&self`, so the fake
// needs interior mutability (a `Mutex`, or a `RefCell`) to record.

use std::sync::Mutex;

#[path = "support/mail.rs"]
mod mail;
use mail::{Email, MailError, Mailer};

// TODO: make `RecordingMailer` record every email it is asked to send, instead of sending it,
// and make `sent()` return them all, oldest first. (The tests create it with `default()`.)
#[derive(Default)]
pub struct RecordingMailer {
    sent: Mutex<Vec<Email>>,
}

impl RecordingMailer {
    pub fn sent(&self) -> Vec<Email> {
        Vec::new()
    }
}

impl Mailer for RecordingMailer {
    fn send(&self, _email: &Email) -> Result<(), MailError> {
        Ok(())
    }
}

fn main() {
    let smtp = mail::SmtpMailer {
        server: "localhost:25".to_string(),
    };
    let signups = mail::Signups::new(smtp);
    println!("ada is a member: {}", signups.is_member("ada@example.com"));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::{FailingMailer, SignupError, Signups};

    #[test]
    fn a_signup_sends_exactly_one_welcome_email() {
        let mailer = RecordingMailer::default();
        let mut signups = Signups::new(&mailer);
        signups
            .register("  Ada@Example.COM ")
            .expect("a valid address");
        let welcome = Email {
            to: "ada@example.com".to_string(),
            subject: "Welcome to Backlings!".to_string(),
            body: "Hello ada, thanks for signing up.".to_string(),
        };
        let why = "one welcome email, to the normalised address, recorded by the fake";
        assert_eq!(mailer.sent(), vec![welcome], "{why}");
    }

    #[test]
    fn every_member_gets_their_own_email_in_order() {
        let mailer = RecordingMailer::default();
        let mut signups = Signups::new(&mailer);
        for address in ["ada@example.com", "grace@example.com", "ADA@example.com"] {
            let _ = signups.register(address);
        }
        let to: Vec<String> = mailer.sent().into_iter().map(|e| e.to).collect();
        let why = "one email per new member, oldest first; the second ada is already a member";
        assert_eq!(to, ["ada@example.com", "grace@example.com"], "{why}");
    }

    #[test]
    fn invalid_addresses_send_nothing() {
        let mailer = RecordingMailer::default();
        let mut signups = Signups::new(&mailer);
        for address in ["", "ada", "@example.com", "ada@localhost"] {
            let refused = signups.register(address);
            assert_eq!(refused, Err(SignupError::InvalidAddress), "{address:?}");
        }
        assert_eq!(mailer.sent(), vec![], "no email for a refused address");
    }

    #[test]
    fn a_mail_outage_fails_the_signup_so_it_can_be_retried() {
        let mut signups = Signups::new(FailingMailer);
        let result = signups.register("ada@example.com");
        let outage = SignupError::Mail(MailError("connection refused".to_string()));
        assert_eq!(result, Err(outage), "the signup reports the mail error");
        let member = signups.is_member("ada@example.com");
        assert!(!member, "a signup whose email failed does not count");
    }
}
