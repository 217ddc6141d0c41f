//! Typed async clients for Tencent Cloud Auto Scaling (AS), generated from YAML specs: API 2.0
//! (`scaling.api.qcloud.com`, 34 actions, at the crate root, feature `v2`, on by default) and
//! API 3.0 (`as.tencentcloudapi.com`, version 2018-04-19, 58 actions, in `v3`, feature `v3`).
//! A program compiles only the versions it enables.
//!
//! Every action has a request type whose required parameters are constructor arguments (so
//! leaving one out does not compile; more than two are taken by name, in a `…Required`
//! struct), a client method that signs and sends it, an output type and an error enum with
//! one variant per business error of the action, `Common` holding a `CommonError` (the codes
//! every action can answer with), and the catch-all `Unhandled`. Every action's error converts
//! into its version's service-wide `AutoScalingError`, so `?` works across actions.
//!
//! API 2.0 (feature `v2`):
//!
//! ```no_run
//! # #[cfg(feature = "v2")]
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use qcloud_as::operation::detach_instance::{DetachInstanceError, KeepInstance};
//! use qcloud_as::{Client, Config, Error};
//!
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
//! The same items are in `qcloud_as::v2`, beside `qcloud_as::v3` for API 3.0 (feature `v3`:
//! `v3::Client::detach_instances`, …), for code that uses both versions.
//!
//! Layout: what both versions share is at the root: [`Config`], [`credentials`], [`Error`],
//! [`retry`], [`Call`], [`paginate`], [`shape`], [`protocol`] (each version's wire protocol and,
//! with the `server` feature, its server side). With `v2`: `operation` (one module per action:
//! request, call builder, output, error), `types` (the shapes several actions share), `error`'s
//! `AutoScalingError` and `CommonError`, [`signing`] (the API 2.0 signature), `waiter` (polls
//! an action until a condition on its answer holds); with `server`, `server` and `service`
//! decode received requests for a server implementation. With `v3`: `v3`, laid out the same
//! way, and `protocol::v3::sign` (TC3-HMAC-SHA256).

#![warn(missing_docs)]
// Without an API version only the shared runtime is built, and nothing calls it.
#![cfg_attr(
    not(any(feature = "v2", feature = "v3")),
    allow(dead_code, unused_imports)
)]

mod call;
#[cfg(feature = "v2")]
mod client;
mod config;
mod core;
pub mod credentials;
pub mod error;
pub mod paginate;
pub mod protocol;
pub mod retry;
pub mod shape;
pub mod signing;
#[cfg(feature = "v3")]
pub mod v3;

/// Auto Scaling API 2.0 (`scaling.api.qcloud.com`), behind the `v2` feature: the same items as
/// at the crate root, named the way `qcloud_as::v3` names API 3.0's, so code that uses both
/// versions can say which it means (`qcloud_as::v2::Client`, `qcloud_as::v3::Client`).
#[cfg(feature = "v2")]
pub mod v2 {
    pub use crate::client::{Client, Operation};
    pub use crate::error::{
        classify, classify_common, ActionError, AutoScalingError, CommonError, CommonTable,
        ErrorTable, ServiceError,
    };
    #[cfg(feature = "server")]
    pub use crate::generated::service;
    pub use crate::generated::{operation, types, SERVICE};
    #[cfg(feature = "server")]
    pub use crate::protocol::v2::server;
    pub use crate::{signing, waiter};
}
#[cfg(feature = "v2")]
pub mod waiter;

// Generated files keep the generator's formatting; `cargo xtask codegen --check` compares bytes.
#[cfg(feature = "v2")]
#[rustfmt::skip]
mod generated;

/// The generator's golden files (`codegen/tests/fixtures/golden`), compiled with this crate's
/// lints so that `cargo clippy --all-targets -- -D warnings` checks the generator's output for
/// every spec feature the fixtures use, not only the ones the real specs use.
///
/// With the `golden-fixture` feature it is public (hidden), so that the CLI's golden files,
/// generated from the same fixture specs, compile against it in the `cli` crate's tests.
#[cfg(all(feature = "v2", any(test, feature = "golden-fixture")))]
#[rustfmt::skip]
#[allow(dead_code, missing_docs)]
#[doc(hidden)]
#[path = "../../codegen/tests/fixtures/golden/mod.rs"]
pub mod golden_fixture;

pub use call::{Call, CallOverrides, Execute};
#[cfg(feature = "v2")]
pub use client::{Client, Operation};
pub use config::{
    Config, ConfigBuilder, ConfigError, Endpoint, HttpMethod, TimeSource, DEFAULT_ATTEMPT_TIMEOUT,
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_ENDPOINT, DEFAULT_MAX_BODY_BYTES, DEFAULT_OPERATION_TIMEOUT,
    ENV_ENDPOINT, ENV_REGION, ENV_TCCLI_PROFILE,
};
pub use credentials::{Credentials, CredentialsError};
#[cfg(feature = "v2")]
pub use error::{
    classify, classify_common, ActionError, AutoScalingError, CommonError, CommonTable, ErrorTable,
    ServiceError,
};
pub use error::{
    BodyPosition, BodyStart, Error, TransportError, TransportErrorKind, ValidationError,
    BODY_START_LEN,
};
#[cfg(feature = "v2")]
pub use generated::operation;
#[cfg(all(feature = "v2", feature = "server"))]
pub use generated::service;
#[cfg(feature = "v2")]
pub use generated::types;
#[cfg(feature = "v2")]
pub use generated::SERVICE;
#[cfg(all(feature = "v2", feature = "server"))]
pub use protocol::v2::server;
#[cfg(feature = "v2")]
pub use protocol::v2::REQUEST_CLIENT;
pub use retry::RetryConfig;
pub use shape::DateTime;

/// Adding an API is only a spec: the fixture service of the generator's golden tests
/// (`codegen/tests/fixtures/specs`, no Rust written for it) encodes, decodes on the server side
/// and is served through its generated trait.
#[cfg(all(test, feature = "v2", feature = "server"))]
mod spec_only_api {
    use crate::golden_fixture::operation::get_thing::{
        GetThingError, GetThingOutput, GetThingRequest,
    };
    use crate::golden_fixture::operation::put_thing::{
        Inner, InnerRequired, Mode, Outer, PutThingRequest, PutThingRequired,
    };
    use crate::golden_fixture::service::{dispatch, FixtureService};
    use crate::golden_fixture::types::{Color, Tag};
    use crate::server::{decode_request, Params};

    fn put_thing() -> PutThingRequest {
        PutThingRequest::new(PutThingRequired {
            thing_id: "thing-1".into(),
            sizes: vec![1, 9],
            owner: "me".into(),
        })
        .mode(Mode::Slow)
        .kind("a keyword on the wire")
        .tags([Tag::new("k").value("v")])
        .nested([Outer::new([Inner::new(InnerRequired {
            port: 80,
            weight: 3,
            label: "web".into(),
        })])])
    }

    #[test]
    fn a_fixture_request_round_trips_through_server_side_decoding() {
        let request = put_thing();
        let mut pairs = Vec::new();
        if let Err(e) = crate::protocol::v2::form::to_pairs(&request, &mut pairs) {
            panic!("{e}");
        }
        for (name, value) in [
            ("thingId", "thing-1"),
            ("sizes.1", "9"),
            ("mode", "1"),
            ("type", "a keyword on the wire"),
            ("tags.0.key", "k"),
            ("nested.0.inner.0.port", "80"),
            ("nested.0.inner.0.label", "web"),
        ] {
            assert!(
                pairs.iter().any(|(n, v)| n == name && v == value),
                "{name}={value} in {pairs:?}"
            );
        }
        let params = match Params::from_pairs(pairs) {
            Ok(params) => params,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(decode_request::<PutThingRequest>(&params), Ok(request));
    }

    struct Things;

    impl FixtureService for Things {
        async fn get_thing(
            &self,
            request: GetThingRequest,
        ) -> Result<GetThingOutput, GetThingError> {
            Ok(GetThingOutput::new(
                request.thing_id,
                request.color.unwrap_or(Color::Red),
            ))
        }
    }

    fn params(pairs: &[(&str, &str)]) -> Params {
        match Params::from_pairs(pairs.iter().copied()) {
            Ok(params) => params,
            Err(e) => panic!("{e}"),
        }
    }

    #[tokio::test]
    async fn a_fixture_service_is_served_through_its_generated_trait() {
        let reply = dispatch(
            &Things,
            &params(&[
                ("Action", "GetThing"),
                ("thingId", "t-1"),
                ("color", "blue"),
            ]),
        )
        .await;
        assert_eq!(reply.code, 0, "{reply:?}");
        assert_eq!(
            reply.data,
            Some(serde_json::json!({"name": "t-1", "color": "blue"}))
        );
        // The action it does not implement answers 6100; bad parameters answer 4000.
        let reply = dispatch(&Things, &params(&[("Action", "PutThing")])).await;
        assert_eq!(
            (reply.code, reply.code_desc.as_str()),
            (4000, "MissingParameter")
        );
        let mut pairs = vec![("Action", "PutThing")];
        let request = put_thing();
        let mut encoded = Vec::new();
        if let Err(e) = crate::protocol::v2::form::to_pairs(&request, &mut encoded) {
            panic!("{e}");
        }
        pairs.extend(encoded.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        let reply = dispatch(&Things, &params(&pairs)).await;
        assert_eq!(
            (reply.code, reply.code_desc.as_str()),
            (6100, "InvalidAction")
        );
        let reply = dispatch(
            &Things,
            &params(&[
                ("Action", "GetThing"),
                ("thingId", "t-1"),
                ("color", "green"),
            ]),
        )
        .await;
        assert_eq!(
            (reply.code, reply.code_desc.as_str()),
            (4000, "InvalidParameterValue")
        );
        assert!(reply.message.contains("color"), "{reply:?}");
    }
}
