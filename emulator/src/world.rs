//! The one place all mutable emulator data lives, behind one lock.

use crate::auth::NonceCache;
use crate::state::State;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Everything that changes while the emulator runs.
#[derive(Debug, Default)]
pub(crate) struct World {
    /// The emulated account (and the faults in force).
    pub(crate) state: State,
    /// The nonces seen recently, per SecretId.
    pub(crate) nonces: NonceCache,
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
#[derive(Debug, Default)]
pub(crate) struct Shared {
    world: Mutex<World>,
}

impl Shared {
    pub(crate) fn new(state: State) -> Shared {
        Shared {
            world: Mutex::new(World {
                state,
                nonces: NonceCache::default(),
            }),
        }
    }

    /// Locks the world. A panic while it was held cannot leave it half-changed in a way that
    /// matters more than stopping the emulator would, so a poisoned lock is taken over.
    pub(crate) fn lock(&self) -> MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
