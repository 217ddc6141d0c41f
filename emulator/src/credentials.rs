//! A key pair of the state as the SDK's credentials: what
//! [`Emulator::credentials`](crate::Emulator::credentials) hands a client. Kept out of the
//! state, which names no SDK type.

use crate::state::Credential;

impl Credential {
    /// The same key pair as SDK credentials.
    pub fn to_sdk(&self) -> qcloud_as::Credentials {
        let credentials = qcloud_as::Credentials::new(&self.secret_id, &self.secret_key);
        match &self.token {
            Some(token) => credentials.with_token(token),
            None => credentials,
        }
    }
}
