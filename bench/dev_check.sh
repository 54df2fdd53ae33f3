#!/usr/bin/env bash
# How long does `backlings dev check` take on a whole course, next to checking the same
# exercises one cargo invocation at a time?
#
# A benchmark, not a test: it prints medians (ms) and ratios, and fails only if something
# it runs fails (or the generated course is not what it should be).
#
# The course: 90 std-only exercises (run and test mode, some with mutants), each failing as
# shipped (a failing test, a compile error, wrong output, a panic) and each with a solution
# that passes. Measured cold (no target/) and warm (nothing changed):
#
#   backlings   `backlings dev check`: all exercises in one cargo invocation, all solutions
#               in one more, then every artifact run and judged;
#   one by one  for each exercise, `cargo test --bin NAME` (test mode) or `cargo build --bin
#               NAME` and running it (run mode), expecting it to fail; then the same for each
#               solution in a scratch copy of the course whose exercise files are the
#               solutions, expecting it to pass.
#
# Usage: bench/dev_check.sh        (from anywhere; takes several minutes)
#
# Environment:
#   BENCH_TARGET_DIR  where the runner is built (default: inside the temp dir, so each run
#                     builds it afresh; point it at a lasting directory to reuse the build)
#   CARGO             the cargo both sides use (default: the toolchain's own cargo from
#                     `rustup which cargo`, else `cargo` on PATH)
#   EXERCISES         exercises in the course (default 90)
#   COLD_RUNS         timed cold runs of each side (default 3)
#   WARM_RUNS         timed warm runs of each side (default 5)
set -euo pipefail

EXERCISES=${EXERCISES:-90}
COLD_RUNS=${COLD_RUNS:-3}
WARM_RUNS=${WARM_RUNS:-5}

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/backlings-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

# One cargo for both sides: the runner calls $CARGO when it is set.
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
# setting would make every failing test and panic pay for symbolication, on both sides.
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR RUST_BACKTRACE

say() { printf '%s\n' "$*" >&2; }

# --- helpers ---------------------------------------------------------------------------

# timeit DIR LOG CMD ARGS...: runs the command in DIR and prints its wall time in ms; if it
# fails, shows the end of its output and exits.
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

# The solutions; @NAME@ is the exercise's name.
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
}
EOF
)
RUN_EXPECTED='2 headers, host example.com'

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
    println!("{:?}", parse_request_line("GET / HTTP/1.1"));
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

# replace TEXT OLD NEW: TEXT with the literal OLD replaced (once); fails if OLD is absent.
replace() {
    [[ $1 == *"$2"* ]] || { say "generator: '$2' not found"; exit 1; }
    printf '%s\n' "${1/"$2"/"$3"}"
}

# make_course DIR COUNT PER_STAGE: the course, its workspace (`dev sync`), and LIST, one
# line per exercise: NAME<TAB>MODE<TAB>EXPECTED_OUTPUT.
make_course() {
    local dir=$1 count=$2 per_stage=$3 i stage sdir name solution exercise expected
    mkdir -p "$dir"
    printf 'format_version = 1\ntitle = "bench"\n' >"$dir/info.toml"
    : >"$TMP/list"
    for ((i = 1; i <= count; i++)); do
        stage=$(( (i - 1) / per_stage + 1 ))
        sdir=$(printf '%02d_s%d' "$stage" "$stage")
        if (( (i - 1) % per_stage == 0 )); then
            printf '\n[[stages]]\nid = "s%d"\ntitle = "Stage %d"\ndir = "%s"\n' \
                "$stage" "$stage" "$sdir" >>"$dir/info.toml"
            mkdir -p "$dir/exercises/$sdir" "$dir/solutions/$sdir"
        fi
        expected=
        case $(( i % 4 )) in
        1 | 2)
            name=$(printf 'request_line%03d' "$i")
            solution=${TEST_SRC//@NAME@/$name}
            if (( i % 4 == 1 )); then  # a failing test
                exercise=$(replace "$solution" 'Some((method, path, version))' \
                    'Some((method, path, path))')
            else                       # a compile error
                exercise=$(replace "$solution" 'let version = parts' 'let version: u32 = parts')
            fi
            printf '\n[[stages.exercises]]\nname = "%s"\nhints = ["Split on spaces."]\n' \
                "$name" >>"$dir/info.toml"
            if (( i % 8 == 1 || i % 8 == 2 )); then
                printf 'mutants = ["accept_relative"]\n' >>"$dir/info.toml"
            fi
            printf '%s\t%s\t\n' "$name" test >>"$TMP/list"
            ;;
        3)  # wrong output
            name=$(printf 'headers%03d' "$i")
            solution=${RUN_SRC//@NAME@/$name}
            exercise=$(replace "$solution" '.skip(1)' '.skip(1).take(1)')
            expected=$RUN_EXPECTED
            printf '\n[[stages.exercises]]\nname = "%s"\nmode = "run"\nhints = ["Read every header."]\nexpected_output = "%s"\n' \
                "$name" "$expected" >>"$dir/info.toml"
            printf '%s\t%s\t%s\n' "$name" run "$expected" >>"$TMP/list"
            ;;
        0)  # a panic
            name=$(printf 'headers%03d' "$i")
            solution=${RUN_SRC//@NAME@/$name}
            exercise=$(replace "$solution" '.to_ascii_lowercase()' '.to_owned()')
            printf '\n[[stages.exercises]]\nname = "%s"\nmode = "run"\nhints = ["Header names ignore case."]\n' \
                "$name" >>"$dir/info.toml"
            printf '%s\t%s\t\n' "$name" run >>"$TMP/list"
            ;;
        esac
        printf '%s\n' "$solution" >"$dir/solutions/$sdir/$name.rs"
        printf '%s\n' "$exercise" >"$dir/exercises/$sdir/$name.rs"
    done
    "$BACKLINGS" --course "$dir" dev sync >/dev/null
}

# The one-by-one check: each exercise of COURSE must fail, each exercise of SCRATCH (the
# solutions) must pass; one cargo invocation per exercise, then its program or tests.
cat >"$TMP/one_by_one.sh" <<'EOF'
set -uo pipefail
cargo=$1 course=$2 scratch=$3 list=$4
passes() { # DIR NAME MODE EXPECTED
    local dir=$1 name=$2 mode=$3 expected=$4 out
    if [[ $mode == test ]]; then
        "$cargo" test --manifest-path "$dir/Cargo.toml" --bin "$name" >/dev/null 2>&1
    else
        "$cargo" build --manifest-path "$dir/Cargo.toml" --bin "$name" >/dev/null 2>&1 || return 1
        out=$("$dir/target/debug/$name" 2>/dev/null </dev/null) || return 1
        [[ -z $expected || $out == "$expected" ]]
    fi
}
wrong=0
while IFS=$'\t' read -r name mode expected; do
    if passes "$course" "$name" "$mode" "$expected"; then
        echo "exercise $name passes as shipped"; wrong=$((wrong + 1))
    fi
done <"$list"
while IFS=$'\t' read -r name mode expected; do
    if ! passes "$scratch" "$name" "$mode" "$expected"; then
        echo "the solution of $name fails"; wrong=$((wrong + 1))
    fi
done <"$list"
exit $(( wrong > 0 ))
EOF

# --- the runner ------------------------------------------------------------------------

RUNNER_TARGET=${BENCH_TARGET_DIR:-$TMP/runner-target}
say "building the runner (release) into $RUNNER_TARGET ..."
"$CARGO" build --release --quiet --manifest-path "$REPO/Cargo.toml" --target-dir "$RUNNER_TARGET" \
    --bin backlings
BACKLINGS=$RUNNER_TARGET/release/backlings

# --- the course --------------------------------------------------------------------------

# Each side gets its own copy of the course (and the one-by-one side a scratch copy for the
# solutions), so neither builds in the other's target directory: the two sides pass cargo
# different flags and bin names, and a shared target directory would let one side's builds
# or lock disturb the other's "warm" state.
say "generating a course of $EXERCISES exercises ..."
make_course "$TMP/course" "$EXERCISES" 15
cp -R "$TMP/course" "$TMP/runner"
cp -R "$TMP/course" "$TMP/one"
cp -R "$TMP/course" "$TMP/scratch"
for stage in "$TMP"/scratch/solutions/*/; do
    cp "$stage"*.rs "$TMP/scratch/exercises/$(basename "$stage")/"
done

ONE_BY_ONE=(bash "$TMP/one_by_one.sh" "$CARGO" "$TMP/one" "$TMP/scratch" "$TMP/list")

# measure cold|warm RUNS: interleaved, the order alternating; sets RUNNER_MS and ONE_MS.
measure() {
    local kind=$1 runs=$2 runner_times=() one_times=() i r o
    for ((i = 1; i <= runs; i++)); do
        if [[ $kind == cold ]]; then
            rm -rf "$TMP/runner/target" "$TMP/one/target" "$TMP/scratch/target"
        fi
        if (( i % 2 )); then
            r=$(timeit "$TMP/runner" "$TMP/log" "$BACKLINGS" dev check)
            o=$(timeit "$TMP/one" "$TMP/log" "${ONE_BY_ONE[@]}")
        else
            o=$(timeit "$TMP/one" "$TMP/log" "${ONE_BY_ONE[@]}")
            r=$(timeit "$TMP/runner" "$TMP/log" "$BACKLINGS" dev check)
        fi
        runner_times+=("$r")
        one_times+=("$o")
        say "  $kind $i/$runs: backlings dev check $r ms, one by one $o ms"
    done
    RUNNER_MS=$(median "${runner_times[@]}")
    ONE_MS=$(median "${one_times[@]}")
}

say "cold, $COLD_RUNS runs each ..."
measure cold "$COLD_RUNS"
COLD_RUNNER=$RUNNER_MS COLD_ONE=$ONE_MS
# The warm runs start from the state the last cold runs left.
say "warm, $WARM_RUNS runs each ..."
measure warm "$WARM_RUNS"
WARM_RUNNER=$RUNNER_MS WARM_ONE=$ONE_MS

# --- the table -----------------------------------------------------------------------------

row() { printf '%-26s %12s %12s %8s\n' "$@"; }
echo
echo "backlings dev check benchmark: $("$CARGO" --version), $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') cores"
echo "$EXERCISES exercises (each failing as shipped) and their solutions; medians in ms"
row "" "dev check" "one by one" "ratio"
row "cold (n=$COLD_RUNS)" "$COLD_RUNNER" "$COLD_ONE" "$(ratio "$COLD_RUNNER" "$COLD_ONE")"
row "warm (n=$WARM_RUNS)" "$WARM_RUNNER" "$WARM_ONE" "$(ratio "$WARM_RUNNER" "$WARM_ONE")"
echo "one by one: per exercise, cargo test --bin NAME, or cargo build --bin NAME + running it;"
echo "the same for each solution in a scratch copy of the course"
