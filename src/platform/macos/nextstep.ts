/**
 * The old NeXTSTEP property-list text that Foundation prints for a dictionary (`-[NSDictionary
 * description]`), as `mdmclient` and `defaults read` write it:
 *   { key = value; "quoted key" = "quoted value"; list = ( a, "b" ); data = <0fa1 22>; }
 * Numbers and booleans are printed as bare words (`1`, `0`); they are kept as text, the caller
 * decides. Throws on malformed or truncated input: a partial answer is no answer.
 */
import type { PlainValue } from './plist.js';

class Reader {
  private index = 0;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  fail(message: string): never {
    throw new Error(`${message} at offset ${this.index}`);
  }

  skipSpace(): void {
    for (;;) {
      while (this.index < this.text.length && /\s/.test(this.text[this.index] ?? '')) this.index++;
      if (this.text.startsWith('/*', this.index)) {
        const end = this.text.indexOf('*/', this.index + 2);
        if (end < 0) this.fail('unterminated comment');
        this.index = end + 2;
      } else if (this.text.startsWith('//', this.index)) {
        const end = this.text.indexOf('\n', this.index);
        this.index = end < 0 ? this.text.length : end + 1;
      } else return;
    }
  }

  peek(): string | undefined {
    this.skipSpace();
    return this.text[this.index];
  }

  expect(char: string): void {
    if (this.peek() !== char) this.fail(`expected '${char}'`);
    this.index++;
  }

  atEnd(): boolean {
    return this.peek() === undefined;
  }

  value(): PlainValue {
    const char = this.peek();
    if (char === '{') return this.dict();
    if (char === '(') return this.array();
    if (char === '"') return this.quoted();
    if (char === '<') return this.data();
    return this.bare();
  }

  private dict(): PlainValue {
    this.expect('{');
    const out: { [key: string]: PlainValue } = {};
    while (this.peek() !== '}') {
      if (this.atEnd()) this.fail('unterminated dictionary');
      const key = this.peek() === '"' ? this.quoted() : this.bare();
      this.expect('=');
      out[key] = this.value();
      this.expect(';');
    }
    this.index++;
    return out;
  }

  private array(): PlainValue {
    this.expect('(');
    const out: PlainValue[] = [];
    while (this.peek() !== ')') {
      if (this.atEnd()) this.fail('unterminated array');
      out.push(this.value());
      if (this.peek() === ',') this.index++;
      else if (this.peek() !== ')') this.fail("expected ',' or ')'");
    }
    this.index++;
    return out;
  }

  private quoted(): string {
    this.expect('"');
    let out = '';
    for (;;) {
      const char = this.text[this.index++];
      if (char === undefined) this.fail('unterminated string');
      if (char === '"') return out;
      if (char !== '\\') {
        out += char;
        continue;
      }
      const escaped = this.text[this.index++];
      if (escaped === undefined) this.fail('unterminated escape');
      if (escaped === 'n') out += '\n';
      else if (escaped === 't') out += '\t';
      else if (escaped === 'r') out += '\r';
      else if (escaped === 'U' || escaped === 'u') {
        const hex = this.at(/[0-9a-fA-F]{4}/y)?.[0];
        if (hex === undefined) this.fail('bad \\U escape');
        out += String.fromCharCode(parseInt(hex, 16));
        this.index += 4;
      } else if (/[0-7]/.test(escaped)) {
        const octal = this.at(/[0-7]{0,2}/y)?.[0] ?? '';
        out += String.fromCharCode(parseInt(escaped + octal, 8));
        this.index += octal.length;
      } else out += escaped;
    }
  }

  /** `<0fa1 22>`: binary data, dropped (null) like data in XML and binary plists. */
  private data(): null {
    this.expect('<');
    const end = this.text.indexOf('>', this.index);
    if (end < 0) this.fail('unterminated data');
    if (!/^[\s0-9a-fA-F]*$/.test(this.text.slice(this.index, end))) this.fail('bad data');
    this.index = end + 1;
    return null;
  }

  /** A sticky pattern matched where the parser stands, without copying the rest of the text. */
  private at(pattern: RegExp): RegExpExecArray | null {
    pattern.lastIndex = this.index;
    return pattern.exec(this.text);
  }

  private bare(): string {
    this.skipSpace();
    const match = this.at(/[A-Za-z0-9_$+/:.\-@]+/y);
    if (!match) this.fail('expected a value');
    this.index += match[0].length;
    return match[0];
  }
}

/** Parses one NeXTSTEP value (usually a dictionary); throws when anything but blanks follows it. */
export const parseNextStep = (text: string): PlainValue => {
  const reader = new Reader(text.replace(/^\uFEFF/, ''));
  const value = reader.value();
  if (!reader.atEnd()) reader.fail('text after the value');
  return value;
};
