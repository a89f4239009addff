/**
 * Just enough XML for the parts of an .xlsx: elements (namespace prefixes dropped), attributes and
 * text, in document order. No DTD is read and no entity but the five predefined and character
 * references is expanded, so a document cannot make itself larger while being read (billion laughs).
 */

export type XmlToken =
  | { readonly kind: 'open'; readonly name: string; readonly attributes: string; readonly selfClosing: boolean }
  | { readonly kind: 'close'; readonly name: string }
  | { readonly kind: 'text'; readonly text: string };

/** The tag's name without its namespace prefix (`x:c` → `c`). */
function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

/**
 * The tokens of `xml`, one at a time; text between tags comes decoded, whitespace included.
 * @example [...xmlTokens('<a x="1">b</a>')] // open a, text 'b', close a
 */
export function* xmlTokens(xml: string): Generator<XmlToken> {
  const n = xml.length;
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) yield { kind: 'text', text: decodeXmlText(xml.slice(i, textEnd)) };
    if (lt < 0) return;
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      const stop = end < 0 ? n : end;
      yield { kind: 'text', text: xml.slice(lt + 9, stop) };
      i = stop + 3;
      continue;
    }
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    const gt = tagEnd(xml, lt + 1);
    if (gt < 0) return;
    const c = xml.charCodeAt(lt + 1);
    // <?xml …?> and <!DOCTYPE …> say nothing the parts need; a DTD is skipped, never read.
    if (c === 0x3f || c === 0x21) {
      i = gt + 1;
      continue;
    }
    if (c === 0x2f) {
      yield { kind: 'close', name: localName(xml.slice(lt + 2, gt).trim()) };
    } else {
      const selfClosing = xml.charCodeAt(gt - 1) === 0x2f;
      const inner = xml.slice(lt + 1, selfClosing ? gt - 1 : gt);
      const space = inner.search(/[\s]/);
      const name = space < 0 ? inner : inner.slice(0, space);
      yield { kind: 'open', name: localName(name), attributes: space < 0 ? '' : inner.slice(space), selfClosing };
    }
    i = gt + 1;
  }
}

/** The `>` closing the tag begun before `from`, skipping any inside quoted attribute values. */
function tagEnd(xml: string, from: number): number {
  let quote = 0;
  for (let i = from; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return i;
  }
  return -1;
}

/**
 * One attribute's value (decoded), matched by its local name; undefined when absent. Found by
 * searching for the name followed by `=` (no pattern per call: a sheet asks three of every cell).
 * @example xmlAttribute(' r="A1" t="s"', 't') // 's'
 */
export function xmlAttribute(attributes: string, name: string): string | undefined {
  for (let at = attributes.indexOf(name); at >= 0; at = attributes.indexOf(name, at + 1)) {
    const before = attributes.charCodeAt(at - 1);
    // Preceded by white space (or a prefix's colon): the name itself, not the end of another.
    if (!(isSpace(before) || before === 0x3a)) continue;
    let i = at + name.length;
    while (isSpace(attributes.charCodeAt(i))) i++;
    if (attributes.charCodeAt(i) !== 0x3d) continue;
    i++;
    while (isSpace(attributes.charCodeAt(i))) i++;
    const quote = attributes.charCodeAt(i);
    if (quote !== 0x22 && quote !== 0x27) continue;
    const end = attributes.indexOf(quote === 0x22 ? '"' : "'", i + 1);
    if (end < 0) return undefined;
    return decodeXmlText(attributes.slice(i + 1, end));
  }
  return undefined;
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Text with its entity and character references replaced (an unknown entity stays as written).
 * @example decodeXmlText('A&amp;B &#x682A;') // 'A&B 株'
 */
export function decodeXmlText(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.charCodeAt(0) !== 0x23) return PREDEFINED[ref] ?? whole;
    const code = ref.charCodeAt(1) === 0x78 ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
