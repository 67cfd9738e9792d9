//! What `dmforge validate` is asked to check: the command line's file
//! arguments expanded into payloads, in argument order. `-` is standard
//! input; a directory stands for every `*.json` file under it, recursively,
//! in sorted path order (so a run's output is the same on every machine).

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The name standard input is reported under.
pub const STDIN_NAME: &str = "<stdin>";

/// One payload to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file, as the user wrote it (or as found under a directory). The
    /// path is kept as the OS gave it, so a name that is not UTF-8 is still
    /// read; reports show it lossily.
    File(PathBuf),
    /// Standard input (`-`), read once.
    Stdin,
}

impl Input {
    /// The name reports use.
    #[must_use]
    pub fn name(&self) -> String {
        match self {
            Input::File(path) => path.to_string_lossy().into_owned(),
            Input::Stdin => STDIN_NAME.to_string(),
        }
    }
}

/// An argument that names nothing that can be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub argument: String,
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.argument, self.message)
    }
}

/// Expands the arguments: `-` at most once, directories into their `*.json`
/// files. A path that does not exist is kept as a file, so that it is
/// reported as unreadable in its place among the others.
pub fn expand(arguments: &[String]) -> Result<Vec<Input>, InputError> {
    let mut inputs = Vec::new();
    let mut stdin_seen = false;
    for argument in arguments {
        if argument == "-" {
            if stdin_seen {
                return Err(InputError {
                    argument: argument.clone(),
                    message: "standard input can be given only once".into(),
                });
            }
            stdin_seen = true;
            inputs.push(Input::Stdin);
            continue;
        }
        let path = Path::new(argument);
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found).map_err(|message| InputError {
                argument: argument.clone(),
                message,
            })?;
            found.sort();
            inputs.extend(found.into_iter().map(Input::File));
        } else {
            inputs.push(Input::File(PathBuf::from(argument)));
        }
    }
    Ok(inputs)
}

/// Every `*.json` file under `dir`. Symbolic links to directories are not
/// followed, so a link cycle cannot make the walk endless.
fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries =
        fs::read_dir(dir).map_err(|e| format!("cannot read folder {}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read folder {}: {e}", dir.display()))?;
        let path = entry.path();
        let file_type = entry
            .file_type()
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if file_type.is_dir() {
            walk(&path, found)?;
        } else if path.extension().is_some_and(|x| x == "json") {
            found.push(path);
        }
    }
    Ok(())
}

/// The bytes of standard input, all of it.
pub fn read_stdin() -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::io::stdin().lock().read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("dmforge-inputs-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("b/deeper")).expect("scratch folders");
        for file in ["b/deeper/z.json", "b/a.json", "b/notes.txt", "top.json"] {
            fs::write(dir.join(file), "{}").expect("scratch file");
        }
        dir
    }

    #[test]
    fn directories_expand_to_their_json_files_sorted_and_in_argument_order() {
        let dir = scratch("expand");
        let arguments = [
            dir.join("top.json").display().to_string(),
            dir.join("b").display().to_string(),
            "-".to_string(),
            "missing.json".to_string(),
        ];
        let names: Vec<String> = expand(&arguments)
            .expect("expands")
            .iter()
            .map(Input::name)
            .collect();
        let b = dir.join("b");
        assert_eq!(
            names,
            [
                dir.join("top.json").display().to_string(),
                b.join("a.json").display().to_string(),
                b.join("deeper/z.json").display().to_string(),
                STDIN_NAME.to_string(),
                "missing.json".to_string(),
            ]
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn stdin_only_once() {
        let error = expand(&["-".into(), "-".into()]).expect_err("twice");
        assert_eq!(error.message, "standard input can be given only once");
    }
}
