// dockerfile1: a production container image
//
// The Dockerfile below works, and is a bad image: it ships the whole Rust toolchain and the
// source (over 1 GB), compiles again on every start (`cargo run`), runs as root, and lets
// `/bin/sh` receive SIGTERM instead of the program. A production image:
//
// - builds in a first stage (`FROM rust:... AS build`, `RUN cargo build --release`);
// - starts a final stage from a small runtime image (`debian:bookworm-slim`, distroless)
//   and copies in only the binary: `COPY --from=build /app/target/release/server ...`;
// - runs as a user who is not root (`useradd`, then `USER app`): a bug in the program then
//   cannot take over the container;
// - has a `HEALTHCHECK ... CMD ...` (curl is not in a slim image: install it, or use a
//   `server healthcheck` mode);
// - starts the binary with an exec-form `CMD ["/usr/local/bin/server"]`: it becomes PID 1 and
//   gets the SIGTERM itself (the shell form `CMD server` runs it under `/bin/sh -c`).
//
// No container engine runs here: the tests read the text, stage by stage.

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

#[cfg(test)]
mod tests {
    use super::*;
    use dockerfile::{Stage, parse};

    fn stages() -> Vec<Stage> {
        let stages = parse(DOCKERFILE);
        assert!(!stages.is_empty(), "a Dockerfile starts with FROM");
        stages
    }

    fn runtime() -> Stage {
        stages().pop().unwrap()
    }

    #[test]
    fn the_build_happens_in_its_own_named_stage() {
        let stages = stages();
        assert!(
            stages.len() >= 2,
            "a multi-stage build has at least two FROM lines: one to build, one to run; found {}",
            stages.len()
        );
        let build = &stages[0];
        assert!(
            build.name.is_some(),
            "the first stage is named (`FROM {} AS build`) so the final stage can copy from it",
            build.image
        );
        let compiles = build
            .all("RUN")
            .iter()
            .any(|r| r.args.contains("cargo build") && r.args.contains("--release"));
        assert!(
            compiles,
            "the first stage compiles the release binary: `RUN cargo build --release --locked`"
        );
    }

    #[test]
    fn the_final_stage_gets_only_the_binary() {
        let (stages, last) = (stages(), runtime());
        assert!(
            !last.image.starts_with("rust"),
            "the final stage starts from a small runtime image, not `{}`: the toolchain is not needed to run the program",
            last.image
        );
        let build_name = stages[0].name.clone().unwrap_or_default();
        let copies = last.all("COPY").iter().any(|c| {
            c.args.contains(&format!("--from={build_name}")) && c.args.contains("target/release/")
        });
        assert!(
            copies,
            "the final stage copies the binary out of the build stage: `COPY --from={build_name} /app/target/release/server /usr/local/bin/server`"
        );
        let cargo = last.instructions.iter().find(|i| i.args.contains("cargo "));
        assert!(
            cargo.is_none(),
            "the final stage has no cargo: it runs the binary built in the first stage; line {:?}",
            cargo.map(|i| i.line)
        );
    }

    #[test]
    fn the_program_runs_as_a_user_who_is_not_root() {
        let user = runtime().last("USER").map(|u| u.args.clone());
        let Some(user) = user else {
            panic!(
                "the final stage sets a `USER`: without it the program runs as root inside the container"
            );
        };
        let name = user.split(':').next().unwrap_or_default();
        assert!(
            name != "root" && name != "0",
            "`USER {user}` is still root: create a user (`RUN useradd --system app`) and switch to it"
        );
    }

    #[test]
    fn it_has_a_healthcheck_and_starts_the_binary_in_exec_form() {
        let last = runtime();
        let health = last
            .last("HEALTHCHECK")
            .map(|h| h.args.clone())
            .unwrap_or_default();
        assert!(
            health.contains("CMD "),
            "the final stage has a `HEALTHCHECK ... CMD <command>` that fails when the service does not answer; got {health:?}"
        );
        let start = last
            .last("ENTRYPOINT")
            .or(last.last("CMD"))
            .map(|c| c.args.clone())
            .unwrap_or_default();
        assert!(
            start.starts_with('['),
            "start the program in exec form, `CMD [\"/usr/local/bin/server\"]`, so it is PID 1 and receives SIGTERM itself; got `{start}`"
        );
    }
}
