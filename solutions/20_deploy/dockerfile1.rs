// dockerfile1: a production container image
//
// The Dockerfile below works, and is a bad image: it ships the toolchain and the source
// (over 1 GB), compiles on every start (`cargo run`), runs as root, and lets `/bin/sh` get
// SIGTERM instead of the program. A production image:
// - builds in a first, named stage (`FROM rust:1.89 AS build`, `RUN cargo build --release`);
// - runs from a small image (`debian:bookworm-slim`) holding only the binary, copied with
//   `COPY --from=build /app/target/release/server /usr/local/bin/server`;
// - runs as a user who is not root (`RUN useradd --system app`, `USER app`), has a
//   `HEALTHCHECK ... CMD ...` (install curl: a slim image lacks it), and starts in exec form,
//   `CMD ["/usr/local/bin/server"]`, so the program is PID 1 and gets SIGTERM itself.

#[cfg(test)]
#[path = "support/dockerfile.rs"]
mod dockerfile;

pub const DOCKERFILE: &str = r#"
FROM rust:1.89 AS build
WORKDIR /app
COPY . .
RUN cargo build --release --locked --bin server

# The runtime stage: a small image, the binary, and no toolchain or source.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 app
COPY --from=build /app/target/release/server /usr/local/bin/server
USER app
ENV PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=2s --retries=3 CMD curl -fsS http://127.0.0.1:8080/livez || exit 1
CMD ["/usr/local/bin/server"]
"#;

fn main() {
    print!("{DOCKERFILE}");
}

// The tests below check your work (they read the text). You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_build_happens_in_its_own_named_stage() {
        let stages = dockerfile::parse(DOCKERFILE);
        let why = "a multi-stage build has two FROM lines at least: one to build, one to run";
        assert!(stages.len() >= 2, "{why}; found {}", stages.len());
        let ok = stages[0].name.is_some() && stages[0].has("RUN", &["cargo build", "--release"]);
        let why = "the first stage is named (`FROM rust:1.89 AS build`), so the final stage can \
                   copy from it, and compiles the binary: `RUN cargo build --release --locked`";
        assert!(ok, "{why}");
    }

    #[test]
    fn the_final_stage_gets_only_the_binary() {
        let stages = dockerfile::parse(DOCKERFILE);
        let (first, last) = (&stages[0], stages.last().unwrap());
        let why = "the final stage starts from a small runtime image, not the Rust toolchain";
        assert!(
            !last.image.starts_with("rust"),
            "{why}; it is {}",
            last.image
        );
        let from = format!("--from={} ", first.name.as_deref().unwrap_or("?"));
        let copies = last.has("COPY", &[&from, "target/release/"]);
        let cargo = last.has("RUN", &["cargo "]) || last.has("CMD", &["cargo "]);
        let why = "it copies the binary out of the build stage (`COPY --from=build \
                   /app/target/release/server /usr/local/bin/server`), and runs no cargo";
        assert!(copies && !cargo, "{why}");
    }

    #[test]
    fn it_runs_as_a_user_who_is_not_root_with_a_healthcheck_and_an_exec_form_cmd() {
        let stages = dockerfile::parse(DOCKERFILE);
        let last = stages.last().expect("a Dockerfile starts with FROM");
        let user = last.last_args("USER");
        let root = ["", "root", "0"].contains(&user.split(':').next().unwrap_or_default());
        let why = "the final stage sets a `USER` who is not root (`RUN useradd --system app`)";
        assert!(!root, "{why}; USER is {user:?}");
        let health = last.last_args("HEALTHCHECK");
        let why = "a `HEALTHCHECK ... CMD <command>` fails when the service does not answer";
        assert!(health.contains("CMD "), "{why}; got {health:?}");
        let start = last.last_args("CMD");
        let why = "start the program in exec form, `CMD [\"/usr/local/bin/server\"]`, so it is \
                   PID 1 and receives SIGTERM itself";
        assert!(start.starts_with('['), "{why}; got `{start}`");
    }
}
