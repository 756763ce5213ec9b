import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from './check.js';
import { openHost } from './hosts/index.js';
import { loadPolicy } from './policy/load.js';

/**
 * UPD-01 end to end on roots that hold nothing but an os-release: the verdict comes from the dated
 * lifecycle table and the clock, with no new release of charter. (Each os-release is the one the
 * distribution ships, from its release package.)
 */
const root = new URL('..', import.meta.url).pathname;
const releases = {
  centos8: 'NAME="CentOS Linux"\nVERSION="8"\nID="centos"\nID_LIKE="rhel fedora"\nVERSION_ID="8"\nPLATFORM_ID="platform:el8"\nPRETTY_NAME="CentOS Linux 8"\n',
  debian12:
    'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n',
};
let dir = '';

const upd01 = async (name: keyof typeof releases, at: string) => {
  const policy = await loadPolicy(join(root, 'policies', 'lu-state-charter.yaml'));
  const host = await openHost(`root:${join(dir, name)}`, { cwd: root });
  try {
    const now = new Date(at);
    const { report } = await check({ policy, host, language: 'en', now: () => now, tool: { name: 'charter', version: '0.0.0-test' } });
    return report.findings.find((f) => f.ruleId === 'UPD-01');
  } finally {
    await host.close();
  }
};

describe('UPD-01 on roots, by the lifecycle table and the clock', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'charter-lifecycle-'));
    for (const [name, text] of Object.entries(releases)) {
      await mkdir(join(dir, name, 'etc'), { recursive: true });
      await writeFile(join(dir, name, 'etc', 'os-release'), text);
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fails CentOS Linux 8, out of support since 2021-12-31', async () => {
    const finding = await upd01('centos8', '2026-12-07T10:00:00Z');
    expect(finding?.status).toBe('fail');
    expect(finding?.message).toContain('CentOS Linux 8');
  });

  it('passes Debian 12 today and fails it once its end of support has passed, with no change but the clock', async () => {
    expect((await upd01('debian12', '2026-12-07T10:00:00Z'))?.status).toBe('pass');
    expect((await upd01('debian12', '2028-07-01T10:00:00Z'))?.status).toBe('fail');
  });
});
