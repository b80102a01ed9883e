//! `Config` from `site.toml`: strict (unknown keys are errors with their line).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Diagnostic, Error, Result};

pub const CONFIG_FILE: &str = "site.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    base_url: Option<String>,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default)]
    author: Option<String>,
    #[serde(default = "default_output_dir")]
    output_dir: String,
    #[serde(default = "default_articles_per_page")]
    articles_per_page: usize,
}

fn default_language() -> String {
    "en".to_string()
}

fn default_output_dir() -> String {
    "public".to_string()
}

fn default_articles_per_page() -> usize {
    20
}

/// Where the site lives on the web: a scheme and host (optional) and a path that ends in `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://example.org` with no trailing slash, or empty when the host is not known.
    pub origin: String,
    /// `/` or `/news/`: always starts and ends with a slash.
    pub path: String,
}

impl BaseUrl {
    /// Parses `https://host/sub/` or a bare path such as `/sub/`.
    pub fn parse(input: &str) -> Result<BaseUrl, String> {
        let input = input.trim();
        let (origin, path) = if let Some(rest) = input
            .strip_prefix("https://")
            .map(|r| ("https://", r))
            .or_else(|| input.strip_prefix("http://").map(|r| ("http://", r)))
        {
            let (scheme, rest) = rest;
            let (host, path) = match rest.find('/') {
                Some(i) => (&rest[..i], &rest[i..]),
                None => (rest, "/"),
            };
            if host.is_empty() || host.contains(['?', '#', ' ']) {
                return Err(format!("`{input}` has no valid host"));
            }
            (format!("{scheme}{host}"), path.to_string())
        } else if input.starts_with('/') || input.is_empty() {
            (String::new(), input.to_string())
        } else {
            return Err(format!(
                "`{input}` is neither an http(s) URL nor a path starting with `/`"
            ));
        };
        if path.contains(['?', '#']) {
            return Err(format!("`{input}` must not have a query or fragment"));
        }
        let mut path = path;
        if !path.starts_with('/') {
            path.insert(0, '/');
        }
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl { origin, path })
    }

    /// The absolute URL of a site-relative path such as `articles/x/`.
    pub fn absolute(&self, site_path: &str) -> String {
        // Made for every link of every feed: `concat` sizes the string once (`format!` does not).
        [self.origin.as_str(), &self.path, site_path].concat()
    }
}

impl Default for BaseUrl {
    fn default() -> Self {
        BaseUrl {
            origin: String::new(),
            path: "/".to_string(),
        }
    }
}

/// The site's settings, after `site.toml` and command-line overrides.
#[derive(Debug, Clone)]
pub struct Config {
    pub root: PathBuf,
    pub title: String,
    pub description: String,
    pub base_url: BaseUrl,
    pub language: String,
    pub author: Option<String>,
    pub output_dir: PathBuf,
    pub articles_per_page: usize,
}

/// What the command line may override.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub output_dir: Option<PathBuf>,
    pub base_url: Option<String>,
}

impl Config {
    /// Reads `<root>/site.toml`, applying overrides; every problem comes back with its line.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Config> {
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::Usage(format!(
                    "no {CONFIG_FILE} in {}\n  hint: run gazette inside a site folder, or pass --root DIR",
                    root.display()
                )));
            }
            Err(e) => return Err(Error::io(path, e)),
        };
        Config::from_str(root, &text, overrides)
    }

    pub fn from_str(root: &Path, text: &str, overrides: &Overrides) -> Result<Config> {
        let shown = Path::new(CONFIG_FILE);
        let file: ConfigFile = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            Error::Diagnostics(vec![
                Diagnostic::error_at(shown, text, offset, e.message().trim().to_string())
                    .with_hint(config_hint(e.message())),
            ])
        })?;
        let ConfigFile {
            title,
            description,
            base_url,
            language,
            author,
            output_dir,
            articles_per_page,
        } = file;
        let mut problems = Vec::new();
        let locate =
            |key: &str| crate::content::frontmatter::locate_key(text, key).unwrap_or((1, 1));
        let base_url_text = overrides.base_url.clone().or(base_url);
        let base_url = match base_url_text.as_deref().map(BaseUrl::parse) {
            None => BaseUrl::default(),
            Some(Ok(url)) => url,
            Some(Err(why)) => {
                let (line, column) = if overrides.base_url.is_some() {
                    (1, 1)
                } else {
                    locate("base_url")
                };
                let shown = if overrides.base_url.is_some() {
                    Path::new("--base-url")
                } else {
                    shown
                };
                problems.push(
                    Diagnostic::error(shown, line, column, format!("bad base_url: {why}"))
                        .with_hint("write it as base_url = \"https://example.org/news/\""),
                );
                BaseUrl::default()
            }
        };
        if articles_per_page == 0 {
            let (line, column) = locate("articles_per_page");
            problems.push(
                Diagnostic::error(shown, line, column, "articles_per_page must be at least 1")
                    .with_hint("articles_per_page = 20"),
            );
        }
        if title.trim().is_empty() {
            let (line, column) = locate("title");
            problems.push(
                Diagnostic::error(shown, line, column, "title is empty")
                    .with_hint("title = \"The Daily Brief\""),
            );
        }
        if !problems.is_empty() {
            return Err(Error::Diagnostics(problems));
        }
        let output_dir = overrides
            .output_dir
            .clone()
            .unwrap_or_else(|| root.join(output_dir));
        Ok(Config {
            root: root.to_path_buf(),
            title,
            description,
            base_url,
            language,
            author,
            output_dir,
            articles_per_page,
        })
    }
}

fn config_hint(message: &str) -> String {
    if message.contains("unknown field") {
        "site.toml knows: title, description, base_url, language, author, output_dir, articles_per_page"
            .to_string()
    } else if message.contains("missing field `title`") {
        "add title = \"Your site's name\"".to_string()
    } else {
        "see the configuration reference in README.md".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Config> {
        Config::from_str(Path::new("/site"), text, &Overrides::default())
    }

    #[test]
    fn base_url_keeps_subpath() {
        let url = BaseUrl::parse("https://example.org/news").unwrap();
        assert_eq!(url.origin, "https://example.org");
        assert_eq!(url.path, "/news/");
        assert_eq!(
            url.absolute("articles/a/"),
            "https://example.org/news/articles/a/"
        );
        assert_eq!(BaseUrl::parse("https://example.org").unwrap().path, "/");
        assert!(BaseUrl::parse("example.org").is_err());
    }

    #[test]
    fn unknown_key_is_an_error_with_its_line() {
        let Err(Error::Diagnostics(d)) = load("title = \"x\"\n\ntitel = \"y\"\n") else {
            panic!("expected an error");
        };
        assert_eq!((d[0].line, d[0].column), (3, 1));
        assert!(
            d[0].message.contains("unknown field `titel`"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn defaults_apply() {
        let config = load("title = \"T\"").unwrap();
        assert_eq!(config.articles_per_page, 20);
        assert_eq!(config.output_dir, Path::new("/site/public"));
        assert_eq!(config.language, "en");
    }
}
