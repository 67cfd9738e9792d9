//! A counting allocator for exact peak-heap measurements (the peak memory
//! example and test). A binary opts in with
//! `#[global_allocator] static A: Counting = Counting;`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicIsize, Ordering};
use std::sync::Mutex;

/// Forwards to the system allocator, counting live bytes and their peak.
pub struct Counting;

// Signed: memory live before a measurement may be freed during it.
static CURRENT: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);
/// Threads share the allocator: one measurement at a time.
static MEASURING: Mutex<()> = Mutex::new(());

thread_local! {
    /// Whether this thread's allocations are counted: only the measuring
    /// thread's are, so that the test harness's own threads (starting the
    /// next test, printing a result) do not count in a measurement.
    static COUNTED: Cell<bool> = const { Cell::new(false) };
}

fn counted() -> bool {
    COUNTED.try_with(Cell::get).unwrap_or(false)
}

// SAFETY: forwards to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if counted() {
            let size = isize::try_from(layout.size()).unwrap_or(isize::MAX);
            let now = CURRENT.fetch_add(size, Ordering::Relaxed) + size;
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        // SAFETY: the caller's contract is System's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if counted() {
            let size = isize::try_from(layout.size()).unwrap_or(isize::MAX);
            CURRENT.fetch_sub(size, Ordering::Relaxed);
        }
        // SAFETY: the caller's contract is System's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

/// Peak bytes allocated by this thread while `run` runs, above what was
/// live before it. Meaningful only in a binary whose global allocator is
/// [`Counting`].
pub fn peak_of(run: impl FnOnce()) -> usize {
    let _one_at_a_time = MEASURING.lock().unwrap_or_else(|e| e.into_inner());
    CURRENT.store(0, Ordering::Relaxed);
    PEAK.store(0, Ordering::Relaxed);
    /// Stops counting when the measurement ends, even by a panic.
    struct Counted;
    impl Drop for Counted {
        fn drop(&mut self) {
            COUNTED.with(|c| c.set(false));
        }
    }
    COUNTED.with(|c| c.set(true));
    let counted = Counted;
    run();
    drop(counted);
    usize::try_from(PEAK.load(Ordering::Relaxed)).unwrap_or(0)
}
