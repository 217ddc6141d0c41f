//! A typed async client for Tencent Cloud Auto Scaling (AS) API 2.0, generated from YAML specs.
//!
//! Every action has a request type whose required parameters are constructor arguments (so
//! leaving one out does not compile; more than two are taken by name, in a `…Required`
//! struct), a [`Client`] method that signs and sends it, an output type and an error enum with
//! one variant per business error of the action, `Common` holding a [`CommonError`] (the codes
//! every action can answer with), and the catch-all `Unhandled`. Every action's error converts
//! into the service-wide [`AutoScalingError`], so `?` works across actions.
//!
//! ```no_run
//! use qcloud_as::operation::detach_instance::{DetachInstanceError, KeepInstance};
//! use qcloud_as::{Client, Config, Error};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::new(Config::builder().region("gz").build()?)?;
//! let result = client
//!     .detach_instance("asg-d4hmoms6", ["ins-5u97n5re", "ins-09dx96dg"])
//!     .keep_instance(KeepInstance::Keep)
//!     .send()
//!     .await;
//! match result {
//!     Ok(_) => println!("detached"),
//!     Err(Error::Service(DetachInstanceError::InvalidParameterInstanceIdError(e))) => {
//!         println!("no such instance: {}", e.message())
//!     }
//!     Err(e) => return Err(e.into()),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Layout: [`operation`] holds one module per action (request, call builder, output, error);
//! [`types`] the shapes several actions share; [`error`] the errors, with the common errors and
//! the service-wide [`AutoScalingError`]; [`signing`] the API 2.0 signature; [`credentials`] where
//! keys come from; [`protocol`] the wire protocol; [`shape`] what generated shapes share. With
//! the `server` feature, `server` and `service` decode received requests for a server
//! implementation.

#![warn(missing_docs)]

mod client;
mod config;
pub mod credentials;
pub mod error;
pub mod paginate;
pub mod protocol;
pub mod shape;
pub mod signing;

// Generated files keep the generator's formatting; `cargo xtask codegen --check` compares bytes.
#[rustfmt::skip]
mod generated;

/// The generator's golden files (`codegen/tests/fixtures/golden`), compiled with this crate's
/// lints so that `cargo clippy --all-targets -- -D warnings` checks the generator's output for
/// every spec feature the fixtures use, not only the ones the real specs use.
#[cfg(test)]
#[rustfmt::skip]
#[allow(dead_code, missing_docs)]
#[path = "../../codegen/tests/fixtures/golden/mod.rs"]
mod golden_fixture;

pub use client::{Client, Operation};
pub use config::{Config, ConfigBuilder, ConfigError, Endpoint, HttpMethod, DEFAULT_ENDPOINT};
pub use credentials::{Credentials, CredentialsError};
pub use error::{
    classify, classify_common, ActionError, AutoScalingError, BodyPosition, BodyStart, CommonError,
    CommonTable, Error, ErrorTable, ServiceError, TransportError, TransportErrorKind,
    ValidationError, BODY_START_LEN,
};
pub use generated::operation;
#[cfg(feature = "server")]
pub use generated::service;
pub use generated::types;
pub use generated::SERVICE;
#[cfg(feature = "server")]
pub use protocol::v2::server;
pub use protocol::v2::REQUEST_CLIENT;
