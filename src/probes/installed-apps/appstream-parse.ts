/**
 * AppStream metainfo → what the component declares about itself: type, id, package names, desktop
 * launchables, categories and keywords (ximion/appstream docs/xml/metainfo-*.xml @a17ad63f;
 * app-metadata.md §2). A small tolerant reader of elements, not a general XML parser: no DTD is read
 * or fetched and no entity but the five predefined ones and character references is expanded (an
 * unknown `&name;` stays as written). A document whose tags do not nest is malformed: undefined.
 */

import { decodeEntities } from '../../platform/linux/dconf/xml.js';

export interface AppStreamComponent {
  /** `<component type>`; `generic` when absent (the specification's default). */
  type: string;
  id: string | null;
  /** `<pkgname>` (several allowed). */
  pkgnames: string[];
  /** `<launchable type="desktop-id">`, e.g. `org.telegram.desktop.desktop`. */
  desktopIds: string[];
  categories: string[];
  /** Unlocalised `<keywords><keyword>` (entries with `xml:lang` are translations and left out). */
  keywords: string[];
}

const attributes = (raw: string): Map<string, string> | undefined => {
  const found = new Map<string, string>();
  const rest = raw.replace(/\s*([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g, (_whole, name: string, double?: string, single?: string) => {
    found.set(name, decodeEntities(double ?? single ?? ''));
    return '';
  });
  return rest.trim() === '' ? found : undefined;
};

/**
 * One token at a time: a comment, CDATA, processing instruction, DOCTYPE (with an internal subset,
 * skipped unread), a start, end or empty tag, or text. Anything else starting with `<` is malformed.
 */
const token =
  /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|</y;

interface Open {
  name: string;
  attrs: Map<string, string>;
  text: string;
}

/** A metainfo document → its component, or undefined when it is malformed or not one `<component>`. */
export const parseAppStream = (xml: string): AppStreamComponent | undefined => {
  const result: AppStreamComponent = { type: 'generic', id: null, pkgnames: [], desktopIds: [], categories: [], keywords: [] };
  const stack: Open[] = [];
  let root = false;
  let closed = false;
  token.lastIndex = 0;
  const body = xml.startsWith('\uFEFF') ? xml.slice(1) : xml;
  while (token.lastIndex < body.length) {
    const at = token.lastIndex;
    const match = token.exec(body);
    if (match === null || match.index !== at || match[0] === '<') return undefined;
    const [whole, cdata, slash, name, rawAttrs, selfClosing, chars] = match;
    const top = stack[stack.length - 1];
    if (chars !== undefined || cdata !== undefined) {
      if (top !== undefined) top.text += cdata ?? decodeEntities(chars ?? '');
      else if ((chars ?? cdata ?? '').trim() !== '') return undefined;
      continue;
    }
    if (name === undefined || whole.startsWith('<!') || whole.startsWith('<?')) continue;
    if (slash === '/') {
      if (top?.name !== name) return undefined;
      stack.pop();
      close(top, stack, result);
      if (stack.length === 0) closed = true;
      continue;
    }
    const attrs = attributes(rawAttrs ?? '');
    if (attrs === undefined) return undefined;
    if (stack.length === 0) {
      // One root element: a component (a `<components>` catalog is not a metainfo file).
      if (root || name !== 'component') return undefined;
      root = true;
      const type = attrs.get('type');
      if (type !== undefined && type !== '') result.type = type;
    }
    const open: Open = { name, attrs, text: '' };
    if (selfClosing === '/') {
      close(open, [...stack], result);
      if (stack.length === 0) closed = true;
    } else {
      stack.push(open);
    }
  }
  return root && closed && stack.length === 0 ? result : undefined;
};

/** Records a closed element when it is one of those read, by where it sits under the component. */
const close = (element: Open, parents: readonly Open[], result: AppStreamComponent): void => {
  const value = element.text.trim();
  const parent = parents[parents.length - 1];
  const translated = element.attrs.has('xml:lang') || parent?.attrs.has('xml:lang') === true;
  if (parents.length === 1) {
    if (element.name === 'id' && result.id === null && value !== '') result.id = value;
    else if (element.name === 'pkgname' && value !== '') result.pkgnames.push(value);
    else if (element.name === 'launchable' && element.attrs.get('type') === 'desktop-id' && value !== '') result.desktopIds.push(value);
  } else if (parents.length === 2 && parent !== undefined) {
    if (parent.name === 'categories' && element.name === 'category' && value !== '') result.categories.push(value);
    else if (parent.name === 'keywords' && element.name === 'keyword' && value !== '' && !translated) result.keywords.push(value);
  }
};
