import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePasswd } from './passwd.js';

/** /etc/passwd of the Debian 12 machine the samples were recorded on (fixtures/samples/users/README.md). */
const debian12 = readFileSync(new URL('../../../fixtures/samples/users/passwd-debian12', import.meta.url), 'utf8');

describe('parsePasswd', () => {
  it('reads every account of a real Debian 12 passwd file', () => {
    const entries = parsePasswd(debian12);
    expect(entries).toHaveLength(debian12.trim().split('\n').length);
    expect(entries[0]).toEqual({ name: 'root', uid: 0, gid: 0, home: '/root', shell: '/bin/bash' });
    expect(entries).toContainEqual({ name: 'cloudsdk', uid: 1000, gid: 1000, home: '/home/cloudsdk', shell: '/bin/bash' });
    expect(entries).toContainEqual({ name: 'nobody', uid: 65534, gid: 65534, home: '/nonexistent', shell: '/usr/sbin/nologin' });
    // GECOS with commas and spaces does not shift the fields.
    expect(entries.find((e) => e.name === 'postgres')?.home).toBe('/var/lib/postgresql');
  });

  it('skips comments, NIS compat lines, malformed lines and non-numeric ids', () => {
    const text = [
      '# comment',
      '+@netgroup::::::',
      '-baduser:x:::::',
      'short:x:1000:1000',
      'letters:x:abc:1000::/home/letters:/bin/sh',
      '',
      'alice:x:1001:1001:Alice:/home/alice:/bin/bash\r',
    ].join('\n');
    expect(parsePasswd(text)).toEqual([{ name: 'alice', uid: 1001, gid: 1001, home: '/home/alice', shell: '/bin/bash' }]);
  });
});
