// A small, safe Markdown renderer for the Terms of Service: headings, paragraphs, lists, emphasis,
// code and links, built as DOM nodes with textContent only. Raw HTML in the document stays text,
// so a published document can never inject markup or script into the window. Links are shown
// with their address and are not followable from the window.

function inline(text: string, into: HTMLElement) {
  // **strong**, *em* or _em_, `code`, [label](url)
  const pattern = /(\*\*([^*]+)\*\*)|(\*([^*]+)\*|_([^_]+)_)|(`([^`]+)`)|(\[([^\]]+)\]\(([^)\s]+)\))/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const at = match.index ?? 0;
    if (at > last) into.append(text.slice(last, at));
    if (match[2] !== undefined) {
      const strong = document.createElement("strong");
      strong.textContent = match[2];
      into.append(strong);
    } else if (match[4] !== undefined || match[5] !== undefined) {
      const em = document.createElement("em");
      em.textContent = match[4] ?? match[5];
      into.append(em);
    } else if (match[7] !== undefined) {
      const code = document.createElement("code");
      code.textContent = match[7];
      into.append(code);
    } else if (match[9] !== undefined) {
      into.append(`${match[9]} (${match[10]})`);
    }
    last = at + match[0].length;
  }
  if (last < text.length) into.append(text.slice(last));
}

/// Renders `source` into `container`, replacing what was there. `#` becomes an h3 (the window's
/// own headings are h1 and h2), down to h6.
export function renderMarkdown(source: string, container: HTMLElement) {
  const blocks: HTMLElement[] = [];
  let paragraph: string[] = [];
  let list: HTMLElement | null = null;
  const flush = () => {
    if (paragraph.length) {
      const p = document.createElement("p");
      inline(paragraph.join(" "), p);
      blocks.push(p);
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
      const h = document.createElement(`h${Math.min(6, heading[1].length + 2)}`);
      inline(heading[2], h);
      blocks.push(h);
    } else if (bullet || numbered) {
      flush();
      const kind = bullet ? "UL" : "OL";
      if (!list || list.tagName !== kind) {
        list = document.createElement(kind.toLowerCase());
        blocks.push(list);
      }
      const item = document.createElement("li");
      inline((bullet ?? numbered)![1], item);
      list.append(item);
    } else if (line.trim() === "") {
      flush();
      list = null;
    } else {
      list = null;
      paragraph.push(line.trim());
    }
  }
  flush();
  container.replaceChildren(...blocks);
}
