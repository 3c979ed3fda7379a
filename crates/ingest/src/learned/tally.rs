//! What the learned layouts made of each file, counted per thread in cross-check and test
//! builds (nothing is counted otherwise): tests hold the share of files a layout reads, and say
//! why the others went the full way.

#[cfg(any(test, feature = "cross-check"))]
use std::cell::RefCell;
use std::collections::BTreeMap;

#[cfg(any(test, feature = "cross-check"))]
thread_local! {
    static TALLY: RefCell<BTreeMap<&'static str, usize>> = const { RefCell::new(BTreeMap::new()) };
}

/// Counts one `what` on this thread (cross-check and test builds only).
#[inline(always)]
pub(super) fn note(what: &'static str) {
    #[cfg(any(test, feature = "cross-check"))]
    TALLY.with(|t| *t.borrow_mut().entry(what).or_default() += 1);
    #[cfg(not(any(test, feature = "cross-check")))]
    let _ = what;
}

/// This thread's counts since [`reset_layout_tally`]: `hit` (read by a layout), `miss: …` (why
/// a file went the full way), `learn: …` (why a full read left no layout) and `learned`. Empty
/// unless built with the `cross-check` feature (or for this crate's tests).
pub fn layout_tally() -> BTreeMap<&'static str, usize> {
    #[cfg(any(test, feature = "cross-check"))]
    return TALLY.with(|t| t.borrow().clone());
    #[cfg(not(any(test, feature = "cross-check")))]
    BTreeMap::new()
}

/// Starts this thread's counts afresh.
pub fn reset_layout_tally() {
    #[cfg(any(test, feature = "cross-check"))]
    TALLY.with(|t| t.borrow_mut().clear());
}
