import { describe, expect, it } from 'vitest';
import { collectFacts, withDeniedReads, type CollectOptions } from './collect.js';
import type { ProbeOutcome } from './model.js';
import { noteDeniedRead, noticingDeniedReads } from './hosts/denied-reads.js';
import { absentAsUndefined } from './hosts/local.js';
import { fakeHost } from './testing/fake-host.js';

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

describe('a process table two probes share', () => {
  /** /proc with init, and an sshd of another user whose executable link cannot be read. */
  const procHost = () => {
    const host = fakeHost({
      files: {
        '/proc/1/comm': 'systemd\n',
        '/proc/1/cmdline': '/sbin/init\0',
        '/proc/4242/comm': 'sshd\n',
        '/proc/4242/cmdline': 'sshd: /usr/sbin/sshd -D [listener]\0',
        '/usr/sbin/sshd': '',
      },
      links: { '/proc/1/exe': '/usr/lib/systemd/systemd' },
      stats: { '/proc/4242': { uid: 0 } },
      capabilities: { exec: false },
    });
    let listings = 0;
    const readDir = host.readDir.bind(host);
    const readLink = host.readLink.bind(host);
    host.readDir = (path) => {
      if (path === '/proc') listings += 1;
      return readDir(path);
    };
    host.readLink = (path) => {
      if (path !== '/proc/4242/exe') return readLink(path);
      // What the local host does on EACCES: note it for the work that asked, answer undefined.
      noteDeniedRead(path);
      return Promise.resolve(undefined);
    };
    return { host, listings: () => listings };
  };

  it('is scanned once per run, and its refused reads are noted for every probe that used it', async () => {
    const { host, listings } = procHost();
    // ssh-server asks for sshd, screen-lock for desktop shells (no logind sessions here): both read the table.
    const facts = await collectFacts(host, ['ssh-server', 'screen-lock'], { platform: 'linux', catalog: { apps: [] }, now: new Date(0), timeoutMs: 10_000 });
    expect(listings()).toBe(1);
    for (const id of ['ssh-server', 'screen-lock']) {
      const outcome = facts[id];
      expect(outcome?.status, id).toBe('partial');
      const details = outcome?.status === 'partial' ? Object.values(outcome.unknown).map((u) => u.detail) : [];
      expect(details.length, id).toBeGreaterThan(0);
      for (const detail of details) expect(detail, id).toContain('/proc/4242/exe');
    }
  });

  it('is scanned again by the next run, whose probes are told again', async () => {
    const { host, listings } = procHost();
    const options: CollectOptions = { platform: 'linux', catalog: { apps: [] }, now: new Date(0), timeoutMs: 10_000 };
    const first = await collectFacts(host, ['ssh-server'], options);
    const second = await collectFacts(host, ['ssh-server'], options);
    expect(listings()).toBe(2);
    expect(second).toEqual(first);
    expect(second['ssh-server']?.status).toBe('partial');
  });
});
