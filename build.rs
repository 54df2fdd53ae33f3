//! Embeds the bundled course's shipped exercise files, so that `backlings reset` can restore
//! them and the runner knows which tests each one declares, even after the learner's edits.
//!
//! The files are taken from git's committed version when the build runs in a checkout, and
//! from the working tree otherwise. The build reruns when `info.toml` changes or a commit
//! lands (git's HEAD or the branch it names moves), never because a learner edited an
//! exercise: a learner's edit must not become the shipped version.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

fn main() {
    println!("cargo::rerun-if-changed=info.toml");
    println!("cargo::rerun-if-changed=build.rs");
    rerun_on_commit(Path::new(
        &std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default(),
    ));
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

/// Asks cargo to rerun this script when a commit lands: git's HEAD, the branch it names, and
/// the packed refs.
fn rerun_on_commit(root: &Path) {
    let git = root.join(".git");
    if !git.is_dir() {
        return;
    }
    // A path that does not exist would make cargo rerun the script on every build.
    let mut watched = vec![git.join("HEAD"), git.join("packed-refs")];
    if let Ok(head) = std::fs::read_to_string(git.join("HEAD"))
        && let Some(reference) = head.trim().strip_prefix("ref: ")
    {
        watched.push(git.join(reference));
    }
    for path in watched.into_iter().filter(|p| p.exists()) {
        println!("cargo::rerun-if-changed={}", path.display());
    }
}

/// `exercises/**/*.rs` (exercises and their stages' support files) as they are on disk.
fn working_tree_files(root: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    let mut pending = vec![(root.join("exercises"), "exercises".to_owned())];
    while let Some((dir, rel)) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                continue;
            };
            let child = format!("{rel}/{name}");
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                if name != "target" {
                    pending.push((path, child));
                }
            } else if path.extension().is_some_and(|e| e == "rs")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                files.insert(child, text);
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
