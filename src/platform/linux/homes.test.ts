import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { noteDeniedRead, noticingDeniedReads } from '../../hosts/denied-reads.js';
import type { Host } from '../../hosts/host.js';
import { fakeHost } from '../../testing/fake-host.js';
import { runShared } from '../run-shared.js';
import { isPersonUid, listHomes } from './homes.js';

const debian12 = readFileSync(new URL('../../../fixtures/samples/users/passwd-debian12', import.meta.url), 'utf8');

describe('isPersonUid', () => {
  it('takes root and the 1000–59999 range', () => {
    expect([0, 1, 999, 1000, 59999, 60000, 65534].map(isPersonUid)).toEqual([true, false, false, true, true, false, false]);
  });
});

describe('listHomes', () => {
  it('lists root and people whose home exists, from a real Debian 12 passwd', async () => {
    const host = fakeHost({
      files: { '/etc/passwd': debian12 },
      dirs: { '/root': [], '/home': ['cloudsdk'], '/home/cloudsdk': [], '/var/lib/postgresql': [] },
      stats: { '/home/cloudsdk': { type: 'directory', uid: 1000 } },
    });
    expect(await listHomes(host)).toEqual([
      { user: 'cloudsdk', uid: 1000, home: '/home/cloudsdk', source: 'passwd' },
      { user: 'root', uid: 0, home: '/root', source: 'passwd' },
    ]);
  });

  it('skips accounts whose home is missing, and adds /home directories no account claims', async () => {
    const host = fakeHost({
      files: {
        '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\nbob:x:1001:1001::/home/bob/:/bin/bash\ngone:x:1002:1002::/home/gone:/bin/bash\n',
      },
      dirs: { '/home': ['bob', 'jdoe@corp.example', 'lost+found', '.snapshots'] },
      stats: {
        '/home/bob': { type: 'directory', uid: 1001 },
        '/home/jdoe@corp.example': { type: 'directory', uid: 812400123 },
        '/home/lost+found': { type: 'directory', uid: 0 },
      },
    });
    expect(await listHomes(host)).toEqual([
      { user: 'bob', uid: 1001, home: '/home/bob', source: 'passwd' },
      { user: 'jdoe@corp.example', uid: 812400123, home: '/home/jdoe@corp.example', source: 'home-dir' },
    ]);
  });

  it('answers an empty list on a target without passwd or /home', async () => {
    expect(await listHomes(fakeHost())).toEqual([]);
  });
});

describe('listHomes in a run', () => {
  /** A host that counts its reads of /etc/passwd and may not list /home. */
  const counting = (): { host: Host; passwdReads: () => number } => {
    const base = fakeHost({ files: { '/etc/passwd': debian12 }, dirs: { '/root': [] } });
    let passwdReads = 0;
    const host: Host = {
      ...base,
      readFile: (path) => {
        if (path === '/etc/passwd') passwdReads += 1;
        return base.readFile(path);
      },
      readDir: (path) => {
        if (path === '/home') {
          noteDeniedRead(path);
          return Promise.resolve(undefined);
        }
        return base.readDir(path);
      },
    };
    return { host, passwdReads: () => passwdReads };
  };

  it('finds the homes once for every probe of the run, each told what could not be read, each with its own copy', async () => {
    const { host, passwdReads } = counting();
    const context = { shared: runShared(host) };
    const [mine, theirs] = [new Set<string>(), new Set<string>()];
    const first = await noticingDeniedReads(mine, () => listHomes(host, context));
    const second = await noticingDeniedReads(theirs, () => listHomes(host, context));
    expect(passwdReads()).toBe(1);
    expect(first).toEqual([{ user: 'root', uid: 0, home: '/root', source: 'passwd' }]);
    expect(second).toEqual(first);
    expect([...mine]).toEqual(['/home']);
    expect([...theirs]).toEqual(['/home']);
    // One probe changing its list changes no other's.
    (first[0] as { user: string }).user = 'changed';
    first.pop();
    expect(await listHomes(host, context)).toEqual([{ user: 'root', uid: 0, home: '/root', source: 'passwd' }]);
  });

  it('reads again outside a run', async () => {
    const { host, passwdReads } = counting();
    await listHomes(host);
    await listHomes(host);
    expect(passwdReads()).toBe(2);
  });
});
