//! The one place all mutable emulator data lives, behind one lock: the state, the nonces seen,
//! the virtual clock and the simulation's bookkeeping.

use crate::auth::NonceCache;
use crate::clock::Clock;
use crate::sim::{self, Book};
use crate::state::State;
use std::ops::{Deref, DerefMut};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Everything that changes while the emulator runs.
#[derive(Debug)]
pub(crate) struct World {
    /// The emulated account (and the faults in force, and the simulation's state).
    pub(crate) state: State,
    /// The nonces seen recently, per SecretId.
    pub(crate) nonces: NonceCache,
    /// The virtual clock.
    pub(crate) clock: Clock,
    /// The simulation's bookkeeping.
    pub(crate) book: Book,
    /// How many API requests passed authentication (faulted ones included).
    pub(crate) authenticated_requests: u64,
    /// The credentials the metadata and STS stand-ins issued, accepted until they expire.
    pub(crate) issued: crate::stand_in::Issued,
}

impl World {
    /// The virtual time now, in Unix seconds.
    pub(crate) fn now_secs(&self) -> u64 {
        self.clock.now_secs()
    }

    /// Runs the simulation to the clock's time: every event due until now, then the
    /// reactions to the state as it is (see [`sim::run`]).
    pub(crate) fn catch_up(&mut self) {
        let now = self.clock.now_secs();
        sim::run(&mut self.state, &mut self.book, now);
    }
}

/// The [`World`] shared by the server's connections and the [`Emulator`](crate::Emulator)
/// handle.
///
/// An API call takes the lock twice, not once for its whole duration: first to authenticate it
/// (every check and the recording of its nonce happen under one lock, so two requests with the
/// same nonce cannot both pass) and to take its fault, then again to run its action, which runs
/// atomically under the lock. Between the two (and during any fault latency) other requests
/// may run, and the state may be replaced (`PUT /_emulator/state`,
/// [`Emulator::set_state`](crate::Emulator::set_state)) or its faults changed; the action then
/// sees the new state.
///
/// Every lock runs the simulation to the clock's time when it is taken and again when it is
/// released ([`WorldGuard`]): whatever reads the world sees it as it is at the virtual time,
/// and whatever changed it (an action, a replaced state, a moved clock) has its consequences
/// (an activity started, say) at once.
#[derive(Debug)]
pub(crate) struct Shared {
    world: Mutex<World>,
}

impl Shared {
    /// A world holding `state`, with `clock`, remembering at most `max_nonces` nonces; the
    /// simulation starts at the clock's time.
    pub(crate) fn new(state: State, clock: Clock, max_nonces: usize) -> Shared {
        let book = Book::new(clock.now_secs());
        Shared {
            world: Mutex::new(World {
                state,
                nonces: NonceCache::new(max_nonces),
                clock,
                book,
                authenticated_requests: 0,
                issued: crate::stand_in::Issued::default(),
            }),
        }
    }

    /// Locks the world, after running the simulation to the clock's time. A panic while it
    /// was held cannot leave it half-changed in a way that matters more than stopping the
    /// emulator would, so a poisoned lock is taken over.
    pub(crate) fn lock(&self) -> WorldGuard<'_> {
        let mut guard = self.world.lock().unwrap_or_else(PoisonError::into_inner);
        guard.catch_up();
        WorldGuard(guard)
    }

    /// The virtual time now, in milliseconds since the Unix epoch, read without running the
    /// simulation (for clients that sign with the emulator's time).
    pub(crate) fn now_ms(&self) -> u64 {
        self.world
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clock
            .now_ms()
    }
}

/// The locked world; the simulation runs again when it is released.
pub(crate) struct WorldGuard<'a>(MutexGuard<'a, World>);

impl Deref for WorldGuard<'_> {
    type Target = World;

    fn deref(&self) -> &World {
        &self.0
    }
}

impl DerefMut for WorldGuard<'_> {
    fn deref_mut(&mut self) -> &mut World {
        &mut self.0
    }
}

impl Drop for WorldGuard<'_> {
    fn drop(&mut self) {
        // Unwinding from a panic: leave the world as it is.
        if !std::thread::panicking() {
            self.0.catch_up();
        }
    }
}
