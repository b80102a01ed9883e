//! The editor's commands besides build and check: `init`, `new`, `import` and `speakers`.
//! They return what they did; the binary decides how to show it.

pub mod import;
pub mod init;
pub mod new;
pub mod speakers;

use std::path::Path;

use crate::error::Error;

/// What writing one file did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Created,
    /// A different file was there and `--force` replaced it.
    Replaced,
    /// The file was there with the very same bytes.
    Unchanged,
}

/// Why a command stopped.
#[derive(Debug)]
pub enum CommandError {
    /// Something in the way that the command will not touch, or an argument that cannot work;
    /// the user changes the command (often by adding `--force`). Exit status 2.
    Refused { message: String, hint: String },
    /// Problems in the site's files, or a file that cannot be read or written. Exit status 1.
    Failed(Error),
}

impl CommandError {
    pub fn refused(message: impl Into<String>, hint: impl Into<String>) -> Self {
        CommandError::Refused {
            message: message.into(),
            hint: hint.into(),
        }
    }
}

impl From<Error> for CommandError {
    fn from(error: Error) -> Self {
        CommandError::Failed(error)
    }
}

/// Writes `contents` to `path` (creating folders): an existing different file is replaced only
/// with `force`, else the caller gets `None` back and nothing is written.
pub fn write_file(path: &Path, contents: &str, force: bool) -> Result<Option<Written>, Error> {
    let written = match std::fs::read(path) {
        Ok(existing) if existing == contents.as_bytes() => return Ok(Some(Written::Unchanged)),
        Ok(_) if !force => return Ok(None),
        Ok(_) => Written::Replaced,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Written::Created,
        // A folder or an unreadable file in the way: name it rather than overwrite blindly.
        Err(e) => return Err(Error::io(path, e)),
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    std::fs::write(path, contents).map_err(|e| Error::io(path, e))?;
    Ok(Some(written))
}

/// Stops before touching a folder that is not a site (exit status 1, as `build` has it).
pub fn require_site(root: &Path) -> Result<(), CommandError> {
    let config = root.join(crate::config::CONFIG_FILE);
    if config.is_file() {
        return Ok(());
    }
    Err(CommandError::Failed(Error::Usage(format!(
        "no {} in {}\n  hint: run gazette inside a site folder, pass --root DIR, or start a site with gazette init DIR",
        crate::config::CONFIG_FILE,
        root.display()
    ))))
}

/// A TOML string literal, escaped as TOML wants.
pub fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Today's date where the editor is.
pub fn today() -> jiff::civil::Date {
    jiff::ZonedDateTime::now().date()
}
