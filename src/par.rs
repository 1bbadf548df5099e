//! Work spread over every core: an order-keeping parallel map on native
//! targets (scoped threads taking the next item as each finishes one), a
//! plain map in WebAssembly (the page spreads work over workers instead);
//! and the process set-up the native builds run best with.

/// Turns transparent huge pages off for this process (Linux; elsewhere
/// nothing). The CLI's allocator (mimalloc) asks the kernel for them on its
/// memory, and every first touch of such memory, again after the allocator
/// gives it back, makes the kernel zero a whole 2 MB page: `clear_page_erms`
/// was 22% of `lede build`'s CPU time on the 26k scale corpus (perf), and
/// turning them off took the build from 23.5–25.1 s to 17.7–18.4 s
/// (BENCHMARKS.md, corpus-file). The flag holds for every mapping of the
/// process, also where the system's setting is `always`. Called first
/// thing by `lede` and the corpus-file benchmark.
pub fn without_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes no pointers; on failure (an older
    // kernel) nothing changes.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// `f` over `items`, results in the items' order. Each core takes the next
/// item when it is done with its last, so items of very different cost
/// (the stories of a corpus, a few large and many small) keep every core
/// busy to the end; the first items start first, one per core.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(items.len());
        if threads > 1 {
            let next = AtomicUsize::new(0);
            let (f, next) = (&f, &next);
            let mut done: Vec<(usize, R)> = std::thread::scope(|s| {
                let handles: Vec<_> = (0..threads)
                    .map(|_| {
                        s.spawn(move || {
                            let mut out = Vec::new();
                            loop {
                                let i = next.fetch_add(1, Ordering::Relaxed);
                                let Some(item) = items.get(i) else {
                                    return out;
                                };
                                out.push((i, f(item)));
                            }
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            });
            done.sort_unstable_by_key(|&(i, _)| i);
            return done.into_iter().map(|(_, r)| r).collect();
        }
    }
    items.iter().map(f).collect()
}

/// `a()` and `b()` at once, `a` on a thread of its own (one after the
/// other in WebAssembly); both results.
pub(crate) fn join<A: Send, B>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B) -> (A, B) {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::thread::scope(|s| {
            let ha = s.spawn(a);
            let rb = b();
            let ra = ha.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            (ra, rb)
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        (a(), b())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_order() {
        let v: Vec<u32> = (0..1000).collect();
        assert_eq!(
            super::map(&v, |x| x * 2),
            v.iter().map(|x| x * 2).collect::<Vec<_>>()
        );
        assert!(super::map(&[] as &[u32], |x| *x).is_empty());
    }

    #[test]
    fn join_gives_both() {
        let v: Vec<u32> = (0..100).collect();
        let (a, b) = super::join(|| v.iter().sum::<u32>(), || v.len());
        assert_eq!((a, b), (4950, 100));
    }
}
