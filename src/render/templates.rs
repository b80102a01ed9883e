//! Tera setup: the default theme is embedded in the binary; a site's `templates/` overrides it
//! file by file. Template errors come back with the template's file, line and column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::{ErrorKind, Tera};
use walkdir::WalkDir;

use crate::content::is_ignored_name;
use crate::error::Diagnostic;

pub const TEMPLATES_DIR: &str = "templates";

/// The default theme's templates, by name.
pub const THEME_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    (
        "articles.html",
        include_str!("../../templates/articles.html"),
    ),
    ("topic.html", include_str!("../../templates/topic.html")),
    ("topics.html", include_str!("../../templates/topics.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("speaker.html", include_str!("../../templates/speaker.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("digest.html", include_str!("../../templates/digest.html")),
    ("digests.html", include_str!("../../templates/digests.html")),
    (
        "partials/digest_items.html",
        include_str!("../../templates/partials/digest_items.html"),
    ),
    (
        "speakers.html",
        include_str!("../../templates/speakers.html"),
    ),
    (
        "partials/article_list.html",
        include_str!("../../templates/partials/article_list.html"),
    ),
    (
        "partials/pagination.html",
        include_str!("../../templates/partials/pagination.html"),
    ),
];

/// Where a template's text came from, for error messages.
#[derive(Debug, Clone)]
pub struct TemplateSources {
    /// Template name → the path shown in messages.
    origins: BTreeMap<String, PathBuf>,
}

impl TemplateSources {
    pub fn path_of(&self, name: &str) -> PathBuf {
        self.origins
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(format!("<default theme>/{name}")))
    }
}

/// Reads the site's own templates (`templates/**/*.html|xml|txt|json`) by name.
fn site_templates(root: &Path) -> Result<Vec<(String, PathBuf, String)>, Vec<Diagnostic>> {
    let dir = root.join(TEMPLATES_DIR);
    let mut found = Vec::new();
    let mut problems = Vec::new();
    if !dir.is_dir() {
        return Ok(found);
    }
    let walker = WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker.flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let Ok(name_path) = path.strip_prefix(&dir) else {
            continue;
        };
        let name = name_path.to_string_lossy().replace('\\', "/");
        let shown = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        match std::fs::read_to_string(path) {
            Ok(text) => found.push((name, shown, text)),
            Err(e) => problems.push(Diagnostic::error(
                shown,
                1,
                1,
                format!("cannot read the template: {e}"),
            )),
        }
    }
    if problems.is_empty() {
        Ok(found)
    } else {
        Err(problems)
    }
}

/// A number for the site's own templates (names and texts), to tell whether to load them again.
pub fn site_fingerprint(root: &Path) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    crate::render::inputs::hash_debug(&mut h, &site_templates(root));
    std::hash::Hasher::finish(&h)
}

/// Loads the theme and the site's overrides into one Tera, or every template problem found.
pub fn load(root: &Path) -> Result<(Tera, TemplateSources), Vec<Diagnostic>> {
    let mut templates: BTreeMap<String, String> = THEME_TEMPLATES
        .iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect();
    let mut origins = BTreeMap::new();
    for (name, shown, text) in site_templates(root)? {
        origins.insert(name.clone(), shown);
        templates.insert(name, text);
    }
    let sources = TemplateSources { origins };

    // Parse each template alone first so that one run reports every syntax error.
    let mut problems = Vec::new();
    for (name, text) in &templates {
        let mut alone = Tera::new();
        if let Err(e) = alone.add_raw_template(name, text) {
            if matches!(e.kind(), ErrorKind::SyntaxError(_)) {
                problems.push(diagnostic(&e, &sources, name));
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    tera.set_escape_fn(super::markdown::escape_html_io);
    if let Err(e) = tera.add_raw_templates(templates.iter()) {
        return Err(vec![diagnostic(&e, &sources, "base.html")]);
    }
    Ok((tera, sources))
}

/// A Tera error as a diagnostic at the template's file, line and column.
pub fn diagnostic(error: &tera::Error, sources: &TemplateSources, template: &str) -> Diagnostic {
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let name = if report.filename().is_empty() {
                template
            } else {
                report.filename()
            };
            let span = report.span();
            Diagnostic::error(
                sources.path_of(name),
                span.start_line,
                span.start_col + 1,
                format!("template error: {}", report.message()),
            )
            .with_hint(template_hint(report.message()))
        }
        ErrorKind::MissingParent { current, parent } => Diagnostic::error(
            sources.path_of(current),
            1,
            1,
            format!("template extends `{parent}`, which does not exist"),
        )
        .with_hint("extend one of the theme's templates, e.g. {% extends \"base.html\" %}"),
        ErrorKind::TemplateNotFound(name) => Diagnostic::error(
            sources.path_of(template),
            1,
            1,
            format!("template `{name}` not found"),
        )
        .with_hint("check the name in include/extends against the files in templates/"),
        _ => {
            let mut full = error.to_string();
            let mut source = std::error::Error::source(error);
            while let Some(inner) = source {
                full.push('\n');
                full.push_str(&inner.to_string());
                source = inner.source();
            }
            // Tera words some errors as a report with a ` --> name:line:col` line and no span.
            let (name, line, column) =
                report_location(&full).unwrap_or((template.to_string(), 1, 1));
            let message = full
                .lines()
                .map(|l| l.trim().trim_start_matches("error:").trim())
                .find(|l| !l.is_empty())
                .unwrap_or("unknown problem")
                .to_string();
            Diagnostic::error(
                sources.path_of(&name),
                line,
                column,
                format!("template error: {message}"),
            )
            .with_hint(template_hint(&message))
        }
    }
}

/// Finds ` --> name:line:col` in a Tera report.
fn report_location(report: &str) -> Option<(String, usize, usize)> {
    let line = report.lines().find_map(|l| l.trim().strip_prefix("--> "))?;
    let mut parts = line.rsplitn(3, ':');
    let column = parts.next()?.trim().parse().ok()?;
    let line_no = parts.next()?.trim().parse().ok()?;
    let name = parts.next()?.trim().to_string();
    Some((name, line_no, column))
}

fn template_hint(message: &str) -> String {
    if message.contains("not defined") || message.contains("not found in context") {
        "the variables each template receives are listed in README.md (Templates); test optional ones with {% if x %}".to_string()
    } else if message.contains("Unknown filter")
        || message.contains("Unknown function")
        || message.contains("Unknown test")
    {
        "Tera 2's built-in filters include safe, default, upper, lower, truncate, join, length, replace and pluralize".to_string()
    } else {
        "templates use Tera 2 syntax: {{ value }}, {% if %}…{% endif %}, {% for x in xs %}…{% endfor %}"
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_loads() {
        let dir = tempfile::tempdir().unwrap();
        let (tera, _) = load(dir.path()).unwrap();
        assert!(tera.get_template_names().any(|n| n == "article.html"));
    }

    /// Every file of the default theme is embedded, so a site without templates/ builds.
    #[test]
    fn every_theme_file_is_embedded() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(TEMPLATES_DIR);
        for entry in WalkDir::new(&dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
        {
            let name = entry
                .path()
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            assert!(
                THEME_TEMPLATES.iter().any(|(n, _)| *n == name),
                "{name} is not embedded"
            );
        }
    }

    #[test]
    fn override_with_syntax_error_points_at_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/topics.html"), "ok\n{% if %}\n").unwrap();
        let problems = load(dir.path()).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path, Path::new("templates/topics.html"));
        assert_eq!(problems[0].line, 2);
    }
}
