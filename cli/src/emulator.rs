//! `qcloud-as emulator`: serves the local Auto Scaling emulator (`qcloud-as-emulator`), so one
//! install gives the tool and a service to try it on.

use crate::failure::{exit, one_line, warn};
use clap::{Arg, ArgMatches, Command};
use qcloud_as_emulator::{ClockMode, Emulator, State};
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

const LISTEN: &str = "listen";
const STATE: &str = "state";
const CLOCK: &str = "clock";

/// The subcommand.
pub fn command() -> Command {
    Command::new("emulator")
        .about("Serve the local Auto Scaling emulator (API 3.0 and API 2.0) until interrupted")
        .long_about(
            "Serve the local Auto Scaling emulator (the qcloud-as-emulator crate: API 3.0 on `/`, \
             all 58 of its actions; API 2.0 on `/v2/index.php`) until \
             SIGINT or SIGTERM. It prints `listening on http://ADDR` first; point the other \
             commands at it with --endpoint. Without --state it serves the demo state, signed \
             with SecretId AKIDEMULATOR and SecretKey emulator-demo-secret-key.",
        )
        .arg(
            Arg::new(LISTEN)
                .long(LISTEN)
                .value_name("ADDR")
                .value_parser(clap::value_parser!(SocketAddr))
                .default_value("127.0.0.1:4280")
                .help("The address to listen on; port 0 picks a free port"),
        )
        .arg(
            Arg::new(STATE)
                .long(STATE)
                .value_name("FILE")
                .value_parser(clap::value_parser!(PathBuf))
                .help("A state file (YAML or JSON); without it, the built-in demo state"),
        )
        .arg(
            Arg::new(CLOCK)
                .long(CLOCK)
                .value_name("MODE")
                .value_parser(clap::value_parser!(ClockMode))
                .default_value("wall")
                .help(
                    "How the emulator's clock moves: wall (real time), wall:SPEED (e.g. wall:60, \
                     a minute a second) or frozen (moved only through /_emulator/clock)",
                ),
        )
}

/// Runs the emulator until a signal; exit 2 for a bad state, 1 when it cannot listen.
pub fn run(matches: &ArgMatches) -> ExitCode {
    let Some(listen) = matches.get_one::<SocketAddr>(LISTEN).copied() else {
        return ExitCode::from(exit::USAGE);
    };
    let clock = matches
        .get_one::<ClockMode>(CLOCK)
        .copied()
        .unwrap_or(ClockMode::REAL_TIME);
    let state_file = matches.get_one::<PathBuf>(STATE);
    let state = match state_file {
        Some(path) => match State::from_file(path) {
            Ok(state) => state,
            Err(e) => {
                warn(&format!(
                    "qcloud-as: error: bad state file: {}",
                    one_line(&e.to_string())
                ));
                return ExitCode::from(exit::USAGE);
            }
        },
        None => State::demo(),
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            warn(&format!(
                "qcloud-as: error: cannot start the async runtime: {e}"
            ));
            return ExitCode::from(exit::OTHER);
        }
    };
    runtime.block_on(async {
        let emulator = match Emulator::start_at(listen, state) {
            Ok(emulator) => emulator,
            Err(qcloud_as_emulator::Error::State(e)) => {
                warn(&format!(
                    "qcloud-as: error: bad state: {}",
                    one_line(&e.to_string())
                ));
                return ExitCode::from(exit::USAGE);
            }
            Err(e) => {
                warn(&format!("qcloud-as: error: {e}"));
                return ExitCode::from(exit::OTHER);
            }
        };
        // Clients sign with the real time unless told otherwise: follow it by default.
        if let Err(e) = emulator.set_clock_mode(clock) {
            warn(&format!("qcloud-as: error: {e}"));
            return ExitCode::from(exit::USAGE);
        }
        let stop = qcloud_as_emulator::shutdown_signal();
        {
            let mut stdout = std::io::stdout().lock();
            // Nobody may read stdout: serve anyway.
            let _ = writeln!(stdout, "listening on {}", emulator.endpoint())
                .and_then(|()| stdout.flush());
        }
        if !listen.ip().to_canonical().is_loopback() {
            warn(&format!(
                "qcloud-as: WARNING: listening on {}, which is not a loopback address: anyone \
                 who can reach it can call the emulator and read its state, secret keys included.",
                emulator.local_addr()
            ));
        }
        if state_file.is_none() {
            warn(&format!(
                "qcloud-as: demo state; sign with SecretId {} and SecretKey {}",
                qcloud_as_emulator::DEMO_SECRET_ID,
                qcloud_as_emulator::DEMO_SECRET_KEY
            ));
        }
        stop.await;
        emulator.shutdown().await;
        ExitCode::SUCCESS
    })
}
