import { describe, expect, it } from 'vitest';
import { AnswerReader, FrameError } from './frames.js';

const ns = (bytes: string | Buffer): Buffer => {
  const body = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return Buffer.concat([Buffer.from(`${String(body.length)}:`), body, Buffer.from(',')]);
};
const rec = (...fields: string[]): Buffer => ns(fields.join('\0'));

// An answer as the agent writes it (agent.ts): heads with NUL-separated fields, then payloads.
const answer = Buffer.concat([
  rec('M', '/etc/os-release', 'l', '=../usr/lib/os-release', 'f', '382', '1700000000', '33188', '0'),
  rec('A', '/etc/gone'),
  rec('C', '/etc/hostname', 'ok'),
  ns(Buffer.from('bin\0ary\n', 'latin1')),
  rec('L', '/home', 'ok'),
  ns('alice\0bob'),
  rec('X', '7', '1', 't'),
  ns('out'),
  ns('err'),
  rec('E'),
]);

const expected = [
  {
    tag: 'M',
    path: '/etc/os-release',
    lstatType: 'l',
    link: '../usr/lib/os-release',
    stat: { type: 'file', size: 382, mtimeMs: 1_700_000_000_000, mode: 33188, uid: 0 },
  },
  { tag: 'A', path: '/etc/gone' },
  { tag: 'C', path: '/etc/hostname', status: 'ok', bytes: Buffer.from('bin\0ary\n', 'latin1') },
  { tag: 'L', path: '/home', names: ['alice', 'bob'] },
  { tag: 'X', id: 7, exitCode: 1, flags: 't', stdout: Buffer.from('out'), stderr: 'err' },
  { tag: 'E' },
];

describe('AnswerReader', () => {
  it('reads records whole, however the stream is cut', () => {
    for (let cut = 1; cut < answer.length; cut += 1) {
      const reader = new AnswerReader();
      const answers = [...reader.push(answer.subarray(0, cut)), ...reader.push(answer.subarray(cut))];
      expect(answers).toEqual([expected]);
    }
  });

  it('reads a stream that comes one byte at a time, and two answers in one chunk', () => {
    const reader = new AnswerReader();
    const twice = Buffer.concat([answer, answer]);
    const answers = [...twice].flatMap((byte) => reader.push(Buffer.from([byte])));
    expect(answers).toEqual([expected, expected]);
    expect(new AnswerReader().push(twice)).toEqual([expected, expected]);
  });

  it('refuses a bad length, an unknown record, a wrong field count and a missing comma', () => {
    expect(() => new AnswerReader().push(Buffer.from('x1:E,'))).toThrow(FrameError);
    expect(() => new AnswerReader().push(rec('Q', 'a'))).toThrow(/unknown record "Q"/);
    expect(() => new AnswerReader().push(rec('A', '/x', 'extra'))).toThrow(/has 3 fields, not 2/);
    expect(() => new AnswerReader().push(Buffer.from('1:E;'))).toThrow(/bad frame end/);
    expect(() => new AnswerReader().push(rec('M', '/x', 'f', '', 'f', 'many', '0', '0', '0'))).toThrow(/not a number/);
    expect(() => new AnswerReader().push(Buffer.from('12345678901234567890'))).toThrow(/bad frame length/);
  });
});

describe('AnswerReader record flags', () => {
  it('marks refused lookups, links and listings, and only those', () => {
    const stream = Buffer.concat([
      rec('R', '/root/x'),
      rec('M', '/proc/1/exe', 'l', '!', '-', '0', '0', '0', '0'),
      rec('M', '/bin', 'l', '=usr/bin', 'd', '4096', '1', '16877', '0'),
      rec('L', '/root', 'denied'),
      ns(''),
      rec('L', '/empty', 'ok'),
      ns(''),
      rec('E'),
    ]);
    const [records] = new AnswerReader().push(stream);
    expect(records).toEqual([
      { tag: 'A', path: '/root/x', denied: true },
      { tag: 'M', path: '/proc/1/exe', lstatType: 'l', link: undefined, stat: undefined, linkDenied: true },
      { tag: 'M', path: '/bin', lstatType: 'l', link: 'usr/bin', stat: { type: 'directory', size: 4096, mtimeMs: 1000, mode: 16877, uid: 0 } },
      { tag: 'L', path: '/root', names: undefined, denied: true },
      { tag: 'L', path: '/empty', names: [] },
      { tag: 'E' },
    ]);
    const [, , plainLink, , listed] = records ?? [];
    expect(plainLink?.tag === 'M' && plainLink.linkDenied).toBeUndefined();
    expect(listed?.tag === 'L' && listed.denied).toBeUndefined();
  });

  it('refuses a length that is not digits as soon as it is seen', () => {
    expect(() => new AnswerReader().push(Buffer.from('1x'))).toThrow(/bad frame length at byte 0/);
    expect(() => new AnswerReader().push(Buffer.from('1:E,:'))).toThrow(/bad frame length at byte 4/);
    // Digits alone may be a length cut by the chunk: more is awaited.
    expect(new AnswerReader().push(Buffer.from('12'))).toEqual([]);
  });
});

describe('AnswerReader frame limit', () => {
  it('refuses a frame announced over the limit at once, before its bytes arrive', () => {
    const reader = new AnswerReader(1024);
    expect(() => reader.push(Buffer.from('999999999999:'))).toThrow(FrameError);
    expect(() => new AnswerReader(1024).push(Buffer.from('2000:abc'))).toThrow(/2000 bytes announced; the limit is 1024 bytes/);
  });

  it('refuses a huge announced frame with the default limit, holding nothing', () => {
    const reader = new AnswerReader();
    const before = process.memoryUsage().arrayBuffers;
    expect(() => reader.push(Buffer.from('900000000000:x'))).toThrow(/the limit is/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1024 * 1024);
  });

  it('still reads a frame at the limit', () => {
    const reader = new AnswerReader(16);
    expect(reader.push(Buffer.concat([rec('C', '/f', 'ok'), ns('0123456789'), rec('E')]))).toHaveLength(1);
  });
});
