/**
 * rss-parser (xml2js over sax) reads a document character by character into one tree: a 20 MB description costs
 * seconds and hundreds of MB. Before it runs, every text-bearing element of an item (description, content, summary,
 * title) that is longer than the per-item cap is cut in the XML text itself, with native string search, so that
 * what the parser sees is bounded per element. An element with child markup (Atom `type="xhtml"`) is left alone:
 * cutting it could unbalance its tags; the byte cap of the whole document still bounds it.
 */
const TEXT_ELEMENT = /<(description|content:encoded|content|summary|title)(?:\s[^>]*)?>/g;

export interface CappedXml {
  xml: string;
  /** Characters each cut element had before it was cut. */
  cutChars: number[];
}

export function capLongElements(xml: string, maxChars: number): CappedXml {
  const parts: string[] = [];
  let from = 0;
  const cutChars: number[] = [];
  TEXT_ELEMENT.lastIndex = 0;
  for (let m = TEXT_ELEMENT.exec(xml); m; m = TEXT_ELEMENT.exec(xml)) {
    if (m[0].endsWith('/>')) continue;
    const start = m.index + m[0].length;
    const end = xml.indexOf(`</${m[1]}>`, start);
    if (end < 0) break;
    TEXT_ELEMENT.lastIndex = end;
    if (end - start <= maxChars) continue;
    const shortened = cutElementText(xml.slice(start, start + maxChars + 1), xml, start, end);
    if (shortened === undefined) continue;
    parts.push(xml.slice(from, start), shortened);
    from = end;
    cutChars.push(end - start);
  }
  if (cutChars.length === 0) return { xml, cutChars };
  parts.push(xml.slice(from));
  return { xml: parts.join(''), cutChars };
}

/**
 * The first ~maxChars of an element's text, still well formed: not ending inside an entity reference, a CDATA
 * section closed if the cut fell inside one. Undefined when the element holds markup other than CDATA.
 */
function cutElementText(head: string, xml: string, start: number, end: number): string | undefined {
  if (hasMarkup(xml, start, end)) return undefined;
  let text = head.slice(0, head.length - 1);
  const cdataOpen = text.lastIndexOf('<![CDATA[');
  const cdataClose = text.lastIndexOf(']]>');
  // Inside a CDATA section: everything is content (a partial "]]" too); the section is closed after it.
  if (cdataOpen >= 0 && cdataOpen > cdataClose) return `${dropHalfPair(text)}]]>`;
  // Outside CDATA: an entity reference cut in half ("&am") would be a parse error.
  const amp = text.lastIndexOf('&');
  if (amp >= 0 && text.indexOf(';', amp) < 0) text = text.slice(0, amp);
  // "<![CDA" cut in half.
  const lt = text.lastIndexOf('<');
  if (lt >= 0 && text.indexOf('>', lt) < 0) text = text.slice(0, lt);
  return dropHalfPair(text);
}

/** Whether the element's content has a tag that is not a CDATA section (looked for with native search only). */
function hasMarkup(xml: string, start: number, end: number): boolean {
  let at = xml.indexOf('<', start);
  while (at >= 0 && at < end) {
    if (!xml.startsWith('<![CDATA[', at)) return true;
    const close = xml.indexOf(']]>', at + 9);
    if (close < 0 || close >= end) return false;
    at = xml.indexOf('<', close + 3);
  }
  return false;
}

function dropHalfPair(text: string): string {
  const code = text.charCodeAt(text.length - 1);
  return code >= 0xd800 && code <= 0xdbff ? text.slice(0, -1) : text;
}
