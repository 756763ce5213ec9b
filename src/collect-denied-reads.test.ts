import { describe, expect, it } from 'vitest';
import { withDeniedReads } from './collect.js';
import type { ProbeOutcome } from './model.js';
import { noticingDeniedReads } from './hosts/denied-reads.js';
import { absentAsUndefined } from './hosts/local.js';

const refused = (code: string, path: string) => (): Promise<string> => Promise.reject(Object.assign(new Error(`${code}: ${path}`), { code, path }));

describe('permission-denied reads', () => {
  it('are answered undefined by the local host and noted for the work that asked, across awaits', async () => {
    const mine = new Set<string>();
    const theirs = new Set<string>();
    await Promise.all([
      noticingDeniedReads(mine, async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        expect(await absentAsUndefined(refused('EACCES', '/root/.config'))).toBeUndefined();
        expect(await absentAsUndefined(refused('EPERM', '/proc/1/environ'))).toBeUndefined();
      }),
      noticingDeniedReads(theirs, async () => {
        expect(await absentAsUndefined(refused('ENOENT', '/nowhere'))).toBeUndefined();
      }),
    ]);
    expect([...mine].sort()).toEqual(['/proc/1/environ', '/root/.config']);
    expect([...theirs]).toEqual([]);
  });

  it('make a probe partial: its null facts unknown and its lists incomplete, for that reason', () => {
    const outcome = withDeniedReads(
      { status: 'ok', facts: { users: [{ name: 'a' }], lockEnabled: null, graphical: true, passwd: ['root'], reasons: ['x'] } },
      new Set(['/home/b/.config/dconf/user', '/home/c/x', '/home/d/y', '/home/e/z']),
      ['passwd'],
    );
    expect(outcome).toMatchObject({
      status: 'partial',
      facts: { graphical: true },
      unknown: {
        users: { code: 'permission', detail: '/home/b/.config/dconf/user, /home/c/x, /home/d/y and 1 more cannot be read without administrator rights' },
        lockEnabled: { code: 'permission' },
      },
    });
    expect(outcome.status === 'partial' && Object.keys(outcome.unknown).sort()).toEqual(['lockEnabled', 'users']);
  });

  it('change nothing when no read was refused, or when the probe gave no facts', () => {
    const ok: ProbeOutcome = { status: 'ok', facts: { users: [] } };
    expect(withDeniedReads(ok, new Set(), [])).toBe(ok);
    const failed = { status: 'error', message: 'boom' } as const;
    expect(withDeniedReads(failed, new Set(['/x']), [])).toBe(failed);
  });

  it('keep what a partial probe already said about a field', () => {
    const own = { code: 'tool-missing', detail: 'no dconf' } as const;
    const outcome = withDeniedReads({ status: 'partial', facts: { users: [] }, unknown: { users: own } }, new Set(['/x']), []);
    expect(outcome).toMatchObject({ unknown: { users: own } });
  });
});
