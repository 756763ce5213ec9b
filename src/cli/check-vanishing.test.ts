/**
 * Acceptance check of "Unknown is never compliant" for things that vanish: with a messenger data
 * directory in a user's home and short-lived processes spawning in a loop, 20 runs of
 * `charter check` give 20 times the same MSG-01 verdict: fail, naming the directory.
 *
 * Before hosts treated ESRCH as absent, a process reaped while its cmdline was read failed the
 * app-activity probe as a whole, `software` was derived without it and MSG-01 passed.
 *
 * How the home is made, and why: the probe finds homes from /etc/passwd and /home (not $HOME), so
 * a temporary home must be a real home of the checked machine. Each run is the built CLI, a whole
 * process checking the local target (its live /proc scan included), started by `unshare --mount`
 * in a private mount namespace where a tmpfs covers /home and /root (the machine's own homes are
 * hidden, whatever their users keep there) and a two-line passwd (root, and `agent` whose home is
 * /home/agent) is bind-mounted over /etc/passwd. Telegram's data directory is created in that
 * tmpfs. Nothing is written to the machine's homes or users: the mounts and the directory end with
 * the namespace, when the run ends. It needs root and unshare(1) (util-linux); without them the
 * test is skipped, saying so. The loop of short-lived processes runs outside the namespace, in
 * the same PID namespace, so the checked /proc sees it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPrivateCli } from '../testing/private-cli.js';
import { execa, execaSync } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../model.js';
import { startProcessChurn, type ProcessChurn } from '../testing/process-churn.js';

const runs = 20;
const dataDir = '/home/agent/.local/share/TelegramDesktop';

const namespacesWork = (): boolean => {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = execaSync('unshare', ['--mount', '--propagation', 'private', 'true'], { reject: false });
  return probe.exitCode === 0;
};
const available = namespacesWork();
const title = available
  ? `charter check, ${String(runs)} runs, processes spawning in a loop: MSG-01 fails every time, naming the data directory`
  : 'charter check with a messenger data directory while processes come and go (SKIPPED: needs Linux, root and unshare --mount)';

/** sh script run inside the namespace: $1 the passwd file, $2 node, $3 bin/charter.js. */
const insideNamespace = [
  'set -e',
  'mount -t tmpfs -o mode=0755 charter-test-homes /home',
  'mount -t tmpfs -o mode=0700 charter-test-root /root',
  `mkdir -p ${dataDir}`,
  'mount --bind "$1" /etc/passwd',
  'exec "$2" "$3" check --format json',
].join('\n');

describe.skipIf(!available)(title, () => {
  let work = '';
  let churn: ProcessChurn | undefined;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'charter-check-vanishing-'));
    const pkg = join(work, 'pkg');
    await buildPrivateCli(pkg);
    writeFileSync(join(work, 'passwd'), 'root:x:0:0:root:/root:/bin/bash\nagent:x:4242:4242:agent:/home/agent:/bin/sh\n');
    churn = await startProcessChurn({ parallel: 4, maxMs: 300_000 });
  });

  afterAll(async () => {
    await churn?.stop();
    if (work !== '') rmSync(work, { recursive: true, force: true });
  });

  it('gives the same verdict every time', async () => {
    const verdicts: string[] = [];
    const exitCodes: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const result = await execa(
        'unshare',
        [
          '--mount',
          '--propagation',
          'private',
          'sh',
          '-c',
          insideNamespace,
          'sh',
          join(work, 'passwd'),
          process.execPath,
          join(work, 'pkg', 'bin', 'charter.js'),
        ],
        { cwd: work, reject: false, stdin: 'ignore', env: { ...process.env, CI: '1', NO_COLOR: '1' } },
      );
      expect(result.stderr).toBe('');
      const report = JSON.parse(result.stdout) as Report;
      const finding = report.findings.find((f) => f.ruleId === 'MSG-01');
      const named = JSON.stringify(finding?.evidence ?? []).includes(`data directory ${dataDir}`);
      verdicts.push(`run ${String(run + 1)}: ${finding?.status ?? 'missing'}${named ? ', names the directory' : ''}`);
      // A failed high-severity rule: exit code 1 (checked after the verdicts, which say more).
      exitCodes.push(result.exitCode ?? -1);
    }
    expect(verdicts.filter((verdict) => !verdict.endsWith(': fail, names the directory'))).toEqual([]);
    expect(verdicts).toHaveLength(runs);
    expect(exitCodes).toEqual(Array.from({ length: runs }, () => 1));
  }, 900_000);
});
