//! The failure guard within one process: a window of requests that failed or are
//! still waiting for their answer.

use std::collections::VecDeque;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

/// At most `limit` requests admitted in any window (a second and a little) that
/// have failed or not yet succeeded.
pub(crate) struct FailureGuard {
    limit: usize,
    window: Duration,
    state: Mutex<Window>,
    /// Woken once per request that succeeded (its place freed).
    freed: Notify,
}

/// Admitted requests by admission time, oldest first.
#[derive(Default)]
struct Window {
    next_id: u64,
    entries: VecDeque<(Instant, u64)>,
}

impl Window {
    /// Drops the places older than `width`.
    fn prune(&mut self, now: Instant, width: Duration) {
        while self
            .entries
            .front()
            .is_some_and(|(admitted, _)| *admitted + width <= now)
        {
            self.entries.pop_front();
        }
    }
}

impl FailureGuard {
    pub(crate) fn new(limit: NonZeroU32, window: Duration) -> Self {
        Self {
            limit: usize::try_from(limit.get()).unwrap_or(usize::MAX),
            window,
            state: Mutex::new(Window::default()),
            freed: Notify::new(),
        }
    }

    /// Waits for room, takes a place and returns its id.
    pub(crate) async fn enter(&self) -> u64 {
        loop {
            let reopens = {
                let mut window = self.state.lock().unwrap_or_else(|p| p.into_inner());
                let now = Instant::now();
                window.prune(now, self.window);
                match window.entries.front() {
                    Some((oldest, _)) if window.entries.len() >= self.limit => {
                        *oldest + self.window
                    }
                    _ => {
                        let id = window.next_id;
                        window.next_id = window.next_id.wrapping_add(1);
                        window.entries.push_back((now, id));
                        return id;
                    }
                }
            };
            // Room comes back when the oldest place leaves the window, or sooner when
            // a request succeeds; a wake-up that finds no room just waits again.
            let _ = tokio::time::timeout_at(reopens, self.freed.notified()).await;
        }
    }

    /// Takes a place without waiting, for a request another limiter admitted (the
    /// shared one), so that this window knows it should that limiter fail.
    #[cfg(feature = "redis")]
    pub(crate) fn note(&self) -> u64 {
        let mut window = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        window.prune(now, self.window);
        let id = window.next_id;
        window.next_id = window.next_id.wrapping_add(1);
        window.entries.push_back((now, id));
        id
    }

    /// Frees the place `id` took: its request succeeded, or never left.
    pub(crate) fn release(&self, id: u64) {
        let mut window = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(at) = window.entries.iter().position(|(_, e)| *e == id) {
            window.entries.remove(at);
            drop(window);
            self.freed.notify_one();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard(limit: u32) -> FailureGuard {
        FailureGuard::new(
            NonZeroU32::new(limit).unwrap_or(NonZeroU32::MIN),
            Duration::from_secs(1),
        )
    }

    #[tokio::test(start_paused = true)]
    async fn failures_hold_their_place_for_the_window() {
        let guard = guard(3);
        let started = Instant::now();
        for _ in 0..3 {
            guard.enter().await;
        }
        assert_eq!(started.elapsed(), Duration::ZERO);
        // Three requests out (or failed): the fourth waits for the first to age out.
        guard.enter().await;
        assert_eq!(started.elapsed(), Duration::from_secs(1));
    }

    #[tokio::test(start_paused = true)]
    async fn a_success_frees_its_place_at_once() {
        let guard = std::sync::Arc::new(guard(2));
        let first = guard.enter().await;
        guard.enter().await;
        let started = Instant::now();
        let waiting = {
            let guard = std::sync::Arc::clone(&guard);
            tokio::spawn(async move { guard.enter().await })
        };
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert!(!waiting.is_finished(), "the guard is full");
        guard.release(first);
        waiting.await.expect("entered");
        assert_eq!(started.elapsed(), Duration::from_millis(100));
    }

    #[tokio::test(start_paused = true)]
    async fn releasing_an_unknown_id_changes_nothing() {
        let guard = guard(1);
        let id = guard.enter().await;
        guard.release(id + 1);
        let started = Instant::now();
        guard.enter().await;
        assert_eq!(started.elapsed(), Duration::from_secs(1));
    }
}
