import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrivateCli } from '../testing/private-cli.js';

const fixture = (name: string): string => `replay:${join(__dirname, '..', '..', 'fixtures', 'hosts', name)}`;

let work: string;
let bin: string;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'charter-epipe-'));
  bin = await buildPrivateCli(join(work, 'cli'));
}, 60_000);
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/**
 * Runs the CLI with its standard output a pipe whose reading end is closed before the child writes
 * (what `| head -1` leaves once head has its line): every write the child makes meets EPIPE.
 */
const withReaderGone = (argv: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...argv], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    child.stdout.destroy();
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolve({ code, signal, err });
    });
  });

describe('a reader that goes away (EPIPE)', () => {
  it('`charter rules | head -1` ends quietly with exit 0', async () => {
    const result = await withReaderGone(['rules']);
    expect(result).toEqual({ code: 0, signal: null, err: '' });
  });

  it('a check keeps its own exit code and still writes its --output file whole', async () => {
    const file = join(work, 'report.json');
    const result = await withReaderGone(['check', '--target', fixture('debian12-messenger'), '--format', 'text', '--format', 'json', '--output', file]);
    expect(result.code).toBe(1); // the messenger fixture fails; the broken pipe changes nothing
    expect(result.signal).toBeNull();
    expect(result.err).not.toMatch(/EPIPE|internal error|at .*\.js/);
    expect((JSON.parse(readFileSync(file, 'utf8')) as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
  });
});
