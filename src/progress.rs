//! How a long build tells the caller where it is, so that the binary can draw a progress bar
//! while the library prints nothing.

/// Told when a build phase starts and each time one of its items (file, article, page) is done.
/// Called from worker threads, hence `Sync`.
pub trait BuildProgress: Sync {
    /// A phase starts; `items` is how many items it will report, 0 when it reports none.
    fn phase(&self, _name: &'static str, _items: usize) {}
    /// One item of the current phase is done.
    fn item_done(&self) {}
}

/// For callers that show nothing.
pub struct NoProgress;

impl BuildProgress for NoProgress {}
