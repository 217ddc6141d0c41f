//! Stand-ins for the services credentials come from, on a port of their own: the CVM instance
//! metadata service's CAM paths and STS's `AssumeRole` and `AssumeRoleWithWebIdentity`. They
//! issue short-lived credentials on the emulator's virtual clock, which the emulator accepts
//! for Auto Scaling calls (both API versions, token required) until they expire on that clock.
//!
//! | path | method | what |
//! |---|---|---|
//! | `/latest/meta-data/cam/security-credentials/` | GET | the instance role's name (404 when none is bound) |
//! | `/latest/meta-data/cam/security-credentials/<role>` | GET | the role's temporary credentials |
//! | `/` with `X-TC-Action: AssumeRole` | POST | STS, TC3-signed (service `sts`) by a credential the emulator accepts |
//! | `/` with `X-TC-Action: AssumeRoleWithWebIdentity` | POST | STS, unsigned; the token must be the one configured |

mod metadata;
mod sts;

use crate::state::Credential;
use crate::world::{Shared, World};
use crate::{Emulator, Error};
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::borrow::Cow;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::sync::oneshot;

/// The role the metadata stand-in says is bound to the instance unless set.
pub const DEFAULT_ROLE: &str = "qcloud-as-emulator-role";

/// How long the instance role's credentials last unless set: 1 hour of virtual time.
pub const DEFAULT_ROLE_LIFETIME: Duration = Duration::from_secs(3600);

/// The largest request body the stand-ins read.
const MAX_BODY_BYTES: usize = 64 * 1024;

/// How long a request's head may take to arrive.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Credentials the stand-ins issued, with their expiry (virtual Unix seconds).
#[derive(Debug, Default)]
pub(crate) struct Issued {
    credentials: Vec<(Credential, u64)>,
}

impl Issued {
    /// Records `credential`, valid until `expires_at`; forgets those expired at `now`.
    fn insert(&mut self, credential: Credential, expires_at: u64, now: u64) {
        self.credentials.retain(|(_, until)| *until > now);
        self.credentials.push((credential, expires_at));
    }

    /// How many issued credentials are valid at `now`.
    fn valid(&self, now: u64) -> usize {
        self.credentials
            .iter()
            .filter(|(_, until)| *until > now)
            .count()
    }
}

/// The credentials the emulator accepts at `now`: the state's, then those the stand-ins issued
/// that have not expired.
pub(crate) fn accepted(world: &World, now: u64) -> Cow<'_, [Credential]> {
    if world.issued.credentials.is_empty() {
        return Cow::Borrowed(&world.state.credentials);
    }
    let mut all = world.state.credentials.clone();
    all.extend(
        world
            .issued
            .credentials
            .iter()
            .filter(|(_, until)| *until > now)
            .map(|(credential, _)| credential.clone()),
    );
    Cow::Owned(all)
}

/// The credential with `secret_id` the emulator accepts at `now`.
pub(crate) fn find(world: &World, secret_id: &str, now: u64) -> Option<Credential> {
    world
        .state
        .credentials
        .iter()
        .find(|c| c.secret_id == secret_id)
        .cloned()
        .or_else(|| {
            world
                .issued
                .credentials
                .iter()
                .find(|(c, until)| c.secret_id == secret_id && *until > now)
                .map(|(c, _)| c.clone())
        })
}

/// What the stand-ins answer with, changeable while they run.
#[derive(Debug, Clone)]
struct Settings {
    role: Option<String>,
    role_lifetime: Duration,
    web_identity: Option<(String, String)>,
}

/// How many requests each stand-in answered with credentials.
#[derive(Debug, Default)]
struct Counters {
    role_list: AtomicU64,
    role_credentials: AtomicU64,
    assume_role: AtomicU64,
    web_identity: AtomicU64,
}

/// How many credentials each stand-in issued (and how often the role list was asked), since it
/// started: what a test counts refreshes with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StandInCounts {
    /// Answers of the role list (`…/security-credentials/`) naming a role.
    pub role_list: u64,
    /// Instance role credentials issued (`…/security-credentials/<role>`).
    pub role_credentials: u64,
    /// Credentials issued by `AssumeRole`.
    pub assume_role: u64,
    /// Credentials issued by `AssumeRoleWithWebIdentity`.
    pub web_identity: u64,
}

/// What the stand-in's handlers share.
#[derive(Debug)]
pub(crate) struct Inner {
    shared: Arc<Shared>,
    settings: Mutex<Settings>,
    counters: Counters,
}

impl Inner {
    fn settings(&self) -> Settings {
        self.settings
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// The running stand-ins for the metadata service and STS, on their own port
/// ([`Emulator::start_stand_in`]). Dropping it stops them.
///
/// ```
/// use qcloud_as::credentials::CvmRoleProvider;
/// use qcloud_as_emulator::{Emulator, State};
///
/// # #[tokio::main]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let emulator = Emulator::start(State::demo())?;
/// let stand_in = emulator.start_stand_in()?;
/// let config = emulator
///     .client_config()
///     .credentials_provider(CvmRoleProvider::new().endpoint(stand_in.metadata_endpoint()));
/// # let config = config;
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct StandIn {
    addr: SocketAddr,
    inner: Arc<Inner>,
    stop: Option<oneshot::Sender<()>>,
}

impl Emulator {
    /// Starts the metadata and STS stand-ins on `127.0.0.1` at a free port, on the current
    /// tokio runtime, issuing credentials on this emulator's clock that it accepts until they
    /// expire. The instance role is [`DEFAULT_ROLE`]; no web identity is accepted until
    /// [`StandIn::set_web_identity`].
    pub fn start_stand_in(&self) -> Result<StandIn, Error> {
        self.start_stand_in_at(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
    }

    /// [`Emulator::start_stand_in`] on `addr` (port 0 picks a free port).
    pub fn start_stand_in_at(&self, addr: SocketAddr) -> Result<StandIn, Error> {
        let runtime = tokio::runtime::Handle::try_current().map_err(|_| Error::NoRuntime)?;
        let bind = |error| Error::Bind { addr, error };
        let std_listener = std::net::TcpListener::bind(addr).map_err(bind)?;
        std_listener.set_nonblocking(true).map_err(bind)?;
        let local = std_listener.local_addr().map_err(bind)?;
        let listener = {
            let _guard = runtime.enter();
            tokio::net::TcpListener::from_std(std_listener).map_err(bind)?
        };
        let inner = Arc::new(Inner {
            shared: self.shared.clone(),
            settings: Mutex::new(Settings {
                role: Some(DEFAULT_ROLE.to_owned()),
                role_lifetime: DEFAULT_ROLE_LIFETIME,
                web_identity: None,
            }),
            counters: Counters::default(),
        });
        let (stop, stopped) = oneshot::channel();
        runtime.spawn(serve(listener, inner.clone(), stopped));
        Ok(StandIn {
            addr: local,
            inner,
            stop: Some(stop),
        })
    }
}

impl StandIn {
    /// The address the stand-ins listen on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The metadata service's address for a client: `http://127.0.0.1:PORT` (what
    /// `QCLOUD_AS_METADATA_ENDPOINT` or `CvmRoleProvider::endpoint` takes).
    pub fn metadata_endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// STS's address for a client: `http://127.0.0.1:PORT` (what `QCLOUD_AS_STS_ENDPOINT`,
    /// `AssumeRoleProvider::endpoint` or `WebIdentityProvider::endpoint` takes).
    pub fn sts_endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The role bound to the instance, or none (the role list then answers 404).
    pub fn set_role(&self, role: Option<&str>) {
        self.update(|s| s.role = role.map(str::to_owned));
    }

    /// How long the instance role's credentials last, in virtual time (default 1 hour).
    pub fn set_role_lifetime(&self, lifetime: Duration) {
        self.update(|s| s.role_lifetime = lifetime);
    }

    /// The identity provider and the token `AssumeRoleWithWebIdentity` accepts (the contents
    /// of the token file a client reads, surrounding whitespace ignored).
    pub fn set_web_identity(&self, provider_id: &str, token: &str) {
        self.update(|s| {
            s.web_identity = Some((provider_id.to_owned(), token.trim().to_owned()));
        });
    }

    /// How many credentials each stand-in issued since it started.
    pub fn counts(&self) -> StandInCounts {
        let c = &self.inner.counters;
        StandInCounts {
            role_list: c.role_list.load(Ordering::SeqCst),
            role_credentials: c.role_credentials.load(Ordering::SeqCst),
            assume_role: c.assume_role.load(Ordering::SeqCst),
            web_identity: c.web_identity.load(Ordering::SeqCst),
        }
    }

    /// How many issued credentials the emulator accepts now (not expired on its clock).
    pub fn valid_credentials(&self) -> usize {
        let world = self.inner.shared.lock();
        world.issued.valid(world.now_secs())
    }

    fn update(&self, change: impl FnOnce(&mut Settings)) {
        change(
            &mut self
                .inner
                .settings
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        );
    }

    /// Stops accepting connections.
    pub fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// An answer.
pub(crate) type Answer = Response<Full<Bytes>>;

/// A plain-text answer.
pub(crate) fn text(status: StatusCode, body: impl Into<String>) -> Answer {
    let mut answer = Response::new(Full::new(Bytes::from(body.into())));
    *answer.status_mut() = status;
    answer.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    answer
}

/// A JSON answer with status 200.
pub(crate) fn json(value: &serde_json::Value) -> Answer {
    let mut answer = Response::new(Full::new(Bytes::from(value.to_string())));
    answer.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("application/json"),
    );
    answer
}

/// Issues a credential valid for `lifetime` from the virtual time now, and records it so that
/// the emulator accepts it; returns it with its expiry (Unix seconds).
pub(crate) fn issue(
    inner: &Inner,
    prefix: &str,
    lifetime: Duration,
) -> Result<(Credential, u64), String> {
    let random = |n| random_text(n).map_err(|e| format!("no random credential could be made: {e}"));
    let credential = Credential {
        secret_id: format!("{prefix}{}", random(24)?),
        secret_key: random(32)?,
        token: Some(random(48)?),
    };
    let mut world = inner.shared.lock();
    let now = world.now_secs();
    let expires_at = now.saturating_add(lifetime.as_secs().max(1));
    world.issued.insert(credential.clone(), expires_at, now);
    Ok((credential, expires_at))
}

/// `n` random letters and digits.
fn random_text(n: usize) -> Result<String, getrandom::Error> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes)?;
    Ok(bytes
        .into_iter()
        .map(|b| char::from(ALPHABET[usize::from(b) % ALPHABET.len()]))
        .collect())
}

async fn serve(
    listener: tokio::net::TcpListener,
    inner: Arc<Inner>,
    mut stop: oneshot::Receiver<()>,
) {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT);
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    let inner = inner.clone();
                    let service = hyper::service::service_fn(move |request| {
                        let inner = inner.clone();
                        async move { Ok::<_, std::convert::Infallible>(handle(&inner, request).await) }
                    });
                    let connection = http.serve_connection(TokioIo::new(stream), service);
                    tokio::spawn(async move {
                        let _ = connection.await;
                    });
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            },
            _ = &mut stop => break,
        }
    }
}

/// Routes a request to the metadata or the STS stand-in.
async fn handle(inner: &Inner, request: Request<Incoming>) -> Answer {
    let path = request.uri().path().to_owned();
    if let Some(rest) = path.strip_prefix(metadata::ROLE_PATH) {
        if request.method() != hyper::Method::GET {
            return text(
                StatusCode::METHOD_NOT_ALLOWED,
                "the metadata service answers GET",
            );
        }
        return metadata::answer(inner, rest);
    }
    if path == "/" {
        if request.method() != hyper::Method::POST {
            return text(StatusCode::METHOD_NOT_ALLOWED, "STS is called with POST");
        }
        let (parts, body) = request.into_parts();
        let body = match Limited::new(body, MAX_BODY_BYTES).collect().await {
            Ok(collected) => collected.to_bytes(),
            Err(_) => {
                return text(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!("the body is larger than {MAX_BODY_BYTES} bytes or was cut off"),
                )
            }
        };
        return sts::answer(inner, &parts, &body);
    }
    text(
        StatusCode::NOT_FOUND,
        format!(
            "no such path {path:?}: the stand-ins answer {}… (metadata) and / (STS)",
            metadata::ROLE_PATH
        ),
    )
}

/// The counters, for the handlers.
impl Inner {
    fn count(&self, which: impl FnOnce(&Counters) -> &AtomicU64) {
        which(&self.counters).fetch_add(1, Ordering::SeqCst);
    }
}
