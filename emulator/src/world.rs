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
/// handle. Every API call holds the lock for its whole duration, so each call is atomic.
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
