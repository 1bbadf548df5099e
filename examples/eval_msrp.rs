//! Statement alignment as a paraphrase classifier on the Microsoft
//! Research Paraphrase Corpus (MSRP).
//!
//! The similarity features of `lede::analyze::align` are computed for every
//! pair (word statistics fitted on the train sentences only), a logistic
//! regression is fitted on train (Newton's method, small L2), the decision
//! threshold is tuned on train, and accuracy and F1 are reported on test,
//! for the fitted model and for the weights compiled into the crate.
//! Prints a Markdown section for BENCHMARKS.md and, with `--weights`, the
//! fitted weights as Rust source.
//!
//! ```text
//! cargo run --release --example eval_msrp [-- --weights]
//! ```

use lede::analyze::align::{probability, Scorer, FEATURES, NF, THRESHOLD};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpora/msrp");

struct Pair {
    label: bool,
    a: String,
    b: String,
}

fn load(name: &str) -> Vec<Pair> {
    let path = format!("{DIR}/{name}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() >= 5).then(|| Pair {
                label: f[0].trim_start_matches('\u{feff}') == "1",
                a: f[3].to_string(),
                b: f[4].to_string(),
            })
        })
        .collect()
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Logistic regression by Newton's method; returns NF weights + intercept.
fn fit(x: &[[f64; NF]], y: &[bool], l2: f64) -> Vec<f64> {
    let d = NF + 1;
    let mut w = vec![0.0; d];
    for _ in 0..50 {
        let mut g = vec![0.0; d];
        let mut h = vec![vec![0.0; d]; d];
        for (xi, &yi) in x.iter().zip(y) {
            let mut row: Vec<f64> = xi.to_vec();
            row.push(1.0);
            let z: f64 = row.iter().zip(&w).map(|(a, b)| a * b).sum();
            let p = sigmoid(z);
            let t = if yi { 1.0 } else { 0.0 };
            for i in 0..d {
                g[i] += (p - t) * row[i];
                for j in 0..d {
                    h[i][j] += p * (1.0 - p) * row[i] * row[j];
                }
            }
        }
        for i in 0..NF {
            g[i] += l2 * w[i];
            h[i][i] += l2;
        }
        for (i, hi) in h.iter_mut().enumerate() {
            hi[i] += 1e-9;
        }
        let step = solve(h, g);
        let mut delta = 0.0;
        for i in 0..d {
            w[i] -= step[i];
            delta += step[i].abs();
        }
        if delta < 1e-8 {
            break;
        }
    }
    w
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for c in 0..n {
        let p = (c..n)
            .max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))
            .unwrap_or(c);
        a.swap(c, p);
        b.swap(c, p);
        let piv = a[c][c];
        if piv.abs() < 1e-12 {
            continue;
        }
        for r in 0..n {
            if r != c {
                let f = a[r][c] / piv;
                let pivot_row = a[c].clone();
                for (x, p) in a[r][c..n].iter_mut().zip(&pivot_row[c..n]) {
                    *x -= f * p;
                }
                b[r] -= f * b[c];
            }
        }
    }
    (0..n)
        .map(|i| {
            if a[i][i].abs() < 1e-12 {
                0.0
            } else {
                b[i] / a[i][i]
            }
        })
        .collect()
}

fn predict(w: &[f64], x: &[f64; NF]) -> f64 {
    sigmoid(x.iter().zip(w).map(|(a, b)| a * b).sum::<f64>() + w[NF])
}

/// (accuracy, precision, recall, F1).
fn metrics(p: &[f64], y: &[bool], t: f64) -> (f64, f64, f64, f64) {
    let (mut tp, mut fp, mut fneg, mut ok) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    for (&pi, &yi) in p.iter().zip(y) {
        let pred = pi >= t;
        if pred == yi {
            ok += 1.0;
        }
        match (pred, yi) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, true) => fneg += 1.0,
            _ => {}
        }
    }
    let prec = tp / (tp + fp).max(1.0);
    let rec = tp / (tp + fneg).max(1.0);
    let f1 = if prec + rec > 0.0 {
        2.0 * prec * rec / (prec + rec)
    } else {
        0.0
    };
    (ok / y.len() as f64, prec, rec, f1)
}

fn best_threshold(p: &[f64], y: &[bool]) -> f64 {
    let mut best = (0.0, 0.5);
    for k in 10..90 {
        let t = k as f64 / 100.0;
        let acc = metrics(p, y, t).0;
        if acc > best.0 {
            best = (acc, t);
        }
    }
    best.1
}

fn main() {
    let print_weights = std::env::args().any(|a| a == "--weights");
    let start = std::time::Instant::now();
    let train = load("msr_paraphrase_train.txt");
    let test = load("msr_paraphrase_test.txt");
    let mut scorer = Scorer::new();
    scorer.fit(train.iter().flat_map(|p| [p.a.as_str(), p.b.as_str()]));
    let feats = |set: &[Pair], scorer: &mut Scorer| -> Vec<[f64; NF]> {
        set.iter()
            .map(|p| {
                let (a, b) = (scorer.passage(&p.a, 0), scorer.passage(&p.b, 0));
                scorer.features(&a, &b)
            })
            .collect()
    };
    let xtr = feats(&train, &mut scorer);
    let xte = feats(&test, &mut scorer);
    let ytr: Vec<bool> = train.iter().map(|p| p.label).collect();
    let yte: Vec<bool> = test.iter().map(|p| p.label).collect();
    let l2: f64 = std::env::var("L2")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1.0);
    let w = fit(&xtr, &ytr, l2);
    let ptr: Vec<f64> = xtr.iter().map(|x| predict(&w, x)).collect();
    let pte: Vec<f64> = xte.iter().map(|x| predict(&w, x)).collect();
    let t = best_threshold(&ptr, &ytr);
    let (acc, prec, rec, f1) = metrics(&pte, &yte, t);
    let (tr_acc, _, _, tr_f1) = metrics(&ptr, &ytr, t);
    // The weights compiled into the crate.
    let pc: Vec<f64> = xte.iter().map(probability).collect();
    let (c_acc, c_prec, c_rec, c_f1) = metrics(&pc, &yte, THRESHOLD);
    let majority = yte.iter().filter(|&&y| y).count() as f64 / yte.len() as f64;
    // Single-feature baseline: IDF-weighted overlap with a tuned threshold.
    let base_tr: Vec<f64> = xtr.iter().map(|x| x[0]).collect();
    let base_te: Vec<f64> = xte.iter().map(|x| x[0]).collect();
    let bt = best_threshold(&base_tr, &ytr);
    let (b_acc, _, _, b_f1) = metrics(&base_te, &yte, bt);
    if print_weights {
        let ws: Vec<String> = w.iter().map(|x| format!("{x:.4}")).collect();
        eprintln!(
            "pub const WEIGHTS: [f64; {}] = [{}];",
            NF + 1,
            ws.join(", ")
        );
        eprintln!("pub const THRESHOLD: f64 = {t:.2};");
    }
    println!("## Statement alignment as a paraphrase classifier (MSRP)\n");
    println!("Microsoft Research Paraphrase Corpus: {} train / {} test pairs; `cargo run --release --example eval_msrp`.", train.len(), test.len());
    println!("Word statistics (IDF) and the logistic regression are fitted on train only; the threshold is tuned on train.\n");
    println!("| model | test accuracy | precision | recall | F1 |");
    println!("|---|---|---|---|---|");
    println!(
        "| majority class (paraphrase) | {majority:.3} | {majority:.3} | 1.000 | {:.3} |",
        2.0 * majority / (1.0 + majority)
    );
    println!(
        "| IDF-weighted stem overlap alone (threshold {bt:.2}) | {b_acc:.3} | | | {b_f1:.3} |"
    );
    println!("| logistic regression, {NF} features, fitted now (threshold {t:.2}) | {acc:.3} | {prec:.3} | {rec:.3} | {f1:.3} |");
    println!("| compiled `align::WEIGHTS` (threshold {THRESHOLD:.2}) | {c_acc:.3} | {c_prec:.3} | {c_rec:.3} | {c_f1:.3} |");
    println!(
        "\nTrain accuracy {tr_acc:.3}, F1 {tr_f1:.3}. Features: {}. Run time {:.2} s.",
        FEATURES.join(", "),
        start.elapsed().as_secs_f64()
    );
}
