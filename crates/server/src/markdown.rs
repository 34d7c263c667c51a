//! The Terms of Service's Markdown, as the portal shows it: headings, paragraphs, lists, emphasis,
//! code and links (shown as "label (url)", not followed), everything else text. The rules are the
//! desktop window's (`ui/src/markdown.ts`, `parseMarkdown`); `tests/markdown.rs` feeds both the
//! same documents and compares the blocks. Nothing here is markup: the page escapes every text.

use serde::Serialize;

/// A run of text in a block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    pub kind: SpanKind,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpanKind {
    Text,
    Strong,
    Em,
    Code,
}

/// A heading (level 1–6), a paragraph, or a list of items.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block {
    Heading { level: usize, spans: Vec<Span> },
    Paragraph { spans: Vec<Span> },
    List { ordered: bool, items: Vec<Vec<Span>> },
}

/// The blocks of `source`: `#` lines are headings, `-`/`*`/`+` and `1.`/`1)` lines list items,
/// blank lines end a paragraph or a list, other lines join into paragraphs.
pub fn parse(source: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    // Whether the last block is a list that the next item joins.
    let mut in_list = false;
    let normalised = source.replace("\r\n", "\n").replace('\r', "\n");
    for raw in normalised.split('\n') {
        let line = raw.trim_end();
        if let Some((level, text)) = heading(line) {
            flush(&mut blocks, &mut paragraph);
            in_list = false;
            blocks.push(Block::Heading { level, spans: spans(text) });
        } else if let Some((ordered, text)) = list_item(line) {
            flush(&mut blocks, &mut paragraph);
            match blocks.last_mut() {
                Some(Block::List { ordered: same, items }) if in_list && *same == ordered => items.push(spans(text)),
                _ => blocks.push(Block::List { ordered, items: vec![spans(text)] }),
            }
            in_list = true;
        } else if line.trim().is_empty() {
            flush(&mut blocks, &mut paragraph);
            in_list = false;
        } else {
            in_list = false;
            paragraph.push(line.trim());
        }
    }
    flush(&mut blocks, &mut paragraph);
    blocks
}

fn flush(blocks: &mut Vec<Block>, paragraph: &mut Vec<&str>) {
    if !paragraph.is_empty() {
        blocks.push(Block::Paragraph { spans: spans(&paragraph.join(" ")) });
        paragraph.clear();
    }
}

/// `#{1,6}` then whitespace: the level and the rest.
fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|c| *c == '#').count();
    let rest = &line[level..];
    ((1..=6).contains(&level) && rest.starts_with(char::is_whitespace)).then(|| (level, rest.trim_start()))
}

/// Optional indentation, then `-`, `*` or `+`, or digits and `.` or `)`, then whitespace.
fn list_item(line: &str) -> Option<(bool, &str)> {
    let body = line.trim_start();
    let (ordered, rest) = if let Some(rest) = body.strip_prefix(['-', '*', '+']) {
        (false, rest)
    } else {
        let digits = body.chars().take_while(char::is_ascii_digit).count();
        let rest = body[digits..].strip_prefix(['.', ')']).filter(|_| digits > 0)?;
        (true, rest)
    };
    rest.starts_with(char::is_whitespace).then(|| (ordered, rest.trim_start()))
}

/// `**strong**`, `*em*` or `_em_`, `` `code` ``, `[label](url)`; everything else is text.
pub fn spans(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut push = |kind: SpanKind, value: &str| match out.last_mut() {
        Some(last) if kind == SpanKind::Text && last.kind == SpanKind::Text => last.text.push_str(value),
        _ => out.push(Span { kind, text: value.to_owned() }),
    };
    let mut plain_from = 0;
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        if let Some((kind, value, length)) = inline_at(rest) {
            if at > plain_from {
                push(SpanKind::Text, &text[plain_from..at]);
            }
            push(kind, &value);
            at += length;
            plain_from = at;
        } else {
            at += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    if plain_from < text.len() {
        push(SpanKind::Text, &text[plain_from..]);
    }
    out
}

/// The inline element that starts `rest`, if one does: its kind, text and length in bytes.
fn inline_at(rest: &str) -> Option<(SpanKind, String, usize)> {
    // Delimited by `open` and `close`, with at least one character that is not `stop` between.
    let delimited = |open: &str, close: &str, stop: char| -> Option<(String, usize)> {
        let inner = rest.strip_prefix(open)?;
        let end = inner.find(stop)?;
        (end > 0 && inner[end..].starts_with(close)).then(|| (inner[..end].to_owned(), open.len() + end + close.len()))
    };
    if let Some((value, length)) = delimited("**", "**", '*') {
        return Some((SpanKind::Strong, value, length));
    }
    if let Some((value, length)) = delimited("*", "*", '*').or_else(|| delimited("_", "_", '_')) {
        return Some((SpanKind::Em, value, length));
    }
    if let Some((value, length)) = delimited("`", "`", '`') {
        return Some((SpanKind::Code, value, length));
    }
    let (label, after) = delimited("[", "]", ']')?;
    let target = rest[after..].strip_prefix('(')?;
    let end = target.find(|c: char| c == ')' || c.is_whitespace())?;
    (end > 0 && target[end..].starts_with(')')).then(|| (SpanKind::Text, format!("{label} ({})", &target[..end]), after + 1 + end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &str) -> Span {
        Span { kind: SpanKind::Text, text: value.into() }
    }

    #[test]
    fn blocks_and_inline_elements() {
        let blocks = parse("# Terms\n\nRead **all** of *this*:\n\n- one\n- [site](https://x.example)\n1. first\n\n<b>x</b>");
        assert_eq!(
            blocks,
            vec![
                Block::Heading { level: 1, spans: vec![text("Terms")] },
                Block::Paragraph {
                    spans: vec![
                        text("Read "),
                        Span { kind: SpanKind::Strong, text: "all".into() },
                        text(" of "),
                        Span { kind: SpanKind::Em, text: "this".into() },
                        text(":"),
                    ]
                },
                Block::List { ordered: false, items: vec![vec![text("one")], vec![text("site (https://x.example)")]] },
                Block::List { ordered: true, items: vec![vec![text("first")]] },
                Block::Paragraph { spans: vec![text("<b>x</b>")] },
            ]
        );
    }
}
