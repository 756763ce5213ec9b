/**
 * A minimal XML tag scanner for small, well-formed configuration files (gschema XML, xfconf channel
 * files): start, end and self-closing tags with their attributes, and the text between tags.
 * No DTDs or namespaces; comments, CDATA-free text and the five predefined entities only.
 */

export type XmlToken =
  | { kind: 'open'; name: string; attributes: Record<string, string>; selfClosing: boolean }
  | { kind: 'close'; name: string }
  | { kind: 'text'; text: string };

export const decodeEntities = (text: string): string =>
  text.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[entity] ?? '';
  });

const attributePattern = /([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)')/g;

export const xmlTokens = (xml: string): XmlToken[] => {
  const tokens: XmlToken[] = [];
  const stripped = xml.replace(/<!--[\s\S]*?-->/g, '').replace(/<\?[\s\S]*?\?>/g, '').replace(/<!DOCTYPE[^>]*>/gi, '');
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
