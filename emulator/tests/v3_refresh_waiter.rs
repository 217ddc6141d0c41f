//! The SDK's API 3.0 refresh waiter (`wait_until_refresh_done`, DescribeRefreshActivities)
//! against the emulator's instance refreshes, on its virtual clock: a refresh that ends
//! `SUCCESSFUL`, one cancelled by its fail process (the waiter's failure), and a paused one that
//! keeps the wait going until its time limit (the helpers are `tests/common/refresh.rs`').

mod common;

use common::refresh::*;
use common::v3::*;
use qcloud_as::v3::operation::describe_refresh_activities::DescribeRefreshActivitiesRequest;
use qcloud_as::v3::types::{FailProcess, RefreshActivityStatus, RollingUpdateSettings};
use qcloud_as::waiter::{Condition, ErrorOf, OutputOf, Waiter, WaiterOutcome};
use qcloud_as_emulator::{ActivityFailure, Emulator};
use std::future::IntoFuture;
use std::time::Duration;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn the_refresh(id: &str) -> DescribeRefreshActivitiesRequest {
    DescribeRefreshActivitiesRequest::new().refresh_activity_ids([id])
}

/// Polls quickly, for a clock moved by the test.
fn quick<C: Condition>(waiter: Waiter<C>) -> Waiter<C> {
    waiter
        .min_delay(ms(1))
        .max_delay(ms(10))
        .max_wait(Duration::from_secs(30))
}

/// Runs `waiter` while the test moves the frozen clock on by `by`.
async fn wait_while_advancing<C>(
    emulator: &Emulator,
    waiter: Waiter<C>,
    by: Duration,
) -> Result<WaiterOutcome<OutputOf<C>>, Box<dyn std::error::Error>>
where
    C: Condition + Send + 'static,
    OutputOf<C>: Send + 'static,
    ErrorOf<C>: Send + Sync + std::error::Error + 'static,
{
    let waiting = tokio::spawn(quick(waiter).into_future());
    tokio::time::sleep(ms(5)).await;
    emulator.advance(by);
    Ok(waiting.await??)
}

#[tokio::test]
async fn a_refresh_waited_for_until_it_succeeds() -> TestResult {
    let (emulator, _, client) = start_v3(account())?;
    let lc = new_configuration(&client).await?;
    let id = client
        .start_instance_refresh(WEB, settings(2))
        .await?
        .refresh_activity_id;

    // The clock does not move: still waiting when the time limit comes.
    let outcome = quick(client.wait_until_refresh_done(the_refresh(&id)))
        .max_wait(ms(40))
        .await?;
    match outcome {
        WaiterOutcome::TimedOut { last } => assert_eq!(
            last.refresh_activity_set[0].status,
            RefreshActivityStatus::Init
        ),
        other => panic!("expected a time-out: {other:?}"),
    }

    // The init (5 s) and two batches (30 s each) pass while it waits.
    let outcome = wait_while_advancing(
        &emulator,
        client.wait_until_refresh_done(the_refresh(&id)),
        Duration::from_secs(5 + 2 * 30),
    )
    .await?;
    match outcome {
        WaiterOutcome::Success(answer) => {
            let r = &answer.refresh_activity_set[0];
            assert_eq!(r.refresh_activity_id, id);
            assert_eq!(r.status, RefreshActivityStatus::Successful);
        }
        other => panic!("expected success: {other:?}"),
    }
    assert!(members(&client, WEB).await?.iter().all(|(_, c)| *c == lc));
    Ok(())
}

#[tokio::test]
async fn a_refresh_cancelled_by_its_fail_process_is_the_waiters_failure() -> TestResult {
    let (emulator, _, client) = start_v3(account())?;
    new_configuration(&client).await?;
    emulator.fail_next_activity(WEB, ActivityFailure::Quota)?;
    let cancel = RollingUpdateSettings::new(2).fail_process(FailProcess::AutoCancel);
    let id = client
        .start_instance_refresh(WEB, rolling(cancel))
        .await?
        .refresh_activity_id;
    let outcome = wait_while_advancing(
        &emulator,
        client.wait_until_refresh_done(the_refresh(&id)),
        Duration::from_secs(35),
    )
    .await?;
    match outcome {
        WaiterOutcome::Failure(answer) => assert_eq!(
            answer.refresh_activity_set[0].status,
            RefreshActivityStatus::Cancelled
        ),
        other => panic!("expected the waiter's failure: {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn a_paused_refresh_keeps_the_wait_going() -> TestResult {
    let (emulator, _, client) = start_v3(account())?;
    new_configuration(&client).await?;
    // AUTO_PAUSE (the default fail process): a failed batch pauses the refresh.
    emulator.fail_next_activity(WEB, ActivityFailure::SoldOut)?;
    let id = client
        .start_instance_refresh(WEB, settings(2))
        .await?
        .refresh_activity_id;
    tick(&emulator, 35);
    let outcome = quick(client.wait_until_refresh_done(the_refresh(&id)))
        .max_wait(ms(40))
        .await?;
    match outcome {
        WaiterOutcome::TimedOut { last } => assert_eq!(
            last.refresh_activity_set[0].status,
            RefreshActivityStatus::FailedPause
        ),
        other => panic!("a pause is neither success nor failure: {other:?}"),
    }
    Ok(())
}
