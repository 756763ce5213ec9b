import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PolicyError } from '../errors.js';
import { loadPolicy } from '../policy/load.js';
import type { Policy } from '../policy/policy.js';
import { loadAttestations, loadWaivers } from './load.js';

let policy: Policy;
let dir: string;
beforeAll(async () => {
  policy = await loadPolicy('policies/lu-state-charter.yaml', { precompiled: false });
  dir = await mkdtemp(join(tmpdir(), 'charter-governance-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const problems = async (load: typeof loadWaivers | typeof loadAttestations, text: string): Promise<string[]> => {
  await writeFile(join(dir, 'file.yaml'), text);
  try {
    await load('file.yaml', policy, dir);
  } catch (error) {
    if (error instanceof PolicyError) return error.problems.map((p) => `${p.file}:${String(p.line)}:${String(p.col)}: ${p.message}`);
    throw error;
  }
  return [];
};

describe('waiver files', () => {
  it('loads the example with where each waiver is written', async () => {
    const waivers = await loadWaivers('examples/organisation/waivers.yaml', policy, process.cwd());
    expect(waivers.map((w) => [w.rule, w.line, w.file])).toEqual([
      ['ENC-01', 7, 'examples/organisation/waivers.yaml'],
      ['LCK-01', 14, 'examples/organisation/waivers.yaml'],
      ['NET-01', 20, 'examples/organisation/waivers.yaml'],
      ['ACC-01', 26, 'examples/organisation/waivers.yaml'],
    ]);
    expect(waivers[0]).toMatchObject({
      hosts: ['lab-*', 'local'],
      approver: 'Jeanne Muller, RSSI',
      granted: '2026-10-01',
      expires: '2027-03-31',
      ticket: 'SI-2026-101',
    });
    expect(waivers[1]?.hosts).toBe('all');
  });

  it('refuses unknown rules, manual rules, impossible dates and missing fields, each at its place', async () => {
    const text = `waivers:
  - rule: NOPE-01
    hosts: all
    reason: because
    approver: me
    granted: 2026-01-01
    expires: 2026-02-01
  - rule: CND-01
    hosts: all
    reason: because
    approver: me
    granted: 2026-02-30
    expires: 2026-01-01
  - rule: ENC-01
    hosts: []
    reason: because
    granted: 2026-03-01
    expires: 2026-02-01
`;
    expect(await problems(loadWaivers, text)).toEqual([
      expect.stringMatching(/file\.yaml:2:11: unknown rule 'NOPE-01': the policy lu-state-charter has no such rule$/) as string,
      expect.stringMatching(/file\.yaml:8:11: rule CND-01 is checked by hand: attest it \(--attestations\) instead of waiving it$/) as string,
      expect.stringMatching(/file\.yaml:12:14: granted: 2026-02-30 is not a calendar date$/) as string,
      expect.stringMatching(/file\.yaml:14:5: waivers\.2: missing required key 'approver'$/) as string,
      expect.stringMatching(/file\.yaml:15:12: waivers\.2\.hosts: must be "all", or a list/) as string,
      expect.stringMatching(/file\.yaml:18:14: expires \(2026-02-01\) is before granted \(2026-03-01\)$/) as string,
    ]);
  });

  it('names a file that is not there', async () => {
    expect(await problems(loadWaivers, '')).toEqual([expect.stringMatching(/file\.yaml:1:1: .*(must be object|missing required key 'waivers')/) as string]);
    await expect(loadWaivers('missing.yaml', policy, dir)).rejects.toThrow(/missing\.yaml:1:1: cannot read file: no such file/);
  });
});

describe('attestation files', () => {
  it('loads the example; hosts default to all', async () => {
    const attestations = await loadAttestations('examples/organisation/attestations.yaml', policy, process.cwd());
    expect(attestations.map((a) => [a.rule, a.hosts, a.line])).toEqual([
      ['CND-01', 'all', 6],
      ['CND-02', 'all', 15],
    ]);
  });

  it('accepts only manual rules of the policy', async () => {
    const text = `attestations:
  - rule: ENC-01
    by: someone
    date: 2026-01-01
    validUntil: 2026-12-31
    statement: disks are encrypted
  - rule: CND-99
    by: someone
    date: 2026-01-01
    validUntil: 2026-12-31
    statement: fine
`;
    expect(await problems(loadAttestations, text)).toEqual([
      expect.stringMatching(/file\.yaml:2:11: rule ENC-01 is checked automatically; only manual rules can be attested$/) as string,
      expect.stringMatching(/file\.yaml:7:11: unknown rule 'CND-99'/) as string,
    ]);
  });
});

describe('waiver and attestation files: ordinary mistakes are one problem each, at their place', () => {
  const waiver = (rule: string, extra = ''): string =>
    `waivers:\n  - rule: ${rule}\n    hosts: all\n    reason: because\n    approver: me\n    granted: 2026-01-01\n    expires: 2026-02-01\n${extra}`;

  it('a rule named like an Object member is an unknown rule', async () => {
    for (const rule of ['constructor', '__proto__', 'toString']) {
      expect(await problems(loadWaivers, waiver(rule))).toEqual([expect.stringMatching(new RegExp(`file\\.yaml:2:11: unknown rule '${rule}'`)) as string]);
    }
  });

  it('a YAML syntax error is at its line, an alias cycle at the alias', async () => {
    expect(await problems(loadWaivers, `${waiver('ENC-01')}  - rule: [\n    hosts: all\n`)).toEqual([
      expect.stringMatching(/file\.yaml:(8|9|10):\d+: YAML: /) as string,
    ]);
    expect(await problems(loadAttestations, 'attestations: &a\n  - *a\n')).toEqual([
      expect.stringMatching(/file\.yaml:2:5: YAML: an alias refers to a node that contains it/) as string,
    ]);
  });

  it('impossible dates are refused', async () => {
    const text = waiver('ENC-01').replace('granted: 2026-01-01', 'granted: 2026-13-45');
    expect(await problems(loadWaivers, text)).toEqual([expect.stringMatching(/file\.yaml:6:14: granted: 2026-13-45 is not a calendar date$/) as string]);
  });
});
