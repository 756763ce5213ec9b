import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../testing/memory-io.js';
import { run } from './main.js';

const root = resolve('.');

const charter = async (args: string[], now = new Date('2026-11-22T08:00:00Z')) => {
  const io = memoryIo({ cwd: root, now });
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
};

describe('charter waivers lint', () => {
  it('lists waivers by urgency and exits 1 when one expired or ends soon', async () => {
    const { code, out } = await charter(['waivers', 'lint', 'examples/organisation/waivers.yaml']);
    expect(code).toBe(1);
    expect(out.split('\n')).toEqual([
      'examples/organisation/waivers.yaml: 4 waivers for lu-state-charter, as of 2026-11-22',
      '  expired       LCK-01  ended 2026-06-30 (145 days ago)  all hosts  approved by Paul Weber, head of facilities  (examples/organisation/waivers.yaml:14)',
      '  expiring      ACC-01  ends 2026-12-15 (in 23 days)  build-*  approved by Jeanne Muller, RSSI  (examples/organisation/waivers.yaml:26)',
      '  not-yet-valid NET-01  starts 2027-01-01, ends 2027-02-28  local  approved by Jeanne Muller, RSSI  (examples/organisation/waivers.yaml:20)',
      '  active        ENC-01  ends 2027-03-31 (in 129 days)  lab-*, local  approved by Jeanne Muller, RSSI  (examples/organisation/waivers.yaml:7)',
      '2 need attention: 1 expired, 1 ending within 30 days.',
      '',
    ]);
  });

  it('takes --within and answers JSON', async () => {
    const { code, out } = await charter(
      ['waivers', 'lint', 'examples/organisation/waivers.yaml', '--within', '7', '--format', 'json'],
      new Date('2026-06-01T12:00:00Z'),
    );
    expect(code).toBe(0);
    const json = JSON.parse(out) as { asOf: string; expired: number; expiring: number; waivers: { rule: string; standing: string; daysLeft: number }[] };
    expect(json).toMatchObject({ asOf: '2026-06-01', expired: 0, expiring: 0 });
    expect(json.waivers.map((w) => [w.rule, w.standing, w.daysLeft])).toEqual([
      ['ACC-01', 'not-yet-valid', 197],
      ['NET-01', 'not-yet-valid', 272],
      ['ENC-01', 'not-yet-valid', 303],
      ['LCK-01', 'active', 29],
    ]);
  });

  it('refuses a waiver for an unknown rule with exit 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'charter-lint-'));
    try {
      const file = join(dir, 'w.yaml');
      await writeFile(file, 'waivers:\n  - { rule: XYZ-1, hosts: all, reason: why not, approver: me, granted: 2026-01-01, expires: 2026-12-31 }\n');
      const { code, err } = await charter(['waivers', 'lint', file]);
      expect(code).toBe(2);
      expect(err).toContain(`${file}:2:13: unknown rule 'XYZ-1'`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prints no raw control or bidi character from the waiver file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'charter-lint-'));
    try {
      const file = join(dir, 'w.yaml');
      const hostile = '\\e[31mred\\x9b2J\\nFAKE\\u202Etxt';
      await writeFile(
        file,
        `waivers:\n  - { rule: ENC-01, hosts: ["pc-${hostile}-*"], reason: why, approver: "Eve ${hostile}", granted: 2026-01-01, expires: 2026-12-31 }\n`,
      );
      const { code, out } = await charter(['waivers', 'lint', file]);
      expect(code).toBe(0);
      // eslint-disable-next-line no-control-regex
      expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(out).toContain('pc-\\x1b[31mred\\x9b2J\\x0aFAKE\\u{202e}txt-*  approved by Eve \\x1b[31mred\\x9b2J\\x0aFAKE\\u{202e}txt');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
