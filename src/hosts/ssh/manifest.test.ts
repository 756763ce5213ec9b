import { describe, expect, it } from 'vitest';
import { collectFacts } from '../../collect.js';
import { loadPolicy } from '../../policy/load.js';
import { probes } from '../../probes/index.js';
import { openSsh } from './index.js';
import { localShellTransport } from './local-transport.js';

/** Reads the manifest leaves to on-demand fetches on purpose (large, and read by one probe). */
const onDemandOnPurpose = [/^f \/var\/lib\/apt\/lists\/[^/]*Packages/];

const hasPerl = await import('node:fs').then(({ existsSync }) => existsSync('/usr/bin/perl'));

/**
 * The homes the agent sees are the test's own, whoever uses this machine: /home and /root are
 * empty file systems in a mount namespace of the session's own (unshare, as root or in a user
 * namespace), holding one user's home with the data directories and config of messengers, so
 * their reads are always covered, and never the data of the people who use the machine.
 */
const fakeHomes = [
  'mount -t tmpfs tmpfs /home',
  'mount -t tmpfs tmpfs /root',
  'for d in .config/Signal .local/share/TelegramDesktop .config/Element .var/app/im.riot.Riot/config/Element; do mkdir -p "/home/alice/$d"; done',
  `printf '%s' '{"default_server_config":{"m.homeserver":{"base_url":"https://matrix.example.org"}}}' > /home/alice/.config/Element/config.json`,
  'exec sh -s',
].join(' && ');
const isolated = await import('node:child_process').then(
  ({ spawnSync }) => spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs tmpfs /home'], { stdio: 'ignore' }).status === 0,
);

describe.skipIf(process.platform !== 'linux' || !hasPerl || !isolated)('the prefetch manifest', () => {
  it('covers every read of every probe on this machine, homes with messenger data included (agent run locally, no ssh)', async () => {
    const policy = await loadPolicy('policies/lu-state-charter.yaml');
    const host = await openSsh('localhost', { transport: localShellTransport(['unshare', '-rm', 'sh', '-c', fakeHomes]) });
    try {
      expect(host.roundTrips).toBe(1);
      const facts = await collectFacts(host, Object.keys(probes), {
        platform: 'linux',
        catalog: policy.catalog,
        now: new Date(),
        timeoutMs: 30_000,
      });
      for (const [id, outcome] of Object.entries(facts)) expect([id, outcome.status]).toEqual([id, 'ok']);
      const uncovered = host.fetchedOnDemand.filter((key) => !onDemandOnPurpose.some((pattern) => pattern.test(key)));
      expect(uncovered).toEqual([]);
    } finally {
      await host.close();
    }
  }, 30_000);
});
