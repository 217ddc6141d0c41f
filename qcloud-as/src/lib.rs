//! Typed async clients for Tencent Cloud Auto Scaling (AS), generated from YAML specs.
//!
//! - **API 3.0** (`as.tencentcloudapi.com`, version 2018-04-19, 58 actions): the API the
//!   service answers today, in `qcloud_as::v3`, feature `v3`, **on by default**.
//! - **API 2.0** (`scaling.api.qcloud.com`, 34 actions, retired by Tencent): in
//!   `qcloud_as::v2`, feature `v2` (`features = ["v2"]`).
//!
//! A program compiles only the versions it enables. What both share is at the crate root:
//! [`Config`] and its builder, [`credentials`] (explicit, the environment, the profile file),
//! [`Error`] and its parts, [`retry`] (attempts, jitter and the retry budget), [`Call`] (one
//! call's settings, awaitable), [`paginate`], [`waiter`] (polling until an activity ends, a
//! group is idle, instances are in service), [`shape`] (enums and constraints of generated
//! types), [`protocol`] (each version's wire format and signer) and [`signing`] (API 2.0's
//! signature, public so anyone can check it).
//!
//! Every action has a request type whose required parameters are constructor arguments (so
//! leaving one out does not compile; more than two are taken by name, in a `…Required`
//! struct), a client method that signs and sends it, an output type and an error enum with
//! one variant per business error of the action, `Common` holding a `CommonError` (the codes
//! every action can answer with), and the catch-all `Unhandled`. Every action's error converts
//! into its version's service-wide `AutoScalingError`, so `?` works across actions.
//!
//! API 3.0 (default features):
//!
//! ```no_run
//! # #[cfg(feature = "v3")]
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use qcloud_as::v3::operation::detach_instances::DetachInstancesError;
//! use qcloud_as::v3::Client;
//! use qcloud_as::{Config, Error};
//!
//! // Credentials from TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY (or the profile file).
//! let client = Client::new(Config::builder().region("ap-guangzhou").build()?)?;
//! match client.detach_instances("asg-d4hmoms6", ["ins-5u97n5re"]).await {
//!     Ok(output) => println!("activity {:?}", output.activity_id),
//!     Err(Error::Service(DetachInstancesError::ResourceInsufficientInServiceInstanceBelowMinSize(e))) => {
//!         println!("the group would fall below its minimum: {}", e.message())
//!     }
//!     Err(e) => return Err(e.into()),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! API 2.0 (`qcloud-as = { version = "0.1", features = ["v2"] }`):
//!
//! ```no_run
//! # #[cfg(feature = "v2")]
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use qcloud_as::v2::operation::detach_instance::{DetachInstanceError, KeepInstance};
//! use qcloud_as::v2::Client;
//! use qcloud_as::{Config, Error};
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
//! Each version's module is laid out the same way: `Client`, `operation` (one module per
//! action: request, call builder, output, error), `types` (the shapes several actions share),
//! `AutoScalingError` and `CommonError`; with the `server` feature, the server side that
//! decodes received requests (what `qcloud-as-emulator` is built on). With `v2`, the API 2.0
//! names are also at the crate root (`qcloud_as::Client`, `qcloud_as::operation`, …), hidden
//! from these docs: generated code and programs written for the first releases use them.
//!
//! Features: `v3` (default), `v2`, `server`. Examples that run against the real service (and,
//! in CI, against `qcloud-as-emulator`) are in the crate's `examples/`.

#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]
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
mod crypto;
pub mod error;
pub mod paginate;
pub mod protocol;
pub mod retry;
pub mod shape;
pub mod signing;
pub mod tls;
#[cfg(feature = "v3")]
#[cfg_attr(docsrs, doc(cfg(feature = "v3")))]
pub mod v3;

/// Auto Scaling API 2.0 (`scaling.api.qcloud.com`, retired by Tencent), behind the `v2`
/// feature, laid out as `qcloud_as::v3` lays out API 3.0, so code that uses both versions
/// says which it means (`qcloud_as::v2::Client`, `qcloud_as::v3::Client`).
#[cfg(feature = "v2")]
#[cfg_attr(docsrs, doc(cfg(feature = "v2")))]
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
    pub use crate::signing;
    #[doc(inline)]
    pub use crate::waiter;
}
pub mod waiter;

// Generated files keep the generator's formatting; `cargo xtask codegen --check` compares bytes.
#[cfg(feature = "v2")]
#[rustfmt::skip]
mod generated;

/// The generator's golden files (`codegen/tests/fixtures/golden`), compiled with this crate's
/// lints so that `cargo clippy --all-targets -- -D warnings` checks the generator's output for
/// every spec feature the fixtures use, not only the ones the real specs use.
///
/// Generated SDK code names its runtime `crate::…`, so the fixture compiles only inside this
/// crate's source. It is not part of the published crate: the cfg `qcloud_as_golden` is set
/// only by the workspace's test package `qcloud-as-golden-sdk` (`tests/golden/sdk`), which
/// builds this same source with the fixture in it for the fixture's tests and the CLI's.
#[cfg(all(feature = "v2", qcloud_as_golden))]
#[rustfmt::skip]
#[allow(dead_code, missing_docs)]
#[doc(hidden)]
#[path = "../../codegen/tests/fixtures/golden/mod.rs"]
pub mod golden_fixture;

// API 2.0 at the root (with `v2`): hidden from the docs, which show `qcloud_as::v2`; the
// generated API 2.0 code and earlier programs name these paths.
pub use call::{Call, CallOverrides, Execute};
#[cfg(feature = "v2")]
#[doc(hidden)]
pub use client::{Client, Operation};
pub use config::{
    Config, ConfigBuilder, ConfigError, Endpoint, HttpMethod, TimeSource, DEFAULT_ATTEMPT_TIMEOUT,
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_ENDPOINT, DEFAULT_MAX_BODY_BYTES, DEFAULT_OPERATION_TIMEOUT,
    ENV_ENDPOINT, ENV_REGION, ENV_TCCLI_PROFILE,
};
pub use credentials::{Credentials, CredentialsError};
#[cfg(feature = "v2")]
#[doc(hidden)]
pub use error::{
    classify, classify_common, ActionError, AutoScalingError, CommonError, CommonTable, ErrorTable,
    ServiceError,
};
pub use error::{
    BodyPosition, BodyStart, Error, TransportError, TransportErrorKind, ValidationError,
    BODY_START_LEN,
};
#[cfg(feature = "v2")]
#[doc(hidden)]
pub use generated::operation;
#[cfg(all(feature = "v2", feature = "server"))]
#[doc(hidden)]
pub use generated::service;
#[cfg(feature = "v2")]
#[doc(hidden)]
pub use generated::types;
#[cfg(feature = "v2")]
#[doc(hidden)]
pub use generated::SERVICE;
#[cfg(all(feature = "v2", feature = "server"))]
#[doc(hidden)]
pub use protocol::v2::server;
#[cfg(feature = "v2")]
#[doc(hidden)]
pub use protocol::v2::REQUEST_CLIENT;
pub use retry::RetryConfig;
pub use shape::DateTime;
pub use tls::RootCertificate;

/// Adding an API is only a spec: the fixture service of the generator's golden tests
/// (`codegen/tests/fixtures/specs`, no Rust written for it) encodes, decodes on the server side
/// and is served through its generated trait.
#[cfg(all(test, feature = "v2", feature = "server", qcloud_as_golden))]
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
