import { afterAll, describe, expect, it } from 'vitest';
import { killAll, processesWith, sleepMarker, waitFor } from '../../testing/processes.js';
import { liveChildren } from '../children.js';
import { openSsh } from './index.js';
import { localShellTransport } from './local-transport.js';

/**
 * close() while a batch is under way (a probe or the whole host timed out, and the remote side may
 * never answer): the session is ended at once instead of waited for, and nothing of it is left
 * here. The agent runs on the local `sh -s` (no sshd needed).
 */
describe.skipIf(process.platform !== 'linux')('ssh host: close while a batch is under way', () => {
  const marker = sleepMarker();
  afterAll(async () => {
    // The remote command itself ends at its own deadline on the remote side; here it is local.
    killAll(await processesWith(marker));
  });

  it('ends the session at once, and the pending command rejects', async () => {
    const host = await openSsh('localhost', { transport: localShellTransport(), manifest: [] });
    const running = host.run('sleep', ['1000', marker], { timeoutMs: 600_000 });
    running.catch(() => undefined);
    await waitFor(async () => (await processesWith(marker)).length === 1, 10_000);
    await host.close();
    await expect(running).rejects.toThrow(/closed/);
    expect(liveChildren()).toBe(0);
  });
});
