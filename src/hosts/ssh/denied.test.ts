import { describe, expect, it } from 'vitest';
import { RemoteTreeCache } from './cache.js';
import { AnswerReader } from './frames.js';

/** Netstrings as the agent prints them: `rec` fields joined by NUL, then the payload. */
const ns = (s: string): string => `${String(Buffer.byteLength(s))}:${s},`;
const rec = (...fields: string[]): string => ns(fields.join('\0'));

describe('a read the remote side refused for lack of permission', () => {
  it('is told apart from an absent path by the agent, and kept so by the cache', () => {
    const reader = new AnswerReader();
    const text =
      rec('C', '/root/.ssh/id_ed25519', 'denied') +
      ns('') +
      rec('C', '/etc/nothing-here', 'absent') +
      ns('') +
      rec('L', '/home/bob', 'denied') +
      ns('') +
      rec('M', '/proc/1/exe', 'l', '!', '-', '0', '0', '0', '0');
    const records = reader.push(Buffer.from(text + rec('E'))).flat();
    const cache = new RemoteTreeCache();
    cache.add(records);
    expect(cache.readFile('/root/.ssh/id_ed25519')).toBeUndefined();
    expect(cache.denied('f', '/root/.ssh/id_ed25519')).toBe(true);
    expect(cache.denied('f', '/etc/nothing-here')).toBe(false);
    expect(cache.denied('d', '/home/bob')).toBe(true);
    expect(cache.readLink('/proc/1/exe')).toBeUndefined();
    expect(cache.denied('s', '/proc/1/exe')).toBe(true);
  });

  it('makes what lies below a path the agent could not look up unknown, not absent', () => {
    const reader = new AnswerReader();
    const records = reader.push(Buffer.from(rec('R', '/home/bob/.config') + rec('A', '/home/carol/.config') + rec('E'))).flat();
    const cache = new RemoteTreeCache();
    cache.add(records);
    // Both look absent to the cache's derivation...
    expect(cache.stat('/home/bob/.config/Signal')).toBeUndefined();
    expect(cache.stat('/home/carol/.config/Signal')).toBeUndefined();
    // ...but only carol's is: bob's could not be looked up.
    expect(cache.denied('s', '/home/bob/.config')).toBe(true);
    expect(cache.denied('s', '/home/bob/.config/Signal')).toBe(true);
    expect(cache.denied('f', '/home/bob/.config/Signal/config.json')).toBe(true);
    expect(cache.denied('s', '/home/carol/.config/Signal')).toBe(false);
  });
});
