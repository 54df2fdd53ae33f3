#!/usr/bin/env bash
# How long does one check take with backlings, next to bare cargo doing the same work?
#
# A benchmark, not a test: it prints medians (ms) and ratios, and fails only if something
# it runs fails. The target: a single check within 1.3x of bare cargo.
#
#   a. a run-mode exercise: `backlings run NAME` after an edit that forces a recompile,
#      against `cargo build --bin NAME` + running target/debug/NAME after the same edit;
#   b. a test-mode exercise: `backlings run NAME` against `cargo test --bin NAME`;
#   c. `backlings verify` on a course of 60 solved std-only exercises (run and test mode,
#      some with mutants), cold (no target/) and warm (nothing changed), next to one bare
#      `cargo build` of the same targets (the build alone: no runs, no judging).
#
# Usage: bench/check.sh            (from anywhere; takes a few minutes)
#
# Environment:
#   BENCH_TARGET_DIR  where the runner is built (default: inside the temp dir, so each run
#                     builds it afresh; point it at a lasting directory to reuse the build)
#   CARGO             the cargo both sides use (default: the toolchain's own cargo from
#                     `rustup which cargo`, else `cargo` on PATH)
#   RUNS              timed runs for a and b (default 10)
#   VERIFY_COLD_RUNS  timed cold runs for c (default 3)
#   VERIFY_WARM_RUNS  timed warm runs for c (default 5)
#   VERIFY_EXERCISES  exercises in the course for c (default 60)
set -euo pipefail

RUNS=${RUNS:-10}
VERIFY_COLD_RUNS=${VERIFY_COLD_RUNS:-3}
VERIFY_WARM_RUNS=${VERIFY_WARM_RUNS:-5}
VERIFY_EXERCISES=${VERIFY_EXERCISES:-60}

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/backlings-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

# One cargo for both sides: the runner calls $CARGO when it is set, so give it the same
# binary the baseline calls. The toolchain's own cargo skips the rustup proxy.
if [[ -z "${CARGO:-}" ]]; then
    CARGO=$(rustup which cargo 2>/dev/null || command -v cargo)
fi
export CARGO
# The same for rustc: a cargo called past the rustup proxy does not pin the toolchain for
# the rustc it starts, so rustup's proxy would honour a dependency's own rust-toolchain.toml
# (convert_case ships one naming a toolchain that is not installed).
if [[ -z "${RUSTC:-}" ]]; then
    RUSTC=$(rustup which rustc 2>/dev/null || command -v rustc)
fi
export RUSTC
# A target dir from the environment would send every course's build elsewhere; a backtrace
# setting would make each failing test (a caught mutant) pay for symbolication.
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR RUST_BACKTRACE

say() { printf '%s\n' "$*" >&2; }

# --- helpers ---------------------------------------------------------------------------

# timeit DIR LOG CMD ARGS...: runs the command in DIR (through sh, the same for both sides)
# and prints its wall time in ms; if it fails, shows the end of its output and exits.
cat >"$TMP/timeit.py" <<'EOF'
import subprocess, sys, time
cwd, log, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(log, "wb") as out:
    start = time.perf_counter()
    status = subprocess.call(["/bin/sh", "-c", '"$@"', "sh", *cmd], cwd=cwd,
                             stdin=subprocess.DEVNULL, stdout=out, stderr=out)
    elapsed = time.perf_counter() - start
if status != 0:
    with open(log, "rb") as f:
        tail = f.read()[-4000:].decode("utf-8", "replace")
    sys.stderr.write(f"benchmark command failed (exit {status}) in {cwd}: {' '.join(cmd)}\n{tail}\n")
    sys.exit(1)
print(f"{elapsed * 1000:.1f}")
EOF
timeit() { python3 "$TMP/timeit.py" "$@"; }

median() { python3 -c 'import statistics, sys; print(f"{statistics.median(map(float, sys.argv[1:])):.0f}")' "$@"; }
ratio() { python3 -c 'import sys; a, b = map(float, sys.argv[1:]); print(f"{a / b:.2f}x")' "$1" "$2"; }

# The exercise sources. @N@ is the number an edit changes (in a string the program prints),
# @NAME@ the exercise's name.
RUN_SRC=$(cat <<'EOF'
// @NAME@: read the headers of a request.
use std::collections::BTreeMap;

fn parse_headers(raw: &str) -> BTreeMap<String, String> {
    raw.lines()
        .skip(1)
        .take_while(|line| !line.is_empty())
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect()
}

fn main() {
    let raw = "GET /items HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n";
    let headers = parse_headers(raw);
    println!("{} headers, host {}", headers.len(), headers["host"]);
    println!("build @N@");
}
EOF
)
RUN_EXPECTED='2 headers, host example.com
build 0'

TEST_SRC=$(cat <<'EOF'
// @NAME@: parse a request line.
fn mutant(name: &str) -> bool {
    std::env::var("BACKLINGS_MUTANT").is_ok_and(|m| m == name)
}

fn parse_request_line(line: &str) -> Option<(&str, &str, &str)> {
    let mut parts = line.split(' ');
    let method = parts.next()?;
    let path = parts.next()?;
    let version = parts.next()?;
    let relative = !path.starts_with('/') && !mutant("accept_relative");
    if parts.next().is_some() || relative || !version.starts_with("HTTP/") {
        return None;
    }
    Some((method, path, version))
}

fn main() {
    println!("build @N@: {:?}", parse_request_line("GET / HTTP/1.1"));
}

#[cfg(test)]
mod tests {
    use super::parse_request_line;

    #[test]
    fn parses_a_get() {
        assert_eq!(parse_request_line("GET /a HTTP/1.1"), Some(("GET", "/a", "HTTP/1.1")));
    }

    #[test]
    fn rejects_a_missing_version() {
        assert_eq!(parse_request_line("GET /a"), None);
    }

    #[test]
    fn rejects_a_relative_path() {
        assert_eq!(parse_request_line("GET a HTTP/1.1"), None);
    }
}
EOF
)

# source TEMPLATE NAME N: the template filled in.
source_of() {
    local text=${1//@NAME@/$2}
    printf '%s\n' "${text//@N@/$3}"
}

# make_course DIR COUNT PER_STAGE: a solved std-only course (exercise = solution). Every
# third exercise is run mode (every sixth with expected_output); every fourth test-mode
# exercise lists a mutant. Then `dev sync` writes its Cargo workspace.
make_course() {
    local dir=$1 count=$2 per_stage=$3 i stage name
    mkdir -p "$dir"
    printf 'format_version = 1\ntitle = "bench"\n' >"$dir/info.toml"
    for ((i = 1; i <= count; i++)); do
        stage=$(( (i - 1) / per_stage + 1 ))
        if (( (i - 1) % per_stage == 0 )); then
            printf '\n[[stages]]\nid = "s%d"\ntitle = "Stage %d"\ndir = "%02d_s%d"\n' \
                "$stage" "$stage" "$stage" "$stage" >>"$dir/info.toml"
            mkdir -p "$dir/exercises/$(printf '%02d_s%d' "$stage" "$stage")" \
                "$dir/solutions/$(printf '%02d_s%d' "$stage" "$stage")"
        fi
        local sdir
        sdir=$(printf '%02d_s%d' "$stage" "$stage")
        if (( i % 3 == 1 )); then
            name=$(printf 'headers%03d' "$i")
            printf '\n[[stages.exercises]]\nname = "%s"\nmode = "run"\nhints = ["Read the headers."]\n' \
                "$name" >>"$dir/info.toml"
            if (( i % 6 == 4 )); then
                printf 'expected_output = """\n%s"""\n' "$RUN_EXPECTED" >>"$dir/info.toml"
            fi
            source_of "$RUN_SRC" "$name" 0 >"$dir/exercises/$sdir/$name.rs"
        else
            name=$(printf 'request_line%03d' "$i")
            printf '\n[[stages.exercises]]\nname = "%s"\nhints = ["Split on spaces."]\n' \
                "$name" >>"$dir/info.toml"
            if (( i % 4 == 3 )); then
                printf 'mutants = ["accept_relative"]\n' >>"$dir/info.toml"
            fi
            source_of "$TEST_SRC" "$name" 0 >"$dir/exercises/$sdir/$name.rs"
        fi
        cp "$dir/exercises/$sdir/$name.rs" "$dir/solutions/$sdir/$name.rs"
    done
    "$BACKLINGS" --course "$dir" dev sync >/dev/null
}

# --- the runner ------------------------------------------------------------------------

RUNNER_TARGET=${BENCH_TARGET_DIR:-$TMP/runner-target}
say "building the runner (release) into $RUNNER_TARGET ..."
"$CARGO" build --release --quiet --manifest-path "$REPO/Cargo.toml" --target-dir "$RUNNER_TARGET" \
    --bin backlings
BACKLINGS=$RUNNER_TARGET/release/backlings

# --- a and b: one exercise after an edit -------------------------------------------------

# Each side gets its own copy of the course, so neither builds in the other's target
# directory. The runner passes flags bare cargo does not (`-p`, `--message-format`, the
# manifest path), and a shared target directory would let either side's fingerprints or
# lock disturb the other's next build: each measured build must be caused by the edit
# alone, on a cache warmed by the same side.
make_course "$TMP/small" 6 6
cp -R "$TMP/small" "$TMP/small-runner"
cp -R "$TMP/small" "$TMP/small-cargo"
RUN_NAME=headers001
TEST_NAME=request_line002
RUN_FILE=exercises/01_s1/$RUN_NAME.rs
TEST_FILE=exercises/01_s1/$TEST_NAME.rs

# bench_single LABEL NAME FILE TEMPLATE BASELINE...: RUNS interleaved pairs, the order
# alternating, each after writing the same new number into the exercise on both sides.
# Sets RUNNER_MS and CARGO_MS to the medians.
bench_single() {
    local label=$1 name=$2 file=$3 template=$4
    shift 4
    local runner_times=() cargo_times=() i n r c
    # Warm-up: the first build of each side is not what is measured.
    timeit "$TMP/small-runner" "$TMP/log" "$BACKLINGS" run "$name" >/dev/null
    timeit "$TMP/small-cargo" "$TMP/log" "$@" >/dev/null
    for ((i = 1; i <= RUNS; i++)); do
        n=$((1000 + i))
        source_of "$template" "$name" "$n" >"$TMP/small-runner/$file"
        source_of "$template" "$name" "$n" >"$TMP/small-cargo/$file"
        if (( i % 2 )); then
            r=$(timeit "$TMP/small-runner" "$TMP/log" "$BACKLINGS" run "$name")
            c=$(timeit "$TMP/small-cargo" "$TMP/log" "$@")
        else
            c=$(timeit "$TMP/small-cargo" "$TMP/log" "$@")
            r=$(timeit "$TMP/small-runner" "$TMP/log" "$BACKLINGS" run "$name")
        fi
        runner_times+=("$r")
        cargo_times+=("$c")
        say "  $label $i/$RUNS: backlings $r ms, cargo $c ms"
    done
    RUNNER_MS=$(median "${runner_times[@]}")
    CARGO_MS=$(median "${cargo_times[@]}")
}

say "a. run-mode exercise $RUN_NAME, $RUNS runs each ..."
# shellcheck disable=SC2016 # expanded by the inner sh
bench_single run "$RUN_NAME" "$RUN_FILE" "$RUN_SRC" \
    sh -c '"$1" build --bin "$2" && "./target/debug/$2"' sh "$CARGO" "$RUN_NAME"
A_RUNNER=$RUNNER_MS A_CARGO=$CARGO_MS

say "b. test-mode exercise $TEST_NAME, $RUNS runs each ..."
bench_single test "$TEST_NAME" "$TEST_FILE" "$TEST_SRC" "$CARGO" test --bin "$TEST_NAME"
B_RUNNER=$RUNNER_MS B_CARGO=$CARGO_MS

# --- c: verify a whole course ------------------------------------------------------------

say "c. verify on $VERIFY_EXERCISES exercises: $VERIFY_COLD_RUNS cold, $VERIFY_WARM_RUNS warm ..."
make_course "$TMP/big" "$VERIFY_EXERCISES" 15
cp -R "$TMP/big" "$TMP/big-runner"
cp -R "$TMP/big" "$TMP/big-cargo"
# The reference is the single build the runner itself asks for: every test harness in the
# workspace plus the run-mode programs, in one invocation.
BIG_BUILD=("$CARGO" build --keep-going --workspace --tests)
while read -r bin; do
    BIG_BUILD+=(--bin "$bin")
done < <(sed -n 's/^name = "\(headers[0-9]*\)"$/\1/p' "$TMP/big/info.toml")

verify_times() { # cold|warm RUNS: sets RUNNER_MS and CARGO_MS to the medians
    local kind=$1 runs=$2 runner_times=() cargo_times=() i r c
    for ((i = 1; i <= runs; i++)); do
        if [[ $kind == cold ]]; then rm -rf "$TMP/big-runner/target" "$TMP/big-cargo/target"; fi
        if (( i % 2 )); then
            r=$(timeit "$TMP/big-runner" "$TMP/log" "$BACKLINGS" verify)
            c=$(timeit "$TMP/big-cargo" "$TMP/log" "${BIG_BUILD[@]}")
        else
            c=$(timeit "$TMP/big-cargo" "$TMP/log" "${BIG_BUILD[@]}")
            r=$(timeit "$TMP/big-runner" "$TMP/log" "$BACKLINGS" verify)
        fi
        runner_times+=("$r")
        cargo_times+=("$c")
        say "  verify $kind $i/$runs: backlings $r ms, cargo build $c ms"
    done
    RUNNER_MS=$(median "${runner_times[@]}")
    CARGO_MS=$(median "${cargo_times[@]}")
}
verify_times cold "$VERIFY_COLD_RUNS"
C_COLD_RUNNER=$RUNNER_MS C_COLD_CARGO=$CARGO_MS
verify_times warm "$VERIFY_WARM_RUNS"
C_WARM_RUNNER=$RUNNER_MS C_WARM_CARGO=$CARGO_MS

# --- the table -----------------------------------------------------------------------------

row() { printf '%-40s %10s %10s %7s\n' "$@"; }
echo
echo "backlings check benchmark: $("$CARGO" --version), $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') cores"
echo "medians in ms; target for a single check: within 1.30x of bare cargo"
row "" "backlings" "cargo" "ratio"
row "a. run mode, after an edit (n=$RUNS)" "$A_RUNNER" "$A_CARGO" "$(ratio "$A_RUNNER" "$A_CARGO")"
row "b. test mode, after an edit (n=$RUNS)" "$B_RUNNER" "$B_CARGO" "$(ratio "$B_RUNNER" "$B_CARGO")"
row "c. verify $VERIFY_EXERCISES, cold (n=$VERIFY_COLD_RUNS)" \
    "$C_COLD_RUNNER" "$C_COLD_CARGO" "$(ratio "$C_COLD_RUNNER" "$C_COLD_CARGO")"
row "c. verify $VERIFY_EXERCISES, warm (n=$VERIFY_WARM_RUNS)" \
    "$C_WARM_RUNNER" "$C_WARM_CARGO" "$(ratio "$C_WARM_RUNNER" "$C_WARM_CARGO")"
echo "a: cargo build --bin NAME + target/debug/NAME; b: cargo test --bin NAME;"
echo "c: cargo build --keep-going --workspace --tests --bin <run-mode bins> (build only, no runs)"
