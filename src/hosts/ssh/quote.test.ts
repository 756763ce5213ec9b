import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { encodeRequestPath, shellCommand, shellQuote } from './quote.js';

const hostile = [
  "it's",
  "'",
  "''",
  '$(id)',
  '`id`',
  '${HOME}',
  'a;b&&c|d>e<f',
  '*',
  '?',
  '[a]',
  '~',
  '"',
  '\\',
  "\\'",
  'line\nbreak',
  '\t',
  ' ',
  '',
  '-n',
  '--',
  '!',
  '#x',
  'é€',
];

describe('shellQuote', () => {
  it('makes every hostile value one word that sh reads back unchanged', async () => {
    const script = `printf '%s\\0' ${shellCommand(hostile)}`;
    const { stdout } = await execa('sh', ['-c', script]);
    expect(stdout.split('\0').slice(0, -1)).toEqual(hostile);
  });

  it('refuses a NUL byte', () => {
    expect(() => shellQuote('a\0b')).toThrow(/NUL/);
  });
});

describe('encodeRequestPath', () => {
  it('leaves plain paths readable and escapes everything else as octal', () => {
    expect(encodeRequestPath('/proc/[0-9]*/comm')).toBe('/proc/[0-9]*/comm');
    expect(encodeRequestPath("/a b\n'\\é")).toBe('/a\\040b\\012\\047\\134\\303\\251');
  });

  it('never yields a space, a newline or a quote', () => {
    for (const value of hostile) expect(encodeRequestPath(value)).toMatch(/^[\x21-\x7e]*$/);
    for (const value of hostile) expect(encodeRequestPath(value)).not.toMatch(/[ '"$`;]/);
  });
});
