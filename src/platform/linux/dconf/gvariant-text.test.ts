import { describe, expect, it } from 'vitest';
import { parseGVariantText, GVariantTextError } from './gvariant-text.js';

describe('parseGVariantText', () => {
  it('reads the values gsettings prints and keyfiles hold', () => {
    expect(parseGVariantText('uint32 300')).toEqual({ type: 'u', value: 300 });
    expect(parseGVariantText('true')).toEqual({ type: 'b', value: true });
    expect(parseGVariantText("'Monospace 11'")).toEqual({ type: 's', value: 'Monospace 11' });
    expect(parseGVariantText('"%A %B %-e"')).toEqual({ type: 's', value: '%A %B %-e' });
    expect(parseGVariantText("['<Alt>F1']")).toEqual({ type: 'as', value: ['<Alt>F1'] });
    expect(parseGVariantText('@as []')).toEqual({ type: 'as', value: [] });
    expect(parseGVariantText("{'a': <1>}")).toEqual({ type: 'a{sv}', value: [['a', { type: 'i', value: 1 }]] });
    expect(parseGVariantText("(1, 'x')")).toEqual({ type: '(is)', value: [1, 'x'] });
    expect(parseGVariantText('int64 -5')).toEqual({ type: 'x', value: -5 });
    expect(parseGVariantText('0.5')).toEqual({ type: 'd', value: 0.5 });
    expect(parseGVariantText("'it\\'s \\u00e9'")).toEqual({ type: 's', value: "it's é" });
  });

  it('infers int32 for a bare number, as g_variant_parse does for dconf keyfiles', () => {
    expect(parseGVariantText('300')).toEqual({ type: 'i', value: 300 });
    expect(parseGVariantText('0x10')).toEqual({ type: 'i', value: 16 });
  });

  it('reads a bare value as the expected schema type', () => {
    expect(parseGVariantText('300', 'u')).toEqual({ type: 'u', value: 300 });
    expect(parseGVariantText('[]', 'as')).toEqual({ type: 'as', value: [] });
    expect(parseGVariantText("[ 'windowmanager', 'panel' ]", 'as')).toEqual({ type: 'as', value: ['windowmanager', 'panel'] });
    expect(parseGVariantText('nothing', 'mu')).toEqual({ type: 'mu', value: null });
    expect(parseGVariantText('5', 'mu')).toEqual({ type: 'mu', value: 5 });
  });

  it('rejects values that do not fit', () => {
    expect(() => parseGVariantText('-1', 'u')).toThrow(GVariantTextError);
    expect(() => parseGVariantText('uint32 1', 'i')).toThrow(GVariantTextError);
    expect(() => parseGVariantText('1.5', 'u')).toThrow(GVariantTextError);
    expect(() => parseGVariantText('default')).toThrow(GVariantTextError); // unquoted: glib-compile-schemas rejects it too
    expect(() => parseGVariantText('[]')).toThrow(GVariantTextError);
    expect(() => parseGVariantText("'a' 'b'")).toThrow(GVariantTextError);
  });
});
