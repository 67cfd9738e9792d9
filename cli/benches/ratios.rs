//! The ratios the targets of issue #6 are about, measured so that a shared,
//! noisy machine cannot bias them: every contender of a case runs in short
//! batches (about 2 ms each), interleaved round-robin with the others and
//! with the baseline, for many rounds; a ratio is the median over rounds
//! of (contender's batch time / baseline's batch time in the same round),
//! with the interquartile range beside it. Load that comes and goes hits
//! both sides of each ratio alike.
//!
//! `cargo bench --bench ratios [-- FILTER]`; `DMFORGE_BENCH_ROUNDS` sets
//! the rounds (default 51). Prints a Markdown table.

mod common;

use std::time::{Duration, Instant};

use common::contenders::{all_errors, bulk, in_memory, messages, requests, unions, Case};

const BATCH: Duration = Duration::from_millis(2);

fn main() {
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let rounds = std::env::var("DMFORGE_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(51usize);
    let mut cases = messages();
    cases.extend(in_memory());
    cases.push(all_errors());
    cases.push(bulk(100_000));
    cases.extend(unions());
    cases.extend(requests());
    println!(
        "| case | contender | time per run | throughput | × baseline (median) | interquartile range | × dmforge (median) |"
    );
    println!("| --- | --- | ---: | ---: | ---: | --- | ---: |");
    for mut case in cases {
        if filter
            .as_ref()
            .is_some_and(|f| !case.name.contains(f.as_str()))
        {
            continue;
        }
        measure(&mut case, rounds);
    }
}

fn measure(case: &mut Case, rounds: usize) {
    let batches: Vec<u32> = case
        .contenders
        .iter_mut()
        .map(|c| calibrate(&mut c.run))
        .collect();
    let n = case.contenders.len();
    // Nanoseconds per run, per contender, per round.
    let mut samples = vec![Vec::with_capacity(rounds); n];
    for round in 0..rounds {
        for k in 0..n {
            let i = (k + round) % n;
            let run = &mut case.contenders[i].run;
            let start = Instant::now();
            for _ in 0..batches[i] {
                run();
            }
            samples[i].push(start.elapsed().as_nanos() as f64 / f64::from(batches[i]));
        }
    }
    let position = |name: &str| {
        case.contenders
            .iter()
            .position(|c| c.name == name)
            .unwrap_or_else(|| panic!("{name} is not a contender of {}", case.name))
    };
    let base = position(case.baseline);
    let ours = position("dmforge");
    for (i, contender) in case.contenders.iter().enumerate() {
        let mut ratios: Vec<f64> = (0..rounds)
            .map(|r| samples[i][r] / samples[base][r])
            .collect();
        let ns = median(&mut samples[i].clone());
        let throughput = match case.elements {
            Some(elements) => format!("{:.1} M destinations/s", elements as f64 / ns * 1e3),
            None if case.bytes > 0 => format!("{:.0} MB/s", case.bytes as f64 / ns * 1e3),
            None => String::new(),
        };
        let (q1, q3) = quartiles(&mut ratios);
        // How many times dmforge's time, round by round: the figure the
        // "n× faster than" targets are about.
        let mut versus_ours: Vec<f64> = (0..rounds)
            .map(|r| samples[i][r] / samples[ours][r])
            .collect();
        println!(
            "| {} | {} | {} | {} | {:.2} | {:.2} – {:.2} | {:.2} |",
            case.name,
            contender.name,
            show_ns(ns),
            throughput,
            median(&mut ratios),
            q1,
            q3,
            median(&mut versus_ours)
        );
    }
}

/// Runs per batch so that a batch takes about [`BATCH`].
fn calibrate(run: &mut dyn FnMut()) -> u32 {
    run(); // Warm caches and lazy statics.
    let mut count = 1u32;
    loop {
        let start = Instant::now();
        for _ in 0..count {
            run();
        }
        let elapsed = start.elapsed();
        if elapsed >= BATCH / 4 || count >= 1 << 24 {
            let per_run = elapsed.as_secs_f64() / f64::from(count);
            return ((BATCH.as_secs_f64() / per_run) as u32).max(1);
        }
        count *= 2;
    }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn quartiles(values: &mut [f64]) -> (f64, f64) {
    values.sort_by(f64::total_cmp);
    (values[values.len() / 4], values[values.len() * 3 / 4])
}

fn show_ns(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}
