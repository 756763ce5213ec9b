import { describe, expect, it } from 'vitest';
import { gvdbHash, parseGvdb, GvdbError } from './gvdb.js';
import { screenLockSample } from '../../../testing/dconf-samples.js';

describe('parseGvdb on files written by dconf 0.40', () => {
  it('reads the header of a compiled system database byte by byte', () => {
    const file = screenLockSample('dconf/db/local');
    expect(file.subarray(0, 8).toString('latin1')).toBe('GVariant');
    expect(file.readUInt32LE(8)).toBe(0); // version
    expect(file.readUInt32LE(16)).toBe(0x18); // root table starts right after the header
    expect(file.readUInt32LE(20)).toBe(0x170);
    // Root hash table header: no bloom words (bloom shift 5 in the top bits), 12 buckets.
    expect(file.readUInt32LE(0x18)).toBe(0x28000000);
    expect(file.readUInt32LE(0x1c)).toBe(12);
    const table = parseGvdb(file);
    expect(table.littleEndian).toBe(true);
    expect(table.items).toHaveLength((0x170 - 0x18 - 8 - 12 * 4) / 24);
  });

  it('hashes names like gvdb (djb over signed bytes) and finds them through the buckets', () => {
    const table = parseGvdb(screenLockSample('dconf/db/local'));
    const item = table.lookup('/org/gnome/desktop/session/idle-delay');
    expect(item?.type).toBe('v');
    expect(item?.hash).toBe(gvdbHash('/org/gnome/desktop/session/idle-delay'));
    expect(item?.segment).toBe('idle-delay'); // only the last segment is stored; the rest is the parent chain
    expect(gvdbHash('')).toBe(5381);
    expect(gvdbHash('é')).toBe(((5381 * 33 + (0xc3 - 256)) * 33 + (0xa9 - 256)) >>> 0);
    expect(table.lookup('/org/gnome/desktop/session/no-such-key')).toBeUndefined();
  });

  it('rebuilds nested paths from parent chains, directories as child lists', () => {
    const table = parseGvdb(screenLockSample('dconf/db/local'));
    expect(table.names()).toEqual([
      '.locks',
      '/',
      '/org/',
      '/org/gnome/',
      '/org/gnome/desktop/',
      '/org/gnome/desktop/lockdown/',
      '/org/gnome/desktop/lockdown/disable-lock-screen',
      '/org/gnome/desktop/screensaver/',
      '/org/gnome/desktop/screensaver/lock-delay',
      '/org/gnome/desktop/screensaver/lock-enabled',
      '/org/gnome/desktop/session/',
      '/org/gnome/desktop/session/idle-delay',
    ]);
    expect(table.lookup('/org/gnome/desktop/')?.type).toBe('L');
  });

  it('decodes the values with their GVariant types', () => {
    const table = parseGvdb(screenLockSample('dconf/db/local'));
    expect(table.value('/org/gnome/desktop/screensaver/lock-enabled')).toEqual({ type: 'b', value: true });
    expect(table.value('/org/gnome/desktop/screensaver/lock-delay')).toEqual({ type: 'u', value: 0 });
    expect(table.value('/org/gnome/desktop/session/idle-delay')).toEqual({ type: 'u', value: 300 });
    expect(table.value('/org/gnome/desktop/lockdown/disable-lock-screen')).toEqual({ type: 'b', value: false });
    expect(table.value('/org/gnome/desktop/session/')).toBeUndefined(); // a directory, not a value
  });

  it('reads the nested .locks table of a database with locks', () => {
    const locks = parseGvdb(screenLockSample('dconf/db/local')).table('.locks');
    expect(locks?.names()).toEqual([
      '/org/gnome/desktop/lockdown/disable-lock-screen',
      '/org/gnome/desktop/screensaver/lock-delay',
      '/org/gnome/desktop/screensaver/lock-enabled',
      '/org/gnome/desktop/session/idle-delay',
    ]);
    expect(locks?.value('/org/gnome/desktop/session/idle-delay')).toEqual({ type: 's', value: '' });
    expect(parseGvdb(screenLockSample('dconf/db/site')).table('.locks')).toBeUndefined();
    expect(parseGvdb(screenLockSample('dconf/db/locksonly')).table('.locks')?.names()).toEqual(['/org/gnome/desktop/session/idle-delay']);
  });

  it('keeps the type a keyfile value without a type prefix gets (int32)', () => {
    expect(parseGvdb(screenLockSample('dconf/db/wrongtype')).value('/org/gnome/desktop/session/idle-delay')).toEqual({ type: 'i', value: 60 });
  });

  it('reads user databases written by dconf-service through gsettings', () => {
    const never = parseGvdb(screenLockSample('dconf/user/written-never'));
    expect(never.value('/org/gnome/desktop/session/idle-delay')).toEqual({ type: 'u', value: 0 });
    expect(never.value('/org/gnome/desktop/screensaver/lock-enabled')).toEqual({ type: 'b', value: true });
    const disabled = parseGvdb(screenLockSample('dconf/user/written-disabled'));
    expect(disabled.value('/org/gnome/desktop/screensaver/lock-enabled')).toEqual({ type: 'b', value: false });
    expect(disabled.value('/org/gnome/desktop/lockdown/disable-lock-screen')).toEqual({ type: 'b', value: true });
    const compiled = parseGvdb(screenLockSample('dconf/user/compiled-900'));
    expect(compiled.value('/org/gnome/desktop/media-handling/autorun-never')).toEqual({ type: 'b', value: true });
    expect(compiled.value('/org/mate/screensaver/lock-delay')).toEqual({ type: 'i', value: 2 });
  });

  it('reads a byte-swapped (big-endian) file', () => {
    const le = screenLockSample('dconf/db/locksonly');
    // Build the big-endian twin of the little-endian file: swap every 32-bit header/table word and
    // the 16-bit key sizes; strings and the (empty string) lock values are byte-order free.
    const be = Buffer.from(le);
    const swap32 = (at: number) => be.writeUInt32BE(le.readUInt32LE(at), at);
    for (let at = 0; at < 24; at += 4) swap32(at);
    const swapTable = (start: number, end: number) => {
      swap32(start);
      swap32(start + 4);
      const buckets = le.readUInt32LE(start + 4);
      for (let i = 0; i < buckets; i += 1) swap32(start + 8 + i * 4);
      for (let at = start + 8 + buckets * 4; at < end; at += 24) {
        [0, 4, 8, 16, 20].forEach((o) => swap32(at + o));
        be.writeUInt16BE(le.readUInt16LE(at + 12), at + 12);
      }
    };
    swapTable(0x18, 0x58);
    swapTable(0x60, 0x84);
    const table = parseGvdb(be);
    expect(table.littleEndian).toBe(false);
    expect(table.table('.locks')?.names()).toEqual(['/org/gnome/desktop/session/idle-delay']);
  });

  it('rejects what is not a GVDB file', () => {
    expect(() => parseGvdb(Buffer.from('[org/gnome/desktop/session]\nidle-delay=uint32 300\n'))).toThrow(GvdbError);
    expect(() => parseGvdb(Buffer.alloc(10))).toThrow(GvdbError);
    const truncated = screenLockSample('dconf/db/local').subarray(0, 100);
    expect(() => parseGvdb(truncated)).toThrow(GvdbError);
  });
});
