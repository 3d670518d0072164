//! The one retry policy: which answers are tried again, how many times, and
//! how long to wait in between.
//!
//! The backoff loop and `Retry-After` handling are a few lines written here:
//! the crates that offer them bring an async runtime or a clock abstraction
//! this tool does not need.

use std::time::Duration;

use crate::api::{Answer, Lost, Refusal, Unsent, Verdict};

/// The first backoff step; tests shorten it (hidden `--backoff-base`).
pub const DEFAULT_BACKOFF_BASE: Duration = Duration::from_millis(500);
/// Longest backoff step.
pub const BACKOFF_CAP: Duration = Duration::from_secs(30);
/// Longest wait a `Retry-After` can ask for.
pub const RETRY_AFTER_CAP: Duration = Duration::from_secs(120);

#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Attempts in all, the first one included.
    pub attempts: u32,
    pub backoff_base: Duration,
}

/// How long to wait before the next attempt, and why.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Wait {
    /// The server's `Retry-After` asked for it (capped).
    RetryAfter(Duration),
    /// Exponential backoff with full jitter.
    Backoff(Duration),
}

impl Wait {
    pub fn duration(self) -> Duration {
        match self {
            Wait::RetryAfter(d) | Wait::Backoff(d) => d,
        }
    }
}

impl RetryPolicy {
    pub fn new(retries: u32, backoff_base: Duration) -> Self {
        RetryPolicy {
            attempts: retries + 1,
            backoff_base,
        }
    }

    /// Whether an answer of this kind is worth another attempt: no answer
    /// (but a TLS failure, which will not mend), or the server asked to be
    /// tried later: 429, 500/502/503/504 as a status or as a 2xx body's
    /// `code`, or another client holding the token's two simultaneous
    /// requests. Everything else is final.
    pub fn retries(verdict: Verdict) -> bool {
        matches!(
            verdict,
            Verdict::NotSent(Unsent::Connect)
                | Verdict::Unconfirmed(Lost::NoAnswer | Lost::TimedOut)
                | Verdict::Refused(
                    Refusal::Throttled
                        | Refusal::ServerError
                        | Refusal::BodyServerError
                        | Refusal::Simultaneous
                )
        )
    }

    /// The wait before attempt `attempt + 1`, or `None` when `answer` is final.
    pub fn next(&self, answer: &Answer, attempt: u32) -> Option<Wait> {
        if attempt >= self.attempts || !Self::retries(answer.verdict) {
            return None;
        }
        Some(match answer.retry_after {
            Some(d) => Wait::RetryAfter(d.min(RETRY_AFTER_CAP)),
            None => Wait::Backoff(self.backoff(attempt)),
        })
    }

    /// A random wait between zero and `base × 2^(attempt-1)`, capped.
    fn backoff(&self, attempt: u32) -> Duration {
        let ceiling = self
            .backoff_base
            .saturating_mul(1u32 << (attempt.max(1) - 1).min(20))
            .min(BACKOFF_CAP);
        ceiling.mul_f64(random_fraction())
    }
}

/// A number in [0, 1) from the standard library's randomly seeded hasher.
fn random_fraction() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let bits = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_stays_under_its_ceiling() {
        let policy = RetryPolicy::new(3, Duration::from_millis(500));
        for attempt in 1..30 {
            let d = policy.backoff(attempt);
            assert!(d <= BACKOFF_CAP);
            assert!(d <= policy.backoff_base * 2u32.pow((attempt - 1).min(6)));
        }
    }
}
