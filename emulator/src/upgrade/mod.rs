//! What earlier state formats stored in shapes the current one no longer has, read once when a
//! document of such a format loads and turned into the current format's records.

pub(crate) mod launch;
