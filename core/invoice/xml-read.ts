/**
 * A minimal XML reader for the UBL that Urakata writes: elements, attributes, text, the five
 * predefined entities. Strict enough to fail on unbalanced tags (which a real validator would also
 * reject). It reads what pint.ts writes (no comments, CDATA or DOCTYPE; prefixes are kept as
 * written, not resolved), so the JP PINT checks run on the very text that is written.
 */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITY[e] ?? '');

/** @example parseXml('<a x="1"><b>&amp;</b></a>') // { name: 'a', attrs: { x: '1' }, children: [{ name: 'b', text: '&', … }], text: '' } */
export function parseXml(xml: string): XmlElement {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const token = /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  for (const m of body.matchAll(token)) {
    const top = stack[stack.length - 1];
    if (!top) throw new Error('unbalanced XML');
    if (m[5] !== undefined) {
      top.text += decode(m[5]);
      continue;
    }
    const [, closing, name = '', attrText = '', selfClosing] = m;
    if (closing) {
      if (top.name !== name) throw new Error(`unbalanced XML: </${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of attrText.matchAll(/([\w:.-]+)="([^"]*)"/g)) attrs[a[1] ?? ''] = decode(a[2] ?? '');
    const el: XmlElement = { name, attrs, children: [], text: '' };
    top.children.push(el);
    if (!selfClosing) stack.push(el);
  }
  if (stack.length !== 1) throw new Error('unclosed XML element');
  const [doc] = root.children;
  if (!doc || root.children.length !== 1) throw new Error('XML must have one root element');
  return doc;
}

/** Children by a path of names. @example all(doc, 'cac:TaxTotal/cac:TaxSubtotal') // [<cac:TaxSubtotal>, …] */
export function all(el: XmlElement, path: string): XmlElement[] {
  let level = [el];
  for (const step of path.split('/')) level = level.flatMap((e) => e.children.filter((c) => c.name === step));
  return level;
}

/** The one element at a path, or an error naming how many there were. @example one(doc, 'cbc:ID').text // 'INV-1' */
export function one(el: XmlElement, path: string): XmlElement {
  const found = all(el, path);
  if (found.length !== 1) throw new Error(`expected one ${path}, found ${found.length}`);
  return found[0] as XmlElement;
}

/** @example textOf(doc, 'cbc:IssueDate') // '2026-05-31' */
export const textOf = (el: XmlElement, path: string): string => one(el, path).text;
