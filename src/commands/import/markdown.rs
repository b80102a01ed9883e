//! Plain text as Markdown that renders to the very same text: written as is when Markdown would
//! read nothing into it, with backslash escapes only in the blocks where it would.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// How a block of text is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    /// A paragraph inside a block quote.
    Quote,
}

/// Characters Markdown may read as syntax anywhere in a line (quotation marks are left alone:
/// escaping them would put backslashes into the quotes Gazette finds).
const INLINE_SYNTAX: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '&', '#', '~', '|', '{', '}', '!',
];

/// Each line trimmed (edge spaces are not text in HTML, and trailing ones make line breaks).
fn tidy_lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    // A list marker or setext underline at the start of a line.
    if line.starts_with(['-', '+', '=']) {
        out.push('\\');
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    for (i, c) in line.char_indices() {
        let ordered_list_marker = digits > 0 && i == digits && matches!(c, '.' | ')');
        if INLINE_SYNTAX.contains(&c) || ordered_list_marker {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn prefix(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Paragraph => "",
        BlockKind::Heading => "## ",
        BlockKind::Quote => "> ",
    }
}

fn assemble(kind: BlockKind, lines: &[String]) -> String {
    match kind {
        // A heading is one line.
        BlockKind::Heading => format!("## {}", lines.join(" ")),
        _ => lines
            .iter()
            .map(|l| format!("{}{l}", prefix(kind)))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// The kind and text Markdown reads from `markdown`, when it is one plain block and nothing else.
fn read_back(markdown: &str) -> Option<(BlockKind, String)> {
    let options = crate::render::markdown::options() - Options::ENABLE_SMART_PUNCTUATION;
    let mut kind = None;
    let mut in_quote = false;
    let mut text = String::new();
    let mut blocks = 0;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::BlockQuote(None)) if blocks == 0 => in_quote = true,
            Event::End(TagEnd::BlockQuote(_)) => {}
            Event::Start(Tag::Paragraph) => {
                blocks += 1;
                kind = Some(if in_quote {
                    BlockKind::Quote
                } else {
                    BlockKind::Paragraph
                });
            }
            Event::Start(Tag::Heading { level, .. })
                if level == pulldown_cmark::HeadingLevel::H2 && !in_quote =>
            {
                blocks += 1;
                kind = Some(BlockKind::Heading);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => {}
            Event::Text(t) => text.push_str(&t),
            Event::SoftBreak => text.push('\n'),
            _ => return None,
        }
    }
    (blocks == 1).then_some((kind?, text))
}

/// The block as Markdown that reads back as `text` (lines trimmed), or `None` if even escaping
/// cannot do it (never seen; the caller reports the file).
pub fn block(kind: BlockKind, text: &str) -> Option<String> {
    let lines = tidy_lines(text);
    if lines.is_empty() {
        return None;
    }
    let expected = match kind {
        BlockKind::Heading => lines.join(" "),
        _ => lines.join("\n"),
    };
    let faithful = |markdown: &str| {
        read_back(markdown).is_some_and(|(k, t)| k == kind && t == expected)
            && crate::quotes::annotations::find_inline(markdown, 0..markdown.len()).is_empty()
    };
    let as_is: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let plain = assemble(kind, &as_is);
    if faithful(&plain) {
        return Some(plain);
    }
    let escaped: Vec<String> = lines.iter().map(|l| escape_line(l)).collect();
    let escaped = assemble(kind, &escaped);
    faithful(&escaped).then_some(escaped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_text_is_written_as_is() {
        let text = "Putin added that Russia had not seen “adequate consideration of the [NATO] bloc’s demands.”";
        assert_eq!(block(BlockKind::Paragraph, text).as_deref(), Some(text));
        assert_eq!(
            block(BlockKind::Paragraph, "line one  \n   line two").as_deref(),
            Some("line one\nline two")
        );
    }

    #[test]
    fn markdown_syntax_is_escaped_only_where_it_would_act() {
        for (text, expected) in [
            ("# Not a heading", "\\# Not a heading"),
            ("- not a list", "\\- not a list"),
            ("1. not a list", "1\\. not a list"),
            ("*not emphasis*", "\\*not emphasis\\*"),
            (
                "a <b>tag</b> & &amp; entity",
                "a \\<b\\>tag\\</b\\> \\& \\&amp; entity",
            ),
            ("[a](link)", "\\[a\\](link)"),
            ("first\n---", "first\n\\---"),
            (
                "“We will win”{@Someone} said",
                "“We will win”\\{@Someone\\} said",
            ),
            ("> not a quote", "\\> not a quote"),
            ("a back\\slash", "a back\\slash"),
        ] {
            let markdown = block(BlockKind::Paragraph, text).unwrap();
            assert_eq!(markdown, expected, "{text}");
            let (_, read) = read_back(&markdown).unwrap();
            assert_eq!(read, text);
        }
    }

    #[test]
    fn headings_and_quotes_read_back() {
        assert_eq!(
            block(BlockKind::Heading, "What *next*").unwrap(),
            "## What \\*next\\*"
        );
        assert_eq!(block(BlockKind::Quote, "one\ntwo").unwrap(), "> one\n> two");
        assert_eq!(block(BlockKind::Paragraph, "  \n "), None);
    }
}
