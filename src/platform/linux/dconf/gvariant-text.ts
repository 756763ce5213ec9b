/**
 * The GVariant text format (GLib's g_variant_parse) for the values found in dconf keyfiles,
 * gschema `<default>` elements and `.gschema.override` files: `true`, `uint32 300`, `300`,
 * `'text'`, `"text"`, `['a', 'b']`, `@as []`, `(1, 'x')`, `{'k': <1>}`, `<variant>`, `nothing`, `just 1`.
 * Without an expected type, integers are int32 and decimals double, as g_variant_parse does:
 * that is why `idle-delay=300` in a dconf keyfile is stored as int32 (and ignored by GSettings).
 */
import { isValidType, memberTypes, type GValue, type GVariant } from './gvariant.js';

export class GVariantTextError extends Error {}

type Node =
  | { kind: 'boolean'; value: boolean }
  | { kind: 'number'; text: string; keyword?: string }
  | { kind: 'string'; value: string; keyword?: string }
  | { kind: 'array'; items: Node[] }
  | { kind: 'tuple'; items: Node[] }
  | { kind: 'dict'; entries: [Node, Node][] }
  | { kind: 'variant'; inner: Node }
  | { kind: 'nothing' }
  | { kind: 'just'; inner: Node }
  | { kind: 'typed'; type: string; inner: Node };

const numberKeywords: Readonly<Record<string, string>> = {
  byte: 'y',
  int16: 'n',
  uint16: 'q',
  int32: 'i',
  uint32: 'u',
  int64: 'x',
  uint64: 't',
  double: 'd',
  handle: 'h',
};

const ranges: Readonly<Record<string, [number, number]>> = {
  y: [0, 0xff],
  n: [-0x8000, 0x7fff],
  q: [0, 0xffff],
  i: [-0x80000000, 0x7fffffff],
  h: [-0x80000000, 0x7fffffff],
  u: [0, 0xffffffff],
  x: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  t: [0, Number.MAX_SAFE_INTEGER],
};

class Parser {
  private pos = 0;
  private readonly text: string;
  constructor(text: string) {
    this.text = text;
  }

  private fail(message: string): never {
    throw new GVariantTextError(`${message} at offset ${this.pos} in ${JSON.stringify(this.text)}`);
  }

  private skip(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos += 1;
  }

  private peek(): string {
    this.skip();
    return this.text[this.pos] ?? '';
  }

  private expect(char: string): void {
    if (this.peek() !== char) this.fail(`expected '${char}'`);
    this.pos += 1;
  }

  /** A sticky pattern matched where the parser stands, without copying the rest of the text. */
  private at(pattern: RegExp): RegExpExecArray | null {
    pattern.lastIndex = this.pos;
    return pattern.exec(this.text);
  }

  private word(): string {
    this.skip();
    const match = this.at(/[A-Za-z_][A-Za-z0-9_]*/y);
    return match?.[0] ?? '';
  }

  atEnd(): boolean {
    return this.peek() === '';
  }

  private list<T>(close: string, item: () => T): T[] {
    const items: T[] = [];
    while (this.peek() !== close) {
      items.push(item());
      if (this.peek() === ',') this.pos += 1;
      else if (this.peek() !== close) this.fail(`expected ',' or '${close}'`);
    }
    this.pos += 1;
    return items;
  }

  private stringLiteral(): string {
    const quote = this.text[this.pos];
    this.pos += 1;
    let out = '';
    while (this.pos < this.text.length) {
      const c = this.text[this.pos] ?? '';
      this.pos += 1;
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.text[this.pos] ?? '';
      this.pos += 1;
      const simple: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', a: '\x07' };
      if (e in simple) out += simple[e] ?? '';
      else if (e === 'u' || e === 'U') {
        const digits = e === 'u' ? 4 : 8;
        const hex = this.text.slice(this.pos, this.pos + digits);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) this.fail('bad unicode escape');
        out += String.fromCodePoint(parseInt(hex, 16));
        this.pos += digits;
      } else out += e;
    }
    return this.fail('unterminated string');
  }

  value(): Node {
    const c = this.peek();
    if (c === "'" || c === '"') return { kind: 'string', value: this.stringLiteral() };
    if (c === '[') {
      this.pos += 1;
      return { kind: 'array', items: this.list(']', () => this.value()) };
    }
    if (c === '(') {
      this.pos += 1;
      return { kind: 'tuple', items: this.list(')', () => this.value()) };
    }
    if (c === '{') {
      this.pos += 1;
      return {
        kind: 'dict',
        entries: this.list('}', () => {
          const key = this.value();
          this.expect(':');
          return [key, this.value()] as [Node, Node];
        }),
      };
    }
    if (c === '<') {
      this.pos += 1;
      const inner = this.value();
      this.expect('>');
      return { kind: 'variant', inner };
    }
    if (c === '@') {
      this.pos += 1;
      const match = this.at(/[a-z(){}]+/y) ?? this.fail('expected a type after @');
      let type = match[0];
      while (type.length > 0 && !isValidType(type)) type = type.slice(0, -1);
      if (type.length === 0) this.fail('bad type annotation');
      this.pos += type.length;
      return { kind: 'typed', type, inner: this.value() };
    }
    if (/[-+0-9.]/.test(c)) return this.numberNode();
    const word = this.word();
    if (word === 'true' || word === 'false') {
      this.pos += word.length;
      return { kind: 'boolean', value: word === 'true' };
    }
    if (word === 'nothing') {
      this.pos += word.length;
      return { kind: 'nothing' };
    }
    if (word === 'just') {
      this.pos += word.length;
      return { kind: 'just', inner: this.value() };
    }
    if (word === 'inf' || word === 'nan') return this.numberNode();
    if (word in numberKeywords) {
      this.pos += word.length;
      const inner = this.numberNode();
      return { kind: 'number', text: inner.kind === 'number' ? inner.text : '', keyword: numberKeywords[word] };
    }
    if (word === 'objectpath' || word === 'signature' || word === 'string') {
      this.pos += word.length;
      this.skip();
      const q = this.text[this.pos];
      if (q !== "'" && q !== '"') this.fail('expected a string');
      return { kind: 'string', value: this.stringLiteral(), keyword: word === 'objectpath' ? 'o' : word === 'signature' ? 'g' : 's' };
    }
    if (word === 'boolean') {
      this.pos += word.length;
      return this.value();
    }
    return this.fail('unexpected input');
  }

  private numberNode(): Node {
    this.skip();
    const match = this.at(/[-+]?(0x[0-9a-fA-F]+|inf|nan|[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)/y);
    if (match === null) this.fail('expected a number');
    this.pos += match[0].length;
    return { kind: 'number', text: match[0] };
  }
}

const isFloatText = (text: string): boolean => !/^[-+]?0x/i.test(text) && /[.eE]|inf|nan/.test(text);

const numberValue = (text: string, type: string): number => {
  if (type === 'd') {
    const sign = text.startsWith('-') ? -1 : 1;
    const body = text.replace(/^[-+]/, '');
    if (body === 'inf') return sign * Infinity;
    if (body === 'nan') return NaN;
    return Number(text);
  }
  if (isFloatText(text)) throw new GVariantTextError(`${text} is not an integer`);
  const negative = text.startsWith('-');
  const body = text.replace(/^[-+]/, '');
  const magnitude = /^0x/i.test(body) ? parseInt(body.slice(2), 16) : /^0[0-7]+$/.test(body) ? parseInt(body, 8) : Number(body);
  const value = negative ? -magnitude : magnitude;
  const [min, max] = ranges[type] ?? [-Infinity, Infinity];
  if (!Number.isFinite(value) || value < min || value > max) throw new GVariantTextError(`${text} out of range for type ${type}`);
  return value;
};

const inferType = (node: Node): string | undefined => {
  switch (node.kind) {
    case 'boolean':
      return 'b';
    case 'number':
      return node.keyword ?? (isFloatText(node.text) ? 'd' : 'i');
    case 'string':
      return node.keyword ?? 's';
    case 'variant':
      return 'v';
    case 'typed':
      return node.type;
    case 'just': {
      const inner = inferType(node.inner);
      return inner === undefined ? undefined : `m${inner}`;
    }
    case 'nothing':
      return undefined;
    case 'array': {
      for (const item of node.items) {
        const t = inferType(item);
        if (t !== undefined) return `a${t}`;
      }
      return undefined;
    }
    case 'tuple': {
      const members = node.items.map(inferType);
      return members.every((m) => m !== undefined) ? `(${members.join('')})` : undefined;
    }
    case 'dict': {
      const first = node.entries[0];
      if (first === undefined) return undefined;
      const k = inferType(first[0]);
      const v = inferType(first[1]);
      return k === undefined || v === undefined ? undefined : `a{${k}${v}}`;
    }
  }
};

const build = (node: Node, type: string): GValue => {
  const c = type[0] ?? '';
  if (node.kind === 'typed') {
    if (node.type !== type) throw new GVariantTextError(`@${node.type} where ${type} is expected`);
    return build(node.inner, type);
  }
  if (c === 'm') {
    if (node.kind === 'nothing') return null;
    return build(node.kind === 'just' ? node.inner : node, type.slice(1));
  }
  switch (node.kind) {
    case 'boolean':
      if (c !== 'b') break;
      return node.value;
    case 'number':
      if (node.keyword !== undefined && node.keyword !== c) break;
      if (!(c in ranges) && c !== 'd') break;
      return numberValue(node.text, c);
    case 'string':
      if (c !== 's' && c !== 'o' && c !== 'g') break;
      if (node.keyword !== undefined && node.keyword !== c) break;
      return node.value;
    case 'variant': {
      if (c !== 'v') break;
      const inner = inferType(node.inner);
      if (inner === undefined) throw new GVariantTextError('cannot infer the type inside a variant');
      return { type: inner, value: build(node.inner, inner) };
    }
    case 'array':
      if (c !== 'a') break;
      return node.items.map((item) => build(item, type.slice(1)));
    case 'dict': {
      if (!type.startsWith('a{')) break;
      const [k, v] = memberTypes(type.slice(1));
      return node.entries.map(([key, value]) => [build(key, k ?? ''), build(value, v ?? '')]);
    }
    case 'tuple': {
      if (c !== '(') break;
      const members = memberTypes(type);
      if (members.length !== node.items.length) break;
      return node.items.map((item, index) => build(item, members[index] ?? ''));
    }
    case 'just':
    case 'nothing':
      break;
  }
  throw new GVariantTextError(`${node.kind} value does not fit type ${type}`);
};

/**
 * Parse GVariant text. With `expected`, the value is read as that type (bare `300` for 'u');
 * without it the type is inferred like g_variant_parse(NULL, ...). Throws GVariantTextError.
 */
export const parseGVariantText = (text: string, expected?: string): GVariant => {
  const parser = new Parser(text);
  const node = parser.value();
  if (!parser.atEnd()) throw new GVariantTextError(`trailing input in ${JSON.stringify(text)}`);
  const type = expected ?? inferType(node);
  if (type === undefined) throw new GVariantTextError(`cannot infer a type for ${JSON.stringify(text)}`);
  return { type, value: build(node, type) };
};
