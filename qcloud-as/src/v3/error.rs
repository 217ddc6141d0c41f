//! API 3.0 errors: the service's answer ([`ServiceError`]: `Code`, `Message`, `RequestId`) and
//! the tables the generated error enums classify it with.
//!
//! An answer's `Code` selects the action's business variant when the action lists it, else the
//! common variant of the same code, else the common variant of its class (the part before the
//! first dot: `ResourceNotFound.Whatever` → `ResourceNotFound`), else `Unhandled`. Nothing of
//! the answer is lost on the way: every variant holds the [`ServiceError`].

pub use super::generated::error::{AutoScalingError, CommonError};
use crate::error::Retries;
use std::fmt;

/// An API 3.0 error answer: `Response.Error.Code`, `Response.Error.Message` and
/// `Response.RequestId`, as received.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ServiceError {
    code: String,
    message: String,
    request_id: String,
    retries: Retries,
}

impl ServiceError {
    /// A service error from the envelope's fields.
    pub fn new(
        code: impl Into<String>,
        message: impl Into<String>,
        request_id: impl Into<String>,
    ) -> Self {
        ServiceError {
            code: code.into(),
            message: message.into(),
            request_id: request_id.into(),
            retries: Retries::default(),
        }
    }

    /// A service error as a server answers it, with an empty `RequestId` that the server fills
    /// in when it renders the answer. Generated error constructors use it.
    pub fn answer(code: &str, message: impl AsRef<str>) -> Self {
        ServiceError::new(code, message.as_ref(), "")
    }

    /// The error code, e.g. `ResourceNotFound.AutoScalingGroupNotFound`.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The class of the code: the part before the first dot (`ResourceNotFound`).
    pub fn class(&self) -> &str {
        self.code.split('.').next().unwrap_or_default()
    }

    /// The message, as received.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The id the service gave the request; quote it when asking Tencent Cloud about a call.
    pub fn request_id(&self) -> &str {
        &self.request_id
    }

    /// The attempts before the one that got this answer (none when the call was sent once).
    pub fn retries(&self) -> &Retries {
        &self.retries
    }

    /// The same error with `retries` recorded.
    #[doc(hidden)]
    pub fn with_retries(mut self, retries: Retries) -> Self {
        self.retries = retries;
        self
    }

    /// The same error with `request_id` (servers set it when they answer).
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = request_id.into();
        self
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code)?;
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        if !self.request_id.is_empty() {
            write!(f, " (request {})", self.request_id)?;
        }
        Ok(())
    }
}

impl std::error::Error for ServiceError {}

/// A variant of an error enum that holds the answer.
pub type Variant<E> = fn(ServiceError) -> E;

/// The classification tables of a generated API 3.0 error enum (an action's, or the
/// service-wide one). Generated code declares them; [`classify`] reads them.
pub trait ErrorTable: Sized + 'static {
    /// The codes of the business errors with a variant of their own.
    const CODES: &'static [&'static str];
    /// Their variants, in the same order.
    const VARIANTS: &'static [Variant<Self>];

    /// The variant for a common error, or the answer back when its code is not a common one.
    fn common(meta: ServiceError) -> Result<Self, ServiceError>;

    /// The catch-all variant.
    fn unhandled(meta: ServiceError) -> Self;

    /// What the answer said.
    fn meta(&self) -> &ServiceError;

    /// What the answer said, taken out.
    fn into_meta(self) -> ServiceError;
}

/// The error enum of one API 3.0 action. Every action's error converts into the service-wide
/// [`AutoScalingError`], so `?` works across actions.
pub trait ActionError:
    ErrorTable + From<ServiceError> + std::error::Error + crate::error::ServiceErrorInfo
{
}

/// The variant for an answer: its business error by code, else its common error by code or
/// class, else the catch-all.
pub fn classify<E: ErrorTable>(meta: ServiceError) -> E {
    if let Some(i) = E::CODES.iter().position(|c| *c == meta.code()) {
        if let Some(variant) = E::VARIANTS.get(i) {
            return variant(meta);
        }
    }
    match E::common(meta) {
        Ok(error) => error,
        Err(meta) => E::unhandled(meta),
    }
}

/// The table of a generated common-error enum: the code of each variant.
pub trait CommonTable: Sized + 'static {
    /// Each common code and its variant.
    const CODES: &'static [(&'static str, Variant<Self>)];
}

/// The common error for an answer's code, or for its class (`ResourceNotFound.Whatever` →
/// `ResourceNotFound`), or the answer back.
pub fn classify_common<C: CommonTable>(meta: ServiceError) -> Result<C, ServiceError> {
    let found = C::CODES
        .iter()
        .find(|(code, _)| *code == meta.code())
        .or_else(|| C::CODES.iter().find(|(code, _)| *code == meta.class()));
    match found {
        Some((_, variant)) => Ok(variant(meta)),
        None => Err(meta),
    }
}

/// The API 2.0 `error_enum!` for API 3.0 enums: `meta`, `From<ServiceError>` (by [`classify`]),
/// [`ServiceErrorInfo`](crate::error::ServiceErrorInfo), `code`, `message`, `request_id`,
/// `Display` and `std::error::Error`.
#[doc(hidden)]
#[macro_export]
macro_rules! v3_error_enum {
    ($name:ident) => {
        impl $name {
            /// What the answer said: `Code`, `Message` and `RequestId`.
            pub fn meta(&self) -> &$crate::v3::ServiceError {
                $crate::v3::ErrorTable::meta(self)
            }
        }
        impl ::std::convert::From<$crate::v3::ServiceError> for $name {
            fn from(meta: $crate::v3::ServiceError) -> Self {
                $crate::v3::classify(meta)
            }
        }
        impl $crate::error::ServiceErrorInfo for $name {
            fn service_code(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Borrowed(self.meta().code())
            }
            fn service_message(&self) -> &str {
                self.meta().message()
            }
            fn service_request_id(&self) -> ::std::option::Option<&str> {
                ::std::option::Option::Some(self.meta().request_id())
                    .filter(|id| !id.is_empty())
            }
            fn retries(&self) -> &$crate::error::Retries {
                self.meta().retries()
            }
            fn with_retries(self, retries: $crate::error::Retries) -> Self {
                $crate::v3::classify($crate::v3::ErrorTable::into_meta(self).with_retries(retries))
            }
        }
        $crate::v3_error_enum!(@accessors $name);
    };
    (@accessors $name:ident) => {
        impl $name {
            /// The error code, e.g. `ResourceNotFound.AutoScalingGroupNotFound`.
            pub fn code(&self) -> &str {
                self.meta().code()
            }
            /// The error message, as received.
            pub fn message(&self) -> &str {
                self.meta().message()
            }
            /// The id the service gave the request.
            pub fn request_id(&self) -> &str {
                self.meta().request_id()
            }
        }
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(self.meta(), f)
            }
        }
        impl ::std::error::Error for $name {}
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::v3::operation::detach_instances::DetachInstancesError;

    fn answer(code: &str) -> DetachInstancesError {
        DetachInstancesError::from(ServiceError::new(code, "why", "req-1"))
    }

    #[test]
    fn codes_select_business_then_common_then_class() {
        assert!(matches!(
            answer("ResourceNotFound.AutoScalingGroupNotFound"),
            DetachInstancesError::ResourceNotFoundAutoScalingGroupNotFound(_)
        ));
        assert!(matches!(
            answer("RequestLimitExceeded"),
            DetachInstancesError::Common(CommonError::RequestLimitExceeded(_))
        ));
        // An undocumented code of a known class is that class's common error, kept whole.
        let error = answer("ResourceNotFound.SomethingNew");
        assert!(matches!(
            error,
            DetachInstancesError::Common(CommonError::ResourceNotFound(_))
        ));
        assert_eq!(error.code(), "ResourceNotFound.SomethingNew");
        assert_eq!(error.request_id(), "req-1");
        assert!(matches!(
            answer("Entirely.Unknown"),
            DetachInstancesError::Unhandled(_)
        ));
        assert_eq!(
            answer("Entirely.Unknown").to_string(),
            "Entirely.Unknown: why (request req-1)"
        );
    }
}
