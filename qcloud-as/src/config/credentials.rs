//! The credentials a configuration signs with, asked for ahead of a call.

use super::Config;
use crate::credentials::{Credentials, CredentialsError};

impl Config {
    /// The credentials the next request would be signed with: the explicit ones, or those of
    /// the provider (the default chain when none was given), fetched now when none are held
    /// yet or those held are about to expire — by the same one-at-a-time refresh every clone
    /// of the client shares, so the next call uses them without asking again.
    ///
    /// After it succeeds, the synchronous signing methods (`qcloud_as::Client::signed_params`,
    /// `qcloud_as::v3::Client::signed_request`) can sign with provider credentials before any
    /// call was made. The [`Credentials`] it gives keep their secret key and token out of
    /// `Debug`; the error names each place looked at, never a secret.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let config = qcloud_as::Config::builder().region("ap-guangzhou").build()?;
    /// // The environment, the profile file, TKE's web identity or the CVM instance role.
    /// let credentials = config.current_credentials().await?;
    /// println!("signing as {}", credentials.secret_id());
    /// # Ok(())
    /// # }
    /// ```
    pub async fn current_credentials(&self) -> Result<Credentials, CredentialsError> {
        self.credentials
            .get(&self.time_source)
            .await
            .map(|credentials| (*credentials).clone())
    }
}
