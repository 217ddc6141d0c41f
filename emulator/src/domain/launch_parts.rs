//! The parts of a launch configuration ([`super::launch_configuration`]): disks, network,
//! login, agents, names, payment, and the closed sets of values they take, as enums whose
//! variants carry the names the two documentations give them (written camelCase in a state
//! file: `cloudSsd`).

use serde::{Deserialize, Serialize};

/// An enum of words, and its [`Word`] names (as the documentations spell the variant, e.g.
/// `CloudSsd`).
macro_rules! words {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        // A variant is the value the documentations name alike (`CloudSsd` is `CLOUD_SSD`).
        #[allow(missing_docs)]
        pub enum $name {
            $($(#[$vmeta])* $variant),*
        }

        impl Word for $name {
            const ALL: &'static [$name] = &[$($name::$variant),*];
            const NAMES: &'static [&'static str] = &[$(stringify!($variant)),*];
        }
    };
}

/// An enum of a closed set of words, looked up by the variant's name (`CloudSsd`): how the
/// protocols convert their values, which carry the same names.
pub trait Word: Copy + PartialEq + 'static {
    /// The variants, in the order of [`Word::NAMES`].
    const ALL: &'static [Self];
    /// The variants' names.
    const NAMES: &'static [&'static str];

    /// The variant named `name`.
    fn named(name: &str) -> Option<Self> {
        let i = Self::NAMES.iter().position(|n| *n == name)?;
        Self::ALL.get(i).copied()
    }

    /// Its name.
    fn name(self) -> &'static str {
        let i = Self::ALL
            .iter()
            .position(|v| *v == self)
            .unwrap_or_default();
        Self::NAMES.get(i).copied().unwrap_or_default()
    }
}

words! {
    /// The kind of a disk.
    DiskType { LocalBasic, LocalSsd, CloudBasic, CloudPremium, CloudSsd, CloudHssd, CloudTssd, CloudBssd }
}
words! {
    /// How instances are paid for.
    InstanceChargeType {
        /// By the hour, after use (the default).
        PostpaidByHour,
        /// Spot instances.
        Spotpaid,
        /// Paid in advance, by the month.
        Prepaid,
        /// In a dedicated cluster (CDC).
        Cdcpaid,
    }
}
words! {
    /// How public network use is paid for.
    InternetChargeType { BandwidthPrepaid, TrafficPostpaidByHour, BandwidthPostpaidByHour, BandwidthPackage }
}
words! {
    /// Which instance types must be available for a change to be accepted.
    CheckPolicy { All, Any }
}
words! {
    /// Whether a sold-out disk type may be replaced.
    DiskTypePolicy { Original, Automatic }
}
words! {
    /// How a prepaid instance renews.
    RenewFlag { NotifyAndAutoRenew, NotifyAndManualRenew, DisableNotifyAndManualRenew }
}
words! {
    /// How a spot instance is bought.
    SpotInstanceType { OneTime }
}
words! {
    /// The market of an instance.
    MarketType { Spot }
}
words! {
    /// How instance or host names are made from the one given.
    NameStyle { Original, Unique }
}
words! {
    /// What joins a name and its suffix.
    NameDelimiter { Dot, Hyphen, Empty }
}
words! {
    /// The carrier of a public IP.
    InternetServiceProvider { Bgp, Cmcc, Ctcc, Cucc }
}
words! {
    /// A network interface's role.
    InterfaceType { Primary, Secondary }
}
words! {
    /// The image kind API 2.0 names (`imageType`).
    ImageType { Private, Public }
}
words! {
    /// The instance family API 2.0 names (`cvmType`).
    CvmType { Standard, HighIo, HighMemory }
}

/// How public network use is paid for, as stored: a value neither documentation lists is kept
/// as given (API 2.0's page answers `bandwidthType: 1` in its example). A state file writes a
/// listed value as its word (`trafficPostpaidByHour`) and another as `{other: "1"}`; a word the
/// documentations do not list is refused, naming it (a misspelt word is not kept as given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Charge {
    /// A value the documentations list.
    Known(InternetChargeType),
    /// Another value, as given.
    Other(String),
}

/// `{other: …}`: a charge type the documentations do not list, as given.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OtherCharge {
    other: String,
}

impl Serialize for Charge {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Charge::Known(word) => word.serialize(s),
            Charge::Other(text) => OtherCharge {
                other: text.clone(),
            }
            .serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Charge {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(word) => camel_named::<InternetChargeType>(&word)
                .map(Charge::Known)
                .ok_or_else(|| {
                    D::Error::custom(format!(
                        "{word:?} is not a charge type ({}); a value kept as given is written \
                         {{other: {word:?}}}",
                        camel_names::<InternetChargeType>().join(", ")
                    ))
                }),
            value => {
                let expected = || {
                    format!(
                        "a charge type is a word ({}) or {{other: text}}",
                        camel_names::<InternetChargeType>().join(", ")
                    )
                };
                if !value.is_object() {
                    return Err(D::Error::custom(format!("{}, not {value}", expected())));
                }
                serde_json::from_value::<OtherCharge>(value)
                    .map(|o| Charge::Other(o.other))
                    .map_err(|e| D::Error::custom(format!("{}: {e}", expected())))
            }
        }
    }
}

/// The names of `W`'s variants as a state file writes them (camelCase: `cloudSsd`).
fn camel_names<W: Word>() -> Vec<String> {
    W::NAMES.iter().map(|n| camel(n)).collect()
}

/// The variant of `W` a state file names `word` (camelCase).
fn camel_named<W: Word>(word: &str) -> Option<W> {
    let i = W::NAMES.iter().position(|n| camel(n) == word)?;
    W::ALL.get(i).copied()
}

fn camel(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_ascii_lowercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// The system disk.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SystemDisk {
    /// Its kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disk_type: Option<DiskType>,
    /// Its size, GB (API 2.0's `rootSize`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disk_size: Option<i64>,
    /// Whether it is encrypted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encrypt: Option<bool>,
    /// The KMS key it is encrypted with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<String>,
}

/// A data disk (API 2.0 has one: `storageType`, `storageSize`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DataDisk {
    /// Its kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disk_type: Option<DiskType>,
    /// Its size, GB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disk_size: Option<i64>,
    /// The snapshot it is made from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot_id: Option<String>,
    /// Whether it goes with its instance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_with_instance: Option<bool>,
    /// Whether it is encrypted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encrypt: Option<bool>,
    /// Its extra throughput, MB/s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throughput_performance: Option<i64>,
    /// Whether it may burst.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub burst_performance: Option<bool>,
    /// The KMS key it is encrypted with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<String>,
}

/// Public network access (API 2.0: `bandwidthType`, `bandwidth`, `wanIp`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Internet {
    /// How it is paid for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charge_type: Option<Charge>,
    /// The most outbound bandwidth, Mbit/s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_bandwidth_out: Option<i64>,
    /// Whether instances get a public IP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_ip_assigned: Option<bool>,
    /// The bandwidth package.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bandwidth_package_id: Option<String>,
    /// The carrier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_provider: Option<InternetServiceProvider>,
    /// The kind of public IPv4 address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv4_address_type: Option<String>,
    /// The anti-DDoS package.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anti_ddos_package_id: Option<String>,
    /// Whether the elastic IP stays when the instance goes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep_eip: Option<bool>,
}

/// Public IPv6 access.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Ipv6Internet {
    /// How it is paid for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charge_type: Option<InternetChargeType>,
    /// The most outbound bandwidth, Mbit/s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_bandwidth_out: Option<i64>,
    /// The bandwidth package.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bandwidth_package_id: Option<String>,
}

/// How to log in to the instances (API 2.0: `password`, one `keyId`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Login {
    /// The password, as given (the emulator holds no real secrets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// The key pairs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_ids: Vec<String>,
    /// Whether the image's own login settings stay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep_image_login: Option<bool>,
}

/// The agents instances run (API 2.0: `needMonitorAgent`, `needSecurityAgent`); each on when
/// not said.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Agents {
    /// Cloud monitoring.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitor: Option<bool>,
    /// Cloud security.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security: Option<bool>,
    /// Automation tools (TAT).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub automation_tools: Option<bool>,
}

/// A key and its value (instance tags, metadata).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KeyValue {
    /// The key.
    pub key: String,
    /// The value.
    pub value: String,
}

/// A tag of the launch configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Tag {
    /// The key.
    pub key: String,
    /// The value.
    pub value: String,
    /// The kind of resource it is bound to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<String>,
}

/// How host names or instance names are made.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Naming {
    /// The name given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// How names are made from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<NameStyle>,
    /// A suffix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// What joins the name and the suffix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<NameDelimiter>,
}

/// The prepaid period, for [`InstanceChargeType::Prepaid`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Prepaid {
    /// Months.
    pub period: i64,
    /// How it renews.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renew_flag: Option<RenewFlag>,
}

/// The spot market settings, for [`InstanceChargeType::Spotpaid`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Spot {
    /// The highest price, as given.
    pub max_price: String,
    /// How it is bought.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spot_instance_type: Option<SpotInstanceType>,
    /// The market.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub market_type: Option<MarketType>,
}

/// A network interface of the instances.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NetworkInterface {
    /// Its role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interface_type: Option<InterfaceType>,
    /// How many private IPv4 addresses it has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_ipv4_address_count: Option<i64>,
    /// Whether it stays when the instance goes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep_eni: Option<bool>,
}
