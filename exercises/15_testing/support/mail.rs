//! The code under test for fake1: signups that send a welcome email through a `Mailer`,
//! the real SMTP mailer, and `FailingMailer`, a fake for a mail outage. You don't need to
//! edit it.
#![allow(dead_code)]

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

/// Signups, with whatever mailer their creator hands them: production an `SmtpMailer`, tests
/// a fake.
pub struct Signups<M: Mailer> {
    mailer: M,
    members: HashSet<String>,
}

impl<M: Mailer> Signups<M> {
    pub fn new(mailer: M) -> Self {
        Signups {
            mailer,
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
