import { describe, expect, it } from 'vitest';
import { parseMetainfo } from '../../../probes/installed-apps/parse.js';
import { decodeEntities, xmlTokens } from './xml.js';

describe('decodeEntities', () => {
  it('expands the five predefined entities and character references, nothing else', () => {
    expect(decodeEntities('&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos; &#233; &#xE9;')).toBe('<a> & "b" \'c\' é é');
    expect(decodeEntities('&nbsp; &custom;')).toBe('&nbsp; &custom;');
  });

  it('keeps a reference beyond Unicode as written instead of throwing', () => {
    expect(decodeEntities('a&#x110000;b&#1114112;c')).toBe('a&#x110000;b&#1114112;c');
    expect(decodeEntities('&#x10FFFF;')).toBe('\u{10FFFF}');
  });

  it('lets every XML reader survive such a reference from a checked machine', () => {
    expect(xmlTokens('<key name="a&#x110000;">x</key>')[0]).toMatchObject({ kind: 'open', attributes: { name: 'a&#x110000;' } });
    expect(parseMetainfo('<component><name>Chat&#x110000;</name><release version="1&#x110000;"/></component>')).toEqual({
      name: 'Chat&#x110000;',
      version: '1&#x110000;',
    });
  });
});
