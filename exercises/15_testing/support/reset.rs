//! The code under test for clock1: password reset tokens that expire, and the `Clock` they
//! ask for the time (as in the auth stage). The tokens are correct; the runner plants bugs in
//! a copy of this file to check your tests. You don't need to edit it.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// How long a reset link stays valid.
pub const TOKEN_LIFETIME: Duration = Duration::from_secs(15 * 60);

/// Where the time comes from. `Send + Sync` so that services holding one can be shared
/// between threads.
pub trait Clock: Send + Sync {
    fn now(&self) -> SystemTime;
}

/// The real clock, for production.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct Issued {
    pub token: String,
    pub expires_at: SystemTime,
}

#[derive(Debug, PartialEq, Eq)]
pub enum RedeemError {
    /// Never issued, or already used.
    Unknown,
    Expired,
}

struct Pending {
    user_id: u64,
    expires_at: SystemTime,
}

/// Password reset tokens: each is valid for `TOKEN_LIFETIME` and can be used once.
pub struct ResetTokens {
    clock: Arc<dyn Clock>,
    pending: HashMap<String, Pending>,
    issued: u64,
}

impl ResetTokens {
    pub fn new(clock: Arc<dyn Clock>) -> Self {
        ResetTokens {
            clock,
            pending: HashMap::new(),
            issued: 0,
        }
    }

    pub fn issue(&mut self, user_id: u64) -> Issued {
        // A real token is 32 random bytes (see the auth stage); a counter keeps this readable.
        self.issued += 1;
        let token = format!("reset-{}", self.issued);
        let expires_at = self.clock.now() + TOKEN_LIFETIME;
        let pending = Pending {
            user_id,
            expires_at,
        };
        self.pending.insert(token.clone(), pending);
        Issued { token, expires_at }
    }

    /// Uses up `token` and returns whose it was, if it is still valid: strictly before its
    /// `expires_at`.
    pub fn redeem(&mut self, token: &str) -> Result<u64, RedeemError> {
        let pending = self.pending.remove(token).ok_or(RedeemError::Unknown)?;
        let now = self.clock.now();
        if now >= pending.expires_at {
            return Err(RedeemError::Expired);
        }
        Ok(pending.user_id)
    }
}
