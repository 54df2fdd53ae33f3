#!/usr/bin/env python3
"""Save-to-verdict in watch mode, against bare cargo on the same change.

A save of a fixed exercise (in place, and by write-to-temp-then-rename) is timed until
watch mode's plain output says `passed NAME`. The baseline makes the same change in its own
copy of the course (its own target directory, so neither invalidates the other's cache)
and runs `cargo build --bin NAME` + the program (run mode) or `cargo test --bin NAME`
(test mode). Runner and baseline alternate, so machine noise hits both alike.

Usage: python3 bench/watch_save.py [ROUNDS]   (default 15; prints medians and ratios)
"""

import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 15

INFO = """format_version = 1
title = "bench"

[[stages]]
id = "one"
title = "One"

[[stages.exercises]]
name = "ping"
mode = "run"
hints = ["h"]
expected_output = "pong"

[[stages.exercises]]
name = "adder"
hints = ["h"]
"""

PING = """fn main() {{
    let round = std::hint::black_box({n});
    let _ = round;
    println!("pong");
}}
"""

ADDER = """fn add(a: u32, b: u32) -> u32 {{
    std::hint::black_box({n});
    a + b
}}

fn main() {{
    println!("{{}}", add(1, 2));
}}

#[cfg(test)]
mod tests {{
    #[test]
    fn adds() {{
        assert_eq!(super::add(2, 2), 4);
    }}

    #[test]
    fn adds_zero() {{
        assert_eq!(super::add(0, 7), 7);
    }}
}}
"""


def cargo():
    found = shutil.which("cargo")
    try:
        out = subprocess.run(["rustup", "which", "cargo"], capture_output=True, text=True)
        if out.returncode == 0 and out.stdout.strip():
            found = out.stdout.strip()
    except FileNotFoundError:
        pass
    return found


def make_course(path, binary):
    os.makedirs(os.path.join(path, "exercises", "one"))
    os.makedirs(os.path.join(path, "solutions", "one"))
    with open(os.path.join(path, "info.toml"), "w") as f:
        f.write(INFO)
    for name, text in (("ping", PING), ("adder", ADDER)):
        for top in ("exercises", "solutions"):
            with open(os.path.join(path, top, "one", name + ".rs"), "w") as f:
                f.write(text.format(n=0))
    subprocess.run([binary, "--course", path, "dev", "sync"], check=True, capture_output=True)
    # Everything is done already, so a pass does not move on to check another exercise.
    with open(os.path.join(path, ".backlings-state.toml"), "w") as f:
        f.write('format_version = 1\ncurrent = "ping"\ndone = ["ping", "adder"]\nwelcomed = true\n')


def write_in_place(path, text):
    with open(path, "w") as f:
        f.write(text)


def write_by_rename(path, text):
    temp = path + ".tmp~"
    with open(temp, "w") as f:
        f.write(text)
    os.replace(temp, path)


class Watch:
    def __init__(self, binary, course, env):
        self.proc = subprocess.Popen(
            [binary, "--course", course, "watch"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.strip())

    def wait_for(self, wanted, timeout=120):
        deadline = time.monotonic() + timeout
        while True:
            line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            if line == wanted:
                return
            if line.startswith("failed "):
                raise SystemExit(f"unexpected {line!r} while waiting for {wanted!r}")

    def drain(self):
        while not self.lines.empty():
            self.lines.get_nowait()

    def stop(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def main():
    work = tempfile.mkdtemp(prefix="backlings-bench-")
    try:
        target = os.environ.get("BENCH_TARGET_DIR", os.path.join(work, "runner-target"))
        subprocess.run(
            [cargo(), "build", "--release", "-q", "--manifest-path", os.path.join(ROOT, "Cargo.toml"),
             "--target-dir", target],
            check=True,
        )
        binary = os.path.join(target, "release", "backlings")
        env = dict(os.environ, CARGO=cargo())
        env.pop("CARGO_TARGET_DIR", None)
        runner_course = os.path.join(work, "runner")
        base_course = os.path.join(work, "baseline")
        make_course(runner_course, binary)
        make_course(base_course, binary)

        # Warm both: dependencies and incremental state exist before timing starts.
        subprocess.run([cargo(), "build", "-q", "--bin", "ping"], cwd=base_course, env=env, check=True)
        subprocess.run([cargo(), "test", "-q", "--no-run", "--bin", "adder"], cwd=base_course, env=env,
                       check=True, capture_output=True)
        watch = Watch(binary, runner_course, env)
        watch.wait_for("passed ping")

        times = {key: [] for key in ("run/in place", "run/rename", "run/cargo",
                                     "test/in place", "test/rename", "test/cargo")}
        counter = 1
        for _ in range(ROUNDS):
            for mode, name, text in (("run", "ping", PING), ("test", "adder", ADDER)):
                for how, write in (("in place", write_in_place), ("rename", write_by_rename)):
                    counter += 1
                    watch.drain()
                    path = os.path.join(runner_course, "exercises", "one", name + ".rs")
                    started = time.monotonic()
                    write(path, text.format(n=counter))
                    watch.wait_for(f"passed {name}")
                    times[f"{mode}/{how}"].append(time.monotonic() - started)

                    counter += 1
                    path = os.path.join(base_course, "exercises", "one", name + ".rs")
                    started = time.monotonic()
                    write_in_place(path, text.format(n=counter))
                    if mode == "run":
                        subprocess.run([cargo(), "build", "-q", "--bin", name], cwd=base_course,
                                       env=env, check=True)
                        out = subprocess.run([os.path.join(base_course, "target", "debug", name)],
                                             capture_output=True, text=True, check=True)
                        assert out.stdout.strip() == "pong"
                    else:
                        subprocess.run([cargo(), "test", "-q", "--bin", name], cwd=base_course,
                                       env=env, check=True, capture_output=True)
                    times[f"{mode}/cargo"].append(time.monotonic() - started)
        watch.stop()

        def median_ms(key):
            return statistics.median(times[key]) * 1000

        print(f"save-to-verdict, median of {ROUNDS} saves each (ms)")
        print(f"{'exercise':<10}{'save':<10}{'backlings':>10}{'bare cargo':>12}{'ratio':>8}")
        for mode in ("run", "test"):
            base = median_ms(f"{mode}/cargo")
            for how in ("in place", "rename"):
                ours = median_ms(f"{mode}/{how}")
                print(f"{mode:<10}{how:<10}{ours:>10.0f}{base:>12.0f}{ours / base:>8.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
