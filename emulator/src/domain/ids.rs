//! The one id allocator: every id the account hands out (`asg-…`, `asc-…`, `asa-…`, `ins-…`,
//! …) comes from [`fresh`], with the prefix of its [`IdKind`].

use super::error::DomainError;

/// What an id names; its prefix is the one the service uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    /// A scaling group, `asg-`.
    Group,
    /// A launch configuration, `asc-`.
    LaunchConfiguration,
    /// A scaling activity, `asa-`.
    Activity,
    /// A CVM instance the account launches, `ins-`.
    Instance,
    /// A scaling policy, `asp-`.
    Policy,
    /// A scheduled action, `asst-`.
    ScheduledAction,
    /// A notification, `asn-`.
    Notification,
    /// A lifecycle hook, `ash-`.
    LifecycleHook,
    /// An instance refresh, `asr-`.
    Refresh,
    /// A run of a lifecycle hook's command (TAT execution), `inv-`.
    Invocation,
    /// The run of a command on one instance (TAT task), `invt-`.
    InvocationTask,
}

impl IdKind {
    /// The prefix before the `-`.
    pub fn prefix(self) -> &'static str {
        match self {
            IdKind::Group => "asg",
            IdKind::LaunchConfiguration => "asc",
            IdKind::Activity => "asa",
            IdKind::Instance => "ins",
            IdKind::Policy => "asp",
            IdKind::ScheduledAction => "asst",
            IdKind::Notification => "asn",
            IdKind::LifecycleHook => "ash",
            IdKind::Refresh => "asr",
            IdKind::Invocation => "inv",
            IdKind::InvocationTask => "invt",
        }
    }
}

/// A new id of `kind` (its prefix, `-`, 8 random lower-case letters and digits) for which
/// `taken` is false; [`DomainError::NoRandomness`] when the system gives no randomness.
pub fn fresh(kind: IdKind, taken: impl Fn(&str) -> bool) -> Result<String, DomainError> {
    fresh_with_prefix(kind.prefix(), taken)
}

/// [`fresh`] for a prefix no [`IdKind`] has (API 2.0's `lfh-` hooks, say).
pub fn fresh_with_prefix(
    prefix: &str,
    taken: impl Fn(&str) -> bool,
) -> Result<String, DomainError> {
    loop {
        let id = random_id(prefix).map_err(|e| DomainError::NoRandomness(e.to_string()))?;
        if !taken(&id) {
            return Ok(id);
        }
    }
}

/// A new lifecycle action token, a random UUID (version 4 form, as the service's tokens look),
/// for which `taken` is false; [`DomainError::NoRandomness`] when the system gives no
/// randomness.
pub fn fresh_token(taken: impl Fn(&str) -> bool) -> Result<String, DomainError> {
    loop {
        let mut b = [0u8; 16];
        getrandom::fill(&mut b).map_err(|e| DomainError::NoRandomness(e.to_string()))?;
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
        let token = format!(
            "{}-{}-{}-{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..32]
        );
        if !taken(&token) {
            return Ok(token);
        }
    }
}

/// `prefix` + `-` + 8 random characters of `a-z0-9`.
fn random_id(prefix: &str) -> Result<String, getrandom::Error> {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes)?;
    let mut id = String::with_capacity(prefix.len() + 9);
    id.push_str(prefix);
    id.push('-');
    for b in bytes {
        let i = usize::from(b) % ALPHABET.len();
        id.push(char::from(ALPHABET.get(i).copied().unwrap_or(b'a')));
    }
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_their_prefix_and_skip_taken_ones() {
        let id = fresh(IdKind::Activity, |_| false).unwrap_or_default();
        assert_eq!(id.len(), 12);
        assert!(id.starts_with("asa-"));
        assert!(id[4..]
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
        let mut calls = std::cell::Cell::new(0);
        let id = fresh(IdKind::Group, |_| {
            calls.set(calls.get() + 1);
            calls.get() < 3
        });
        assert!(id.is_ok());
        assert_eq!(*calls.get_mut(), 3);
    }

    #[test]
    fn tokens_are_uuids() {
        let token = fresh_token(|_| false).unwrap_or_default();
        let parts: Vec<usize> = token.split('-').map(str::len).collect();
        assert_eq!(parts, [8, 4, 4, 4, 12], "{token}");
        assert_eq!(token.as_bytes().get(14), Some(&b'4'));
        assert_ne!(fresh_token(|_| false).ok(), Some(token));
    }
}
