//! Embeds the bundled course's shipped exercise files, so that `backlings reset` can restore
//! them and the runner knows which tests each one declares, even after the learner's edits.
//!
//! The files are taken from git's committed version when the build runs in a checkout, and
//! from the working tree otherwise. The build reruns only when `info.toml` changes (a new
//! version of the course), never because a learner edited an exercise.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

fn main() {
    println!("cargo::rerun-if-changed=info.toml");
    println!("cargo::rerun-if-changed=build.rs");
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".to_owned());
    let root = Path::new(&root);
    let info = std::fs::read_to_string(root.join("info.toml")).unwrap_or_default();
    let mut files = working_tree_files(root);
    for (path, text) in committed_files(root) {
        files.insert(path, text);
    }
    let mut out = String::new();
    let _ = writeln!(out, "pub const INFO_TOML: &str = {info:?};");
    let _ = writeln!(out, "pub const EXERCISES: &[(&str, &str)] = &[");
    for (path, text) in &files {
        let _ = writeln!(out, "    ({path:?}, {text:?}),");
    }
    let _ = writeln!(out, "];");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    std::fs::write(Path::new(&out_dir).join("bundled.rs"), out)
        .expect("the build script can write to OUT_DIR");
}

/// `exercises/<dir>/<name>.rs` as they are on disk.
fn working_tree_files(root: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    let Ok(stages) = std::fs::read_dir(root.join("exercises")) else {
        return files;
    };
    for stage in stages.flatten() {
        let Ok(entries) = std::fs::read_dir(stage.path()) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "rs")
                && let (Some(dir), Some(file)) =
                    (stage.file_name().to_str(), entry.file_name().to_str())
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                files.insert(format!("exercises/{dir}/{file}"), text);
            }
        }
    }
    files
}

/// The committed `exercises/**.rs`, read with two git processes; empty outside a checkout.
fn committed_files(root: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    let Ok(listing) = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["ls-tree", "-r", "HEAD", "--", "exercises"])
        .stderr(Stdio::null())
        .output()
    else {
        return files;
    };
    if !listing.status.success() {
        return files;
    }
    let listing = String::from_utf8_lossy(&listing.stdout);
    let blobs: Vec<(&str, &str)> = listing
        .lines()
        .filter_map(|line| {
            let (meta, path) = line.split_once('\t')?;
            let id = meta.split_whitespace().nth(2)?;
            path.ends_with(".rs").then_some((id, path))
        })
        .collect();
    if blobs.is_empty() {
        return files;
    }
    let Ok(mut child) = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
    else {
        return files;
    };
    if let Some(mut stdin) = child.stdin.take() {
        let request: String = blobs.iter().map(|(id, _)| format!("{id}\n")).collect();
        let _ = stdin.write_all(request.as_bytes());
    }
    let Ok(output) = child.wait_with_output() else {
        return files;
    };
    let mut rest = output.stdout.as_slice();
    for (_, path) in blobs {
        // Each answer: "<id> blob <size>\n<content>\n".
        let Some(newline) = rest.iter().position(|b| *b == b'\n') else {
            break;
        };
        let header = String::from_utf8_lossy(&rest[..newline]).into_owned();
        let Some(size) = header
            .split_whitespace()
            .nth(2)
            .and_then(|s| s.parse::<usize>().ok())
        else {
            break;
        };
        let start = newline + 1;
        let Some(content) = rest.get(start..start + size) else {
            break;
        };
        files.insert(
            path.to_owned(),
            String::from_utf8_lossy(content).into_owned(),
        );
        rest = rest.get(start + size + 1..).unwrap_or_default();
    }
    files
}
