import { describe, expect, it } from 'vitest';
import { commonIni, iniSections, readIni } from './ini.js';

// The tokenizer's own edge cases. The readers built on it are tested on real files beside them
// (desktop entries, journald.conf, automatic.conf, profiles.ini, custom.conf, sssd.conf, smb.conf).
describe('readIni', () => {
  it('gives headers and entries in file order, with line numbers and groups', () => {
    const text = 'top = 1\n[one]\na=1\n\n# note\n; note\n[two]\nb = x = y\n[one]\na=2\n';
    expect(readIni(text)).toEqual({
      headers: ['one', 'two', 'one'],
      entries: [
        { section: '', group: 0, key: 'top', value: '1', line: 1 },
        { section: 'one', group: 1, key: 'a', value: '1', line: 3 },
        { section: 'two', group: 2, key: 'b', value: 'x = y', line: 8 },
        { section: 'one', group: 3, key: 'a', value: '2', line: 10 },
      ],
    });
  });

  it('reads CRLF files, a last line without newline, and skips lines that are not entries', () => {
    const text = '[s]\r\nk = v\r\n=no key\r\njust words\r\n  [ spaced ]  \r\nlast=1';
    const file = readIni(text);
    expect(file.headers).toEqual(['s', 'spaced']);
    expect(file.entries.map((e) => [e.section, e.key, e.value, e.line])).toEqual([
      ['s', 'k', 'v', 2],
      ['spaced', 'last', '1', 6],
    ]);
  });

  it('follows the dialect: comment marks and section names as written', () => {
    const text = '[ Desktop Entry ]\n;Name=kept\n#Name=comment\n';
    expect(readIni(text, { comments: ['#'], trimSectionNames: false }).entries).toEqual([
      { section: ' Desktop Entry ', group: 1, key: ';Name', value: 'kept', line: 2 },
    ]);
    expect(readIni(text, commonIni)).toEqual({ headers: ['Desktop Entry'], entries: [] });
  });

  it('takes an empty header as a section named ""', () => {
    expect(readIni('[a]\nx=1\n[]\ny=2\n').entries.map((e) => [e.section, e.group, e.key])).toEqual([
      ['a', 1, 'x'],
      ['', 2, 'y'],
    ]);
  });

  it('never throws on text that is not INI', () => {
    for (const text of ['', '\n\n', '[', ']', '[[]]', '====', '\u0000\uFFFF', 'a'.repeat(10_000)]) expect(() => readIni(text)).not.toThrow();
  });
});

describe('iniSections', () => {
  const file = readIni('before=0\n[Global]\nSecurity = ADS\nsecurity = user\n[empty]\n[global]\nRealm = X\n');

  it('lets the last value win, names compared without case when asked', () => {
    expect(iniSections(file, { wins: 'last', foldSections: true, foldKeys: true })).toEqual(
      new Map([
        ['', new Map([['before', '0']])],
        [
          'global',
          new Map([
            ['security', 'user'],
            ['realm', 'X'],
          ]),
        ],
        ['empty', new Map()],
      ]),
    );
  });

  it('lets the first value win, names as written', () => {
    expect(iniSections(file, { wins: 'first' })).toEqual(
      new Map([
        ['', new Map([['before', '0']])],
        [
          'Global',
          new Map([
            ['Security', 'ADS'],
            ['security', 'user'],
          ]),
        ],
        ['empty', new Map()],
        ['global', new Map([['Realm', 'X']])],
      ]),
    );
  });
});
