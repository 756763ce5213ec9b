/**
 * apt's configuration syntax (apt.conf(5)), parsed the way apt-pkg's `ReadConfigFile` does
 * (apt-pkg/contrib/configuration.cc): `Key "value";`, nested `Key { Sub "v"; };` blocks, list items
 * (`Key { "a"; "b"; };` → `Key::` entries), `//`, `/* … *\/` and `#` comments (not inside quotes),
 * and the directives `#clear Key;` and `#include "file";`. Keys are case-insensitive.
 */

export type AptConfStatement = { kind: 'set'; key: string; value: string } | { kind: 'clear'; key: string } | { kind: 'include'; path: string };

const magicComments = ['clear', 'include', 'x-apt-configure-index'];

/** Number of `"` before position `end`: odd means the position is inside a quoted string. */
const insideQuotes = (line: string, end: number): boolean => {
  let quotes = 0;
  for (let k = 0; k < end; k++) if (line.charCodeAt(k) === 34) quotes++;
  return quotes % 2 !== 0;
};

/** Removes `//` and `#` comments (apt keeps `#clear`, `#include` and any `#` inside quotes). */
const stripLineComments = (input: string): string => {
  let line = input;
  for (let start = line.indexOf('//'); start !== -1; start = line.indexOf('//', start + 1)) {
    if (!insideQuotes(line, start)) {
      line = line.slice(0, start);
      break;
    }
  }
  for (let start = line.indexOf('#'); start !== -1; start = line.indexOf('#', start + 1)) {
    if (insideQuotes(line, start) || magicComments.some((m) => line.startsWith(m, start + 1))) continue;
    line = line.slice(0, start);
    break;
  }
  return line;
};

/** Splits `Tag Word` where quoted parts may hold spaces; quotes are dropped (apt's ParseQuoteWord). */
const words = (text: string): string[] => {
  const result: string[] = [];
  let current = '';
  let inQuote = false;
  let started = false;
  for (const c of text) {
    if (c === '"') {
      inQuote = !inQuote;
      started = true;
    } else if (!inQuote && /\s/.test(c)) {
      if (started) result.push(current);
      current = '';
      started = false;
    } else {
      current += c;
      started = true;
    }
  }
  if (started) result.push(current);
  return result;
};

/** apt.conf text → statements in file order. Syntax errors skip the statement, as far as possible. */
export const parseAptConf = (text: string): AptConfStatement[] => {
  const statements: AptConfStatement[] = [];
  const stack: string[] = [];
  let parent = '';
  let buffer = '';
  let inComment = false;
  const leave = (): void => {
    parent = stack.pop() ?? '';
  };
  for (const raw of text.split('\n')) {
    let line = raw.replace(/\t/g, '        ').trim();
    if (inComment) {
      const end = line.indexOf('*/');
      if (end === -1) continue;
      line = line.slice(end + 2);
      inComment = false;
    }
    line = stripLineComments(line);
    let fragment = '';
    let searchFrom = 0;
    for (let open = line.indexOf('/*', searchFrom); open !== -1; open = line.indexOf('/*', searchFrom)) {
      if (insideQuotes(line, open)) {
        searchFrom = open + 2;
        continue;
      }
      fragment += line.slice(0, open);
      const end = line.indexOf('*/', open + 2);
      if (end === -1) {
        line = '';
        inComment = true;
        break;
      }
      line = line.slice(end + 2);
      searchFrom = 0;
    }
    fragment += line;
    if (fragment === '') continue;

    let inQuote = false;
    let start = 0;
    for (let i = 0; i < fragment.length; i++) {
      const c = fragment[i];
      if (c === '"') inQuote = !inQuote;
      if (inQuote || (c !== '{' && c !== ';' && c !== '}')) continue;
      const piece = fragment.slice(start, i).trim();
      if (buffer !== '' && piece !== '') buffer += ' ';
      buffer += piece;
      start = i + 1;
      if (buffer === '') {
        if (c === '}') leave();
        continue;
      }
      const parts = words(buffer);
      buffer = '';
      let tag = parts[0] ?? '';
      let word: string | undefined = parts.length > 1 ? parts.slice(1).join(' ') : undefined;
      if (word === undefined && c !== '{') {
        word = tag;
        tag = '';
      }
      if (c === '{') {
        stack.push(parent);
        parent = parent === '' ? tag : `${parent}::${tag}`;
        tag = '';
      }
      const item = parent === '' ? tag : c !== '{' || tag !== '' ? `${parent}::${tag}` : parent;
      if (tag.startsWith('#') && stack.length === 0) {
        const directive = tag.slice(1);
        if (directive === 'clear' && word !== undefined) statements.push({ kind: 'clear', key: word });
        else if (directive === 'include' && word !== undefined) statements.push({ kind: 'include', path: word });
      } else if (word !== undefined) {
        statements.push({ kind: 'set', key: item, value: word });
      }
      if (c === '}') leave();
    }
    const rest = fragment.slice(start).trim();
    if (rest !== '' && buffer !== '') buffer += ' ';
    buffer += rest;
  }
  return statements;
};

/** The effective configuration after applying statements in order: lower-cased key → value. */
export class AptConfig {
  private readonly values = new Map<string, string>();
  private readonly lists = new Map<string, string[]>();

  apply(statements: readonly AptConfStatement[]): void {
    for (const statement of statements) {
      if (statement.kind === 'set') {
        const key = statement.key.toLowerCase();
        if (key.endsWith('::')) {
          const list = key.slice(0, -2);
          this.lists.set(list, [...(this.lists.get(list) ?? []), statement.value]);
        } else {
          this.values.set(key, statement.value);
        }
      } else if (statement.kind === 'clear') {
        const key = statement.key.toLowerCase();
        for (const map of [this.values, this.lists]) {
          for (const existing of [...map.keys()]) if (existing === key || existing.startsWith(`${key}::`)) map.delete(existing);
        }
      }
    }
  }

  get(key: string): string | undefined {
    return this.values.get(key.toLowerCase());
  }

  list(key: string): string[] {
    return this.lists.get(key.toLowerCase()) ?? [];
  }
}

/**
 * Which files of a parts directory apt reads, in its order (apt-pkg/contrib/fileutl.cc
 * `GetListOfFilesInDir(dir, "conf", sort, allowNoExt)`): no leading dot; no extension or `.conf`;
 * only letters, digits, `_`, `-`, `:` and `.`; not ending in a dot; sorted bytewise.
 */
export const aptConfParts = (names: readonly string[]): string[] =>
  names
    .filter((name) => {
      if (name.startsWith('.') || name.endsWith('.')) return false;
      const dot = name.lastIndexOf('.');
      if (dot !== -1 && name.slice(dot + 1) !== 'conf') return false;
      return /^[A-Za-z0-9_.:-]+$/.test(name);
    })
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * An APT::Periodic interval: apt.systemd.daily treats "0" (or empty) as off, "always" as on, and a
 * number of days (or a number with an s/m/h/d suffix) as on when non-zero.
 */
export const periodicEnabled = (value: string | undefined): boolean | null => {
  if (value === undefined) return false;
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'always') return v === 'always';
  const match = /^(\d+)[smhd]?$/.exec(v);
  if (match === null) return null;
  return Number(match[1]) > 0;
};
