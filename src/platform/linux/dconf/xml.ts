/**
 * A minimal XML tag scanner for small, well-formed configuration files (gschema XML, xfconf channel
 * files): start, end and self-closing tags with their attributes, and the text between tags.
 * No DTDs or namespaces; comments, CDATA-free text and the five predefined entities only.
 */

export type XmlToken =
  { kind: 'open'; name: string; attributes: Record<string, string>; selfClosing: boolean } | { kind: 'close'; name: string } | { kind: 'text'; text: string };

const predefined: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * The five predefined entities and character references; nothing else is expanded (no DTD). A
 * reference beyond Unicode (`&#x110000;`) stays as written: files read from a checked machine must
 * never make decoding throw.
 */
export const decodeEntities = (text: string): string =>
  text.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]{1,6}|#[0-9]{1,7});/g, (whole, entity: string) => {
    const code = entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : entity.startsWith('#') ? parseInt(entity.slice(1), 10) : undefined;
    if (code === undefined) return predefined[entity] ?? whole;
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });

const attributePattern = /([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)')/g;

export const xmlTokens = (xml: string): XmlToken[] => {
  const tokens: XmlToken[] = [];
  const stripped = xml
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\?[\s\S]*?\?>/g, '')
    .replace(/<!DOCTYPE[^>]*>/gi, '');
  const tagPattern = /<(\/?)([A-Za-z_][-A-Za-z0-9_.:]*)([^>]*?)(\/?)>/g;
  let last = 0;
  for (const match of stripped.matchAll(tagPattern)) {
    const index = match.index;
    if (index > last) tokens.push({ kind: 'text', text: decodeEntities(stripped.slice(last, index)) });
    last = index + match[0].length;
    const name = match[2] ?? '';
    if (match[1] === '/') {
      tokens.push({ kind: 'close', name });
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const attribute of (match[3] ?? '').matchAll(attributePattern)) {
      attributes[attribute[1] ?? ''] = decodeEntities(attribute[3] ?? attribute[4] ?? '');
    }
    tokens.push({ kind: 'open', name, attributes, selfClosing: match[4] === '/' });
  }
  if (last < stripped.length) tokens.push({ kind: 'text', text: decodeEntities(stripped.slice(last)) });
  return tokens;
};
