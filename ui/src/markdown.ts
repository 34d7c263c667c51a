// A small, safe Markdown renderer for the Terms of Service: headings, paragraphs, lists, emphasis,
// code and links, built as DOM nodes with textContent only. Raw HTML in the document stays text,
// so a published document can never inject markup or script into the window. Links are shown
// with their address and are not followable from the window.
//
// The rules are the portal's too: `parseMarkdown` gives the same blocks as the server's
// `markdown::parse` (crates/server/src/markdown.rs), and a test feeds both the same documents.

/// A run of text in a block: plain, strong, emphasis or code (a link is plain "label (url)").
export type Span = { kind: "text" | "strong" | "em" | "code"; text: string };
/// A heading (level 1–6), a paragraph, or a list of items (ordered or not).
export type Block =
  | { kind: "heading"; level: number; spans: Span[] }
  | { kind: "paragraph"; spans: Span[] }
  | { kind: "list"; ordered: boolean; items: Span[][] };

/// `**strong**`, `*em*` or `_em_`, `` `code` ``, `[label](url)`; everything else is text.
export function spans(text: string): Span[] {
  const pattern = /(\*\*([^*]+)\*\*)|(\*([^*]+)\*|_([^_]+)_)|(`([^`]+)`)|(\[([^\]]+)\]\(([^)\s]+)\))/g;
  const out: Span[] = [];
  const push = (kind: Span["kind"], value: string) => {
    const last = out[out.length - 1];
    if (kind === "text" && last?.kind === "text") last.text += value;
    else out.push({ kind, text: value });
  };
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const at = match.index ?? 0;
    if (at > last) push("text", text.slice(last, at));
    if (match[2] !== undefined) push("strong", match[2]);
    else if (match[4] !== undefined || match[5] !== undefined) push("em", (match[4] ?? match[5])!);
    else if (match[7] !== undefined) push("code", match[7]);
    else if (match[9] !== undefined) push("text", `${match[9]} (${match[10]})`);
    last = at + match[0].length;
  }
  if (last < text.length) push("text", text.slice(last));
  return out;
}

/// The blocks of `source`: `#` lines are headings, `-`/`*`/`+` and `1.`/`1)` lines list items, blank
/// lines end a paragraph or a list, other lines join into paragraphs.
export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: Extract<Block, { kind: "list" }> | null = null;
  const flush = () => {
    if (paragraph.length) {
      blocks.push({ kind: "paragraph", spans: spans(paragraph.join(" ")) });
      paragraph = [];
    }
  };
  for (const raw of source.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trimEnd();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      list = null;
      blocks.push({ kind: "heading", level: heading[1].length, spans: spans(heading[2]) });
    } else if (bullet || numbered) {
      flush();
      const ordered = !bullet;
      if (!list || list.ordered !== ordered) {
        list = { kind: "list", ordered, items: [] };
        blocks.push(list);
      }
      list.items.push(spans((bullet ?? numbered)![1]));
    } else if (line.trim() === "") {
      flush();
      list = null;
    } else {
      list = null;
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}

function fill(into: HTMLElement, runs: Span[]) {
  for (const span of runs) {
    if (span.kind === "text") into.append(span.text);
    else {
      const element = document.createElement(span.kind);
      element.textContent = span.text;
      into.append(element);
    }
  }
}

/// Renders `source` into `container`, replacing what was there. `#` becomes an h3 (the window's
/// own headings are h1 and h2), down to h6.
export function renderMarkdown(source: string, container: HTMLElement) {
  container.replaceChildren(
    ...parseMarkdown(source).map((block) => {
      if (block.kind === "heading") {
        const h = document.createElement(`h${Math.min(6, block.level + 2)}`);
        fill(h, block.spans);
        return h;
      }
      if (block.kind === "paragraph") {
        const p = document.createElement("p");
        fill(p, block.spans);
        return p;
      }
      const list = document.createElement(block.ordered ? "ol" : "ul");
      for (const item of block.items) {
        const li = document.createElement("li");
        fill(li, item);
        list.append(li);
      }
      return list;
    }),
  );
}
