//! Opening an exercise in the learner's editor (`--edit-cmd`) at its first `// TODO`.

use std::path::Path;

/// The program and arguments that open `file` at `line` with `command`.
///
/// `{file}` and `{line}` in the command are replaced (`"myedit --goto {line} {file}"`).
/// Without them the file is added at the end, in the form the editor takes a line in:
/// `+LINE FILE` for vi, Vim, Neovim, nano, Emacs, micro and kakoune; `-g FILE:LINE` for VS
/// Code and VSCodium; `FILE:LINE` for Sublime Text, Zed and Helix; the file alone for any
/// other editor or when the line is unknown. None for an empty command.
pub fn command(command: &str, file: &Path, line: Option<usize>) -> Option<(String, Vec<String>)> {
    let mut words = command.split_whitespace().map(str::to_owned);
    let program = words.next()?;
    let mut args: Vec<String> = words.collect();
    let file = file.display().to_string();
    if command.contains("{file}") {
        let line = line.unwrap_or(1).to_string();
        for arg in &mut args {
            *arg = arg.replace("{file}", &file).replace("{line}", &line);
        }
        return Some((program, args));
    }
    let name = Path::new(&program)
        .file_name()
        .map_or(program.clone(), |n| n.to_string_lossy().into_owned());
    match (line, name.as_str()) {
        (
            Some(line),
            "vi" | "vim" | "nvim" | "nano" | "emacs" | "emacsclient" | "micro" | "kak",
        ) => {
            args.push(format!("+{line}"));
            args.push(file);
        }
        (Some(line), "code" | "codium" | "code-insiders") => {
            args.push("-g".to_owned());
            args.push(format!("{file}:{line}"));
        }
        (Some(line), "subl" | "zed" | "hx" | "helix") => args.push(format!("{file}:{line}")),
        _ => args.push(file),
    }
    Some((program, args))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::command;

    fn args(cmd: &str, line: Option<usize>) -> Vec<String> {
        let (_, args) = command(cmd, Path::new("/c/ex.rs"), line).expect("a command");
        args
    }

    #[test]
    fn each_editor_gets_the_line_its_way() {
        assert_eq!(args("vim", Some(12)), ["+12", "/c/ex.rs"]);
        assert_eq!(args("/usr/bin/nvim -p", Some(3)), ["-p", "+3", "/c/ex.rs"]);
        assert_eq!(
            args("code --reuse-window", Some(7)),
            ["--reuse-window", "-g", "/c/ex.rs:7"]
        );
        assert_eq!(args("hx", Some(2)), ["/c/ex.rs:2"]);
        assert_eq!(args("gedit", Some(2)), ["/c/ex.rs"]);
        assert_eq!(args("vim", None), ["/c/ex.rs"]);
        assert_eq!(
            args("ed --at {line} {file}", Some(9)),
            ["--at", "9", "/c/ex.rs"]
        );
        assert!(command("   ", Path::new("x"), None).is_none());
    }
}
