//! `qcloud-as-emulator`: serves the Auto Scaling emulator (API 2.0 on `/v2/index.php`, API 3.0 on
//! `/`, one state) over HTTP.

use clap::Parser;
use qcloud_as_emulator::{ClockMode, Emulator, State};
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// A local, stateful emulator of the Tencent Cloud Auto Scaling API 2.0 and 3.0, on one state.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// The address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:4280")]
    listen: SocketAddr,
    /// A state file (YAML or JSON); without it, the built-in demo state is used.
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// How the virtual clock moves: `wall` (real time), `wall:SPEED` (e.g. `wall:60`, a minute
    /// per second) or `frozen` (moved only through `/_emulator/clock`).
    #[arg(long, value_name = "MODE", default_value = "wall")]
    clock: ClockMode,
    /// The time the clock starts at, `YYYY-MM-DD hh:mm:ss` in Beijing time (UTC+8); default:
    /// now.
    #[arg(long, value_name = "TIME", value_parser = parse_start)]
    clock_start: Option<std::time::SystemTime>,
    /// Also serve the stand-ins for the instance metadata service and STS on this address
    /// (port 0 picks a free port): point `QCLOUD_AS_METADATA_ENDPOINT` and
    /// `QCLOUD_AS_STS_ENDPOINT` at it.
    #[arg(long, value_name = "ADDR")]
    stand_in_listen: Option<SocketAddr>,
    /// The CAM role the metadata stand-in says is bound to the instance.
    #[arg(long, value_name = "NAME", default_value = qcloud_as_emulator::DEFAULT_ROLE)]
    stand_in_role: String,
    /// The identity provider `AssumeRoleWithWebIdentity` accepts (with
    /// `--stand-in-web-identity-token-file`).
    #[arg(long, value_name = "ID", default_value = "qcloud-as-emulator-oidc")]
    stand_in_provider_id: String,
    /// A file holding the web identity token `AssumeRoleWithWebIdentity` accepts; without it,
    /// no web identity is accepted.
    #[arg(long, value_name = "FILE")]
    stand_in_web_identity_token_file: Option<PathBuf>,
    /// Also answer requests addressed (`Host`) to NAME, a host name or an IP address without
    /// port; repeatable. By default only loopback (127.0.0.0/8, ::1, localhost) and the
    /// listening address are accepted (others get 403), so that a web page cannot reach the
    /// emulator through a name resolved to this machine.
    #[arg(long = "allow-host", value_name = "NAME")]
    allow_hosts: Vec<String>,
}

/// A `--clock-start` time: `YYYY-MM-DD hh:mm:ss`, Beijing time.
fn parse_start(text: &str) -> Result<std::time::SystemTime, String> {
    qcloud_as_emulator::parse_api_time(text).ok_or_else(|| {
        format!("{text:?} is not a time YYYY-MM-DD hh:mm:ss (Beijing time, 1970 or later)")
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let state = match &args.state {
        Some(path) => match State::from_file(path) {
            Ok(state) => state,
            Err(e) => {
                eprintln!("qcloud-as-emulator: bad state file: {e}");
                return ExitCode::from(2);
            }
        },
        None => State::demo(),
    };
    let emulator = match Emulator::start_at(args.listen, state) {
        Ok(emulator) => emulator,
        Err(qcloud_as_emulator::Error::State(e)) => {
            eprintln!("qcloud-as-emulator: bad state: {e}");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("qcloud-as-emulator: {e}");
            return ExitCode::FAILURE;
        }
    };
    for name in &args.allow_hosts {
        if let Err(e) = emulator.allow_host(name) {
            eprintln!("qcloud-as-emulator: --allow-host: {e}");
            return ExitCode::from(2);
        }
    }
    if let Some(start) = args.clock_start {
        emulator.set_time(start);
    }
    if let Err(e) = emulator.set_clock_mode(args.clock) {
        eprintln!("qcloud-as-emulator: {e}");
        return ExitCode::from(2);
    }
    let stand_in = match args.stand_in_listen {
        None => None,
        Some(addr) => match start_stand_in(&emulator, addr, &args) {
            Ok(stand_in) => Some(stand_in),
            Err(e) => {
                eprintln!("qcloud-as-emulator: stand-ins: {e}");
                return ExitCode::from(2);
            }
        },
    };
    let stop = qcloud_as_emulator::shutdown_signal();
    {
        let mut stdout = std::io::stdout().lock();
        let stand_in_line = match &stand_in {
            Some(s) => format!("\nstand-ins (metadata, STS) on {}", s.metadata_endpoint()),
            None => String::new(),
        };
        if writeln!(
            stdout,
            "listening on {}{stand_in_line}",
            emulator.endpoint()
        )
        .and_then(|()| stdout.flush())
        .is_err()
        {
            // Nobody reads stdout: serve anyway.
        }
    }
    if !is_loopback(args.listen) {
        eprintln!(
            "qcloud-as-emulator: WARNING: listening on {}, which is not a loopback address. \
             The emulator has no real security: anyone who can reach this address can call it, \
             and GET /_emulator/state (unauthenticated) shows every secretKey of the state.",
            emulator.local_addr()
        );
    }
    if args.state.is_none() {
        eprintln!(
            "qcloud-as-emulator: demo state; sign with SecretId {} and SecretKey {}",
            qcloud_as_emulator::DEMO_SECRET_ID,
            qcloud_as_emulator::DEMO_SECRET_KEY
        );
    }
    stop.await;
    if let Some(stand_in) = stand_in {
        stand_in.shutdown();
    }
    emulator.shutdown().await;
    ExitCode::SUCCESS
}

/// Starts the metadata and STS stand-ins on `addr` with the settings of `args`.
fn start_stand_in(
    emulator: &Emulator,
    addr: SocketAddr,
    args: &Args,
) -> Result<qcloud_as_emulator::StandIn, String> {
    let stand_in = emulator
        .start_stand_in_at(addr)
        .map_err(|e| e.to_string())?;
    stand_in.set_role(Some(&args.stand_in_role));
    if let Some(path) = &args.stand_in_web_identity_token_file {
        let token = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        stand_in.set_web_identity(&args.stand_in_provider_id, &token);
    }
    Ok(stand_in)
}

/// Whether `addr` is reachable from this machine only: 127.0.0.0/8 or ::1 (also written as an
/// IPv4-mapped IPv6 address).
fn is_loopback(addr: SocketAddr) -> bool {
    addr.ip().to_canonical().is_loopback()
}

#[cfg(test)]
mod tests {
    use super::{is_loopback, parse_start};
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn start_times_are_beijing_time() {
        assert_eq!(parse_start("1970-01-01 08:00:00"), Ok(UNIX_EPOCH));
        assert_eq!(
            parse_start("2024-03-01 00:00:00"),
            Ok(UNIX_EPOCH + Duration::from_secs(1_709_222_400))
        );
        for bad in [
            "2024-03-01",
            "2024-13-01 00:00:00",
            "1970-01-01 07:00:00",
            "now",
        ] {
            assert!(parse_start(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn loopback_addresses() {
        for loopback in [
            "127.0.0.1:1",
            "127.1.2.3:1",
            "[::1]:1",
            "[::ffff:127.0.0.1]:1",
        ] {
            assert!(is_loopback(loopback.parse().unwrap()), "{loopback}");
        }
        for other in ["0.0.0.0:1", "[::]:1", "192.168.1.10:1", "[fe80::1]:1"] {
            assert!(!is_loopback(other.parse().unwrap()), "{other}");
        }
    }
}
