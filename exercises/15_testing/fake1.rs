// fake1: a fake mailer behind a trait
//
// Signing up sends a welcome email. A test of `register` must not send real email: it would
// need a mail server, be slow and flaky, and spam whoever owns the test addresses. And yet the
// test must check that exactly the right email went out. The answer is a test double: code
// depends on a trait (`Mailer`), production passes the real implementation, and tests pass a
// fake that only records what it was asked to send, so they can inspect it afterwards.
// `FailingMailer` below is one such fake already: it lets a test see how signup copes with a
// mail outage.
//
// Right now `Signups` is welded to `SmtpMailer`, so it cannot be tested. Make it generic over
// any `M: Mailer`, and write `RecordingMailer`, the fake the tests use. Its `send` takes
// `&self`, so it needs interior mutability (`RefCell` or `Mutex`) to record.

use std::collections::HashSet;
use std::io::Write;
use std::net::TcpStream;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
}

#[derive(Debug, PartialEq, Eq)]
pub struct MailError(pub String);

pub trait Mailer {
    fn send(&self, email: &Email) -> Result<(), MailError>;
}

/// A borrowed mailer is a mailer too: a test can lend its fake and still inspect it afterwards.
impl<M: Mailer + ?Sized> Mailer for &M {
    fn send(&self, email: &Email) -> Result<(), MailError> {
        (**self).send(email)
    }
}

/// The real thing: hands the email to a mail server. Not something a unit test should call.
pub struct SmtpMailer {
    pub server: String,
}

impl Mailer for SmtpMailer {
    fn send(&self, email: &Email) -> Result<(), MailError> {
        let error = |e: std::io::Error| MailError(e.to_string());
        let mut stream = TcpStream::connect(&self.server).map_err(error)?;
        // A real client speaks the whole SMTP dialogue; this is its shortest possible sketch.
        write!(
            stream,
            "MAIL FROM:<hello@backlings.dev>\r\nRCPT TO:<{}>\r\nDATA\r\nSubject: {}\r\n\r\n{}\r\n.\r\nQUIT\r\n",
            email.to, email.subject, email.body
        )
        .map_err(error)
    }
}

// TODO: write `RecordingMailer`, a fake that records every email instead of sending it. The
// tests create one with `RecordingMailer::default()`, lend it to `Signups::new(&mailer)`, and
// then call `mailer.sent()` to get a `Vec<Email>` of everything sent so far, oldest first.

/// A fake for the bad days: the mail server is down.
pub struct FailingMailer;

impl Mailer for FailingMailer {
    fn send(&self, _email: &Email) -> Result<(), MailError> {
        Err(MailError("connection refused".to_string()))
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum SignupError {
    InvalidAddress,
    AlreadyRegistered,
    Mail(MailError),
}

// TODO: make `Signups` work with any `M: Mailer`, chosen by whoever creates it.
pub struct Signups {
    mailer: SmtpMailer,
    members: HashSet<String>,
}

impl Signups {
    pub fn new() -> Self {
        Signups {
            mailer: SmtpMailer {
                server: "localhost:25".to_string(),
            },
            members: HashSet::new(),
        }
    }

    /// Registers `address` (trimmed and lowercased) and sends the welcome email. If the email
    /// cannot be sent, the signup does not count, so the user can simply try again.
    pub fn register(&mut self, address: &str) -> Result<(), SignupError> {
        let address = address.trim().to_lowercase();
        let Some((local, domain)) = address.split_once('@') else {
            return Err(SignupError::InvalidAddress);
        };
        if local.is_empty() || !domain.contains('.') {
            return Err(SignupError::InvalidAddress);
        }
        if self.members.contains(&address) {
            return Err(SignupError::AlreadyRegistered);
        }
        let welcome = Email {
            to: address.clone(),
            subject: "Welcome to Backlings!".to_string(),
            body: format!("Hello {local}, thanks for signing up."),
        };
        self.mailer.send(&welcome).map_err(SignupError::Mail)?;
        self.members.insert(address);
        Ok(())
    }

    pub fn is_member(&self, address: &str) -> bool {
        self.members.contains(&address.trim().to_lowercase())
    }
}

fn main() {
    // TODO: production passes the real mailer in here.
    let signups = Signups::new();
    println!("ada is a member: {}", signups.is_member("ada@example.com"));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signup_sends_exactly_one_welcome_email() {
        let mailer = RecordingMailer::default();
        let mut signups = Signups::new(&mailer);
        assert_eq!(signups.register("ada@example.com"), Ok(()));
        assert!(signups.is_member("ada@example.com"));
        assert_eq!(
            mailer.sent(),
            vec![Email {
                to: "ada@example.com".to_string(),
                subject: "Welcome to Backlings!".to_string(),
                body: "Hello ada, thanks for signing up.".to_string(),
            }]
        );
    }

    #[test]
    fn the_address_is_normalised_before_sending() {
        let mailer = RecordingMailer::default();
        let mut signups = Signups::new(&mailer);
        signups.register("  Grace@Example.COM ").unwrap();
        let sent = mailer.sent();
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].to, "grace@example.com");
    }

    #[test]
    fn a_second_signup_sends_nothing() {
        let mailer = RecordingMailer::default();
        let mut signups = Signups::new(&mailer);
        signups.register("ada@example.com").unwrap();
        assert_eq!(
            signups.register("ADA@example.com"),
            Err(SignupError::AlreadyRegistered)
        );
        assert_eq!(mailer.sent().len(), 1);
    }

    #[test]
    fn invalid_addresses_send_nothing() {
        let mailer = RecordingMailer::default();
        let mut signups = Signups::new(&mailer);
        for address in ["", "ada", "@example.com", "ada@localhost"] {
            assert_eq!(
                signups.register(address),
                Err(SignupError::InvalidAddress),
                "{address:?}"
            );
        }
        assert_eq!(mailer.sent(), vec![]);
    }

    #[test]
    fn every_member_gets_their_own_email_in_order() {
        let mailer = RecordingMailer::default();
        let mut signups = Signups::new(&mailer);
        for address in ["ada@example.com", "grace@example.com", "alan@example.com"] {
            signups.register(address).unwrap();
        }
        let recipients: Vec<String> = mailer.sent().into_iter().map(|e| e.to).collect();
        assert_eq!(
            recipients,
            ["ada@example.com", "grace@example.com", "alan@example.com"]
        );
    }

    #[test]
    fn a_mail_outage_fails_the_signup_so_it_can_be_retried() {
        let mut signups = Signups::new(FailingMailer);
        assert_eq!(
            signups.register("ada@example.com"),
            Err(SignupError::Mail(MailError(
                "connection refused".to_string()
            )))
        );
        assert!(!signups.is_member("ada@example.com"));
    }
}
