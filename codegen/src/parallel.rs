//! Formatting generated modules on every core. Parsing the emitted tokens
//! with syn and printing them with prettyplease are most of the generator's
//! time (BENCHMARKS.md), and each schema's module is independent of the
//! others, so each is formatted on its own thread; the results come back
//! in the modules' order, so output does not depend on scheduling.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::ir::Module;

/// `format(module)` for every module, on up to one thread per core.
pub(crate) fn map_modules<F>(modules: &[Module], format: F) -> Result<Vec<String>, String>
where
    F: Fn(&Module) -> Result<String, String> + Sync,
{
    let workers = std::thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(modules.len());
    if workers <= 1 {
        return modules.iter().map(&format).collect();
    }
    // Largest first, so the last module to finish is a small one.
    let mut order: Vec<usize> = (0..modules.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(modules[i].types.len()));
    let next = AtomicUsize::new(0);
    let finished = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                        done.push((i, format(&modules[i])));
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join())
            .collect::<Vec<_>>()
    });
    let mut texts: Vec<Option<String>> = (0..modules.len()).map(|_| None).collect();
    for done in finished {
        let done = done.map_err(|_| "a formatting thread panicked".to_string())?;
        for (i, text) in done {
            texts[i] = Some(text?);
        }
    }
    texts
        .into_iter()
        .map(|text| text.ok_or_else(|| "a module was not formatted".to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_text;

    /// A schema of `members` string members, each its own definition.
    fn module(id: &str, members: usize) -> Module {
        let properties: Vec<String> = (0..members)
            .map(|i| {
                format!(r#""m{i}":{{"type":"object","properties":{{"s":{{"type":"string"}}}}}}"#)
            })
            .collect();
        let text = format!(
            r#"{{"type":"object","properties":{{{}}}}}"#,
            properties.join(",")
        );
        load_text(id, "test.schema.json", &text).expect("loads")
    }

    #[test]
    fn results_come_back_in_the_modules_order_whatever_finishes_first() {
        // Sizes out of order, so the largest-first schedule differs from it.
        let modules: Vec<Module> = [1, 9, 3, 12, 0, 5]
            .iter()
            .enumerate()
            .map(|(i, &members)| module(&format!("p/m{i}"), members))
            .collect();
        let texts =
            map_modules(&modules, |m| Ok(format!("{}:{}", m.id, m.types.len()))).expect("formats");
        let expected: Vec<String> = modules
            .iter()
            .map(|m| format!("{}:{}", m.id, m.types.len()))
            .collect();
        assert_eq!(texts, expected);
    }

    #[test]
    fn an_error_in_any_module_is_returned() {
        let modules: Vec<Module> = (0..4).map(|i| module(&format!("p/m{i}"), i)).collect();
        let result = map_modules(&modules, |m| {
            if m.id == "p/m2" {
                Err(format!("{} failed", m.id))
            } else {
                Ok(String::new())
            }
        });
        assert_eq!(result, Err("p/m2 failed".to_string()));
    }
}
