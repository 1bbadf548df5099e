//! Work spread over every core: an order-keeping parallel map on native
//! targets (scoped threads, one contiguous share each), a plain map in
//! WebAssembly (the page spreads work over workers instead).

/// `f` over `items`, results in the items' order.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        if threads > 1 && items.len() > 1 {
            let share = items.len().div_ceil(threads);
            let f = &f;
            return std::thread::scope(|s| {
                let handles: Vec<_> = items
                    .chunks(share)
                    .map(|chunk| s.spawn(move || chunk.iter().map(f).collect::<Vec<R>>()))
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            });
        }
    }
    items.iter().map(f).collect()
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
}
