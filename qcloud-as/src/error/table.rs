//! The machinery the generated error enums share: their classification tables
//! ([`ErrorTable`], [`CommonTable`]), [`classify`], and the `error_enum!` macro.

use super::ServiceError;

/// A variant of an error enum that holds the answer: an entry of [`ErrorTable::VARIANTS`] and
/// [`CommonTable::CODES`].
pub type Variant<E> = fn(ServiceError) -> E;

/// The classification tables of a generated error enum (an action's, or the service-wide one):
/// which variant an answer's `codeDesc` or `code` selects. Generated code declares the tables;
/// [`classify`] reads them.
pub trait ErrorTable: Sized + 'static {
    /// The `codeDesc`s of the business errors with a variant of their own.
    const CODE_DESCS: &'static [&'static str];
    /// Their variants, in the same order.
    const VARIANTS: &'static [Variant<Self>];

    /// The variant for a common error, or the answer back when its `code` is not a common one.
    fn common(meta: ServiceError) -> Result<Self, ServiceError>;

    /// The catch-all variant.
    fn unhandled(meta: ServiceError) -> Self;

    /// The answer's `code`, `codeDesc` and `message`.
    fn meta(&self) -> &ServiceError;

    /// The answer's `code`, `codeDesc` and `message`, taken out.
    fn into_meta(self) -> ServiceError;
}

/// The error enum of one action. Every action's error converts into the service-wide error
/// (`AutoScalingError`), so `?` works across actions.
pub trait ActionError:
    ErrorTable + From<ServiceError> + std::error::Error + crate::error::ServiceErrorInfo
{
}

/// The variant for an answer: its business error by `codeDesc`, else its common error by
/// `code`, else the catch-all.
pub fn classify<E: ErrorTable>(meta: ServiceError) -> E {
    if let Some(i) = business_index(E::CODE_DESCS, meta.code_desc()) {
        if let Some(variant) = E::VARIANTS.get(i) {
            return variant(meta);
        }
    }
    match E::common(meta) {
        Ok(error) => error,
        Err(meta) => E::unhandled(meta),
    }
}

/// The position of `code_desc` in a table; not generic, so every error enum shares it.
fn business_index(code_descs: &[&str], code_desc: &str) -> Option<usize> {
    code_descs.iter().position(|d| *d == code_desc)
}

/// The table of a generated common-error enum: the `code` of each variant.
pub trait CommonTable: Sized + 'static {
    /// Each common `code` and its variant.
    const CODES: &'static [(i64, Variant<Self>)];
}

/// The common error for an answer's `code`, or the answer back.
pub fn classify_common<C: CommonTable>(meta: ServiceError) -> Result<C, ServiceError> {
    match C::CODES.iter().find(|(code, _)| *code == meta.code()) {
        Some((_, variant)) => Ok(variant(meta)),
        None => Err(meta),
    }
}

/// Implements, for a generated error enum that implements [`ErrorTable`]: `meta`,
/// `From<ServiceError>` (by [`classify`]), [`ServiceErrorInfo`](super::ServiceErrorInfo), and
/// the accessors below. With `@accessors`, for any
/// error enum with an inherent `meta()`: `code`, `code_desc` and `message`, `Display` (the code,
/// `codeDesc` and message) and `std::error::Error`.
#[doc(hidden)]
#[macro_export]
macro_rules! error_enum {
    ($name:ident) => {
        impl $name {
            /// The answer's `code`, `codeDesc` and `message`.
            pub fn meta(&self) -> &$crate::ServiceError {
                $crate::ErrorTable::meta(self)
            }
        }
        impl ::std::convert::From<$crate::ServiceError> for $name {
            fn from(meta: $crate::ServiceError) -> Self {
                $crate::classify(meta)
            }
        }
        impl $crate::error::ServiceErrorInfo for $name {
            fn service_code(&self) -> ::std::borrow::Cow<'_, str> {
                let meta = self.meta();
                if meta.code_desc().is_empty() {
                    ::std::borrow::Cow::Owned(meta.code().to_string())
                } else {
                    ::std::borrow::Cow::Borrowed(meta.code_desc())
                }
            }
            fn service_message(&self) -> &str {
                self.meta().message()
            }
            fn service_request_id(&self) -> ::std::option::Option<&str> {
                ::std::option::Option::None
            }
            fn retries(&self) -> &$crate::error::Retries {
                self.meta().retries()
            }
            fn with_retries(self, retries: $crate::error::Retries) -> Self {
                $crate::classify($crate::ErrorTable::into_meta(self).with_retries(retries))
            }
        }
        $crate::error_enum!(@accessors $name);
    };
    (@accessors $name:ident) => {
        impl $name {
            /// The common error code, e.g. `4000`.
            pub fn code(&self) -> i64 {
                self.meta().code()
            }
            /// The business error code, e.g. `InvalidParameter.ScalingGroupIdError`.
            pub fn code_desc(&self) -> &str {
                self.meta().code_desc()
            }
            /// The error message, as received.
            pub fn message(&self) -> &str {
                self.meta().message()
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
