import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openSsh } from './index.js';
import { localShellTransport } from './local-transport.js';

const perl = existsSync('/usr/bin/perl');

describe.skipIf(process.platform !== 'linux' || !perl)('the agent (run locally)', () => {
  it('runs with a short command line: its program is not in every process listing of the machine', async () => {
    const host = await openSsh('localhost', { transport: localShellTransport(), manifest: [] });
    try {
      // The shell's parent is the agent, which started it.
      const result = await host.run('sh', ['-c', 'tr "\\000" " " < /proc/$PPID/cmdline']);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toMatch(/^perl -e /);
      expect(result.stdout.length).toBeLessThan(200);
      expect(result.stdout).not.toContain('sub content');
      // Nor in the environment of what it runs.
      expect((await host.run('sh', ['-c', 'printenv charter_agent'])).stdout).toBe('');
      // And it still answers reads.
      expect((await host.stat('/'))?.type).toBe('directory');
    } finally {
      await host.close();
    }
  });
});
