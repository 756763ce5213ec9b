/**
 * Fuzzing the ssh agent's frame decoder: any byte stream, cut anywhere, gives answers or a
 * FrameError, never a crash; well-formed records with random fields and payloads read back the
 * same however the stream is cut.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzSeed, hostileString, onlyTyped } from '../../testing/fuzz.js';
import { AnswerReader, FrameError } from './frames.js';

const numRuns = 500;

const ns = (body: Buffer): Buffer => Buffer.concat([Buffer.from(`${String(body.length)}:`), body, Buffer.from(',')]);
const head = (...fields: string[]): Buffer => ns(Buffer.from(fields.join('\0')));

const field = fc.oneof(
  fc.string({ maxLength: 12 }).map((s) => s.replace(/\0/g, '')),
  hostileString(2).map((s) => s.replace(/\0/g, '')),
  fc.constantFrom('', '0', '-1', '1e309', 'NaN', '=', '=../x', 'f', 'd', 'ok', 'big'),
);
const payload = fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a));

/** Records as the agent writes them, with random field values (valid or not). */
const record = fc.oneof(
  fc.tuple(field, field).map(([os, agent]) => [head('H', os, agent)]),
  field.map((p) => [head('A', p)]),
  fc.array(field, { minLength: 8, maxLength: 8 }).map((fs) => [head('M', ...fs)]),
  fc.tuple(field, fc.constantFrom('ok', 'absent', 'big', 'same', 'bad'), payload).map(([p, s, b]) => [head('C', p, s), ns(b)]),
  fc.tuple(field, fc.constantFrom('ok', 'absent'), payload).map(([p, s, b]) => [head('L', p, s), ns(b)]),
  fc.tuple(field, field, field, payload, payload).map(([id, exit, flags, out, err]) => [head('X', id, exit, flags), ns(out), ns(err)]),
  fc.constant([head('E')]),
  fc.array(field, { maxLength: 10 }).map((fs) => [head(...fs)]),
);

const stream = fc.oneof(
  fc.array(record, { maxLength: 10 }).map((rs) => Buffer.concat(rs.flat())),
  fc.tuple(fc.array(record, { maxLength: 6 }), fc.nat(), fc.integer({ min: 0, max: 255 })).map(([rs, at, byte]) => {
    const bytes = Buffer.concat(rs.flat());
    if (bytes.length > 0) bytes[at % bytes.length] = byte;
    return bytes;
  }),
  fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a)),
  fc.constantFrom('999999999999:', '9999999999999:', '1:', ':', '00000000000001:x,', `${'9'.repeat(12)}:`).map((s) => Buffer.from(s)),
);

const cuts = fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 });

/** Feeds `bytes` in chunks of the given sizes (cycled); the answers, or the FrameError. */
const feed = (bytes: Buffer, sizes: readonly number[]): unknown => {
  const reader = new AnswerReader();
  const answers: unknown[] = [];
  try {
    for (let i = 0, k = 0; i < bytes.length; k += 1) {
      const size = sizes[k % sizes.length] ?? 1;
      answers.push(...reader.push(bytes.subarray(i, i + size)));
      i += size;
    }
    return { answers };
  } catch (error) {
    onlyTyped(error, [FrameError]);
    return { error: 'FrameError', answers };
  }
};

describe('AnswerReader (fuzz)', () => {
  it(`gives answers or a FrameError for any bytes, cut anywhere (${String(numRuns)} runs, seed ${String(fuzzSeed)})`, () => {
    fc.assert(
      fc.property(stream, cuts, (bytes, sizes) => {
        feed(bytes, sizes);
      }),
      { seed: fuzzSeed, numRuns, interruptAfterTimeLimit: 20_000 },
    );
  });

  it(`reads the same answers whole or cut (${String(numRuns)} runs, seed ${String(fuzzSeed)})`, () => {
    fc.assert(
      fc.property(stream, cuts, (bytes, sizes) => {
        const whole = feed(bytes, [Math.max(1, bytes.length)]) as { answers: unknown[]; error?: string };
        const cut = feed(bytes, sizes) as { answers: unknown[]; error?: string };
        // A stream that fails whole fails cut too (maybe after fewer answers); one that reads, reads the same.
        if (whole.error === undefined) expect(cut).toEqual(whole);
        else expect(cut.error).toBe('FrameError');
      }),
      { seed: fuzzSeed, numRuns, interruptAfterTimeLimit: 20_000 },
    );
  });

  // found by fuzzing: '999999999999:' (any 12-digit length) was accepted, and the reader kept
  // buffering every chunk until a terabyte had arrived: an unbounded read from a hostile remote;
  // fixed by the cap on the frame length (src/limits.ts), then FrameError.
  it('refuses a declared frame length larger than any frame the agent writes', () => {
    const reader = new AnswerReader();
    expect(() => reader.push(Buffer.from('999999999999:abc'))).toThrow(FrameError);
  });
});
