//! The built `qcloud-as` binary's `--wait` on an activity that fails: the answer is printed,
//! then exit 5 (the activity waiter's failure). Against an emulator started in-process.

mod common;

use common::{Run, Service};
use serde_json::{json, Value};

#[test]
fn wait_exits_5_when_the_activity_fails() {
    use qcloud_as_emulator::ActivityFailure;
    use std::time::Duration;
    let service = Service::start();
    if let Err(e) = service
        .emulator
        .fail_next_activity("asg-demo0001", ActivityFailure::SoldOut)
    {
        panic!("{e}");
    }
    let mut command = service.command_v3();
    command.args([
        "scale-out-instances",
        "--auto-scaling-group-id",
        "asg-demo0001",
        "--scale-out-number",
        "1",
        "--wait",
        "--wait-interval",
        "0.05",
        "--wait-timeout",
        "60",
    ]);
    let running = std::thread::spawn(move || Run::of(&mut command));
    // Virtual time passes while the tool polls (a second at a time: the tool signs with the
    // real clock, which the emulator's must stay within 5 minutes of).
    for _ in 0..120 {
        if running.is_finished() {
            break;
        }
        service.emulator.advance(Duration::from_secs(1));
        std::thread::sleep(Duration::from_millis(50));
    }
    let run = match running.join() {
        Ok(run) => run,
        Err(_) => panic!("the run's thread panicked"),
    };
    assert_eq!(run.code, Some(5), "{run:#?}");
    let data: Value = match serde_json::from_str(&run.stdout) {
        Ok(value) => value,
        Err(e) => panic!("the answer is printed first ({e}): {run:#?}"),
    };
    let id = data["ActivityId"].as_str().unwrap_or_default();
    assert!(id.starts_with("asa-"), "{data}");
    assert_eq!(data["Activity"]["StatusCode"], json!("FAILED"), "{data}");
    assert!(
        run.stderr
            .contains(&format!("--wait: activity {id} ended FAILED")),
        "{run:#?}"
    );
}
