/**
 * The linux-x64 single executable (`npm run package`, release/charter-linux-x64) run as a whole
 * process on the real Debian root `clean` (scripts/debian-root.sh): same findings as the package
 * run through Node, audit worker threads started from the embedded source, and `check` inside a
 * chroot of that root, which has no Node. Skipped when the binary is absent, unless
 * CHARTER_REQUIRE_ROOTS=1 (CI, where .ci/run builds it).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../model.js';
import { debianRoot, rootsRequired } from '../testing/debian-roots.js';
import { parseSnapshot } from '../hosts/snapshot-format.js';

const repo = new URL('../..', import.meta.url).pathname;
const binary = join(repo, 'release', 'charter-linux-x64');
if (rootsRequired && !existsSync(binary)) throw new Error(`${binary} is missing: build it with CHARTER_SEA_TARGETS=linux-x64 npm run package`);
const clean = existsSync(binary) ? debianRoot('clean') : undefined;
const ready = clean !== undefined && existsSync(join(repo, 'dist', 'cli.js'));
if (!ready) process.stderr.write('skipped: the single executable needs release/charter-linux-x64 (npm run package), dist/ and the clean Debian root\n');
// The chroot needs root, and the host's libatomic.so.1 to give the root (a Debian-like x86-64 host).
const asRoot = process.getuid?.() === 0 && existsSync('/lib/x86_64-linux-gnu/libatomic.so.1');

const work = mkdtempSync(join(tmpdir(), 'charter-sea-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** A report without the fields that change from run to run. */
const stable = (text: string): unknown =>
  JSON.parse(text, (key, value: unknown) => (key === 'startedAt' || key === 'durationMs' || key === 'collectedAt' ? undefined : value));

describe.skipIf(!ready)('release/charter-linux-x64', () => {
  const root = clean ?? '';

  it('prints its version fast, with the package version and without unpacking the policies', async () => {
    const temporary = join(work, 'version-tmp');
    mkdirSync(temporary);
    const started = performance.now();
    const { stdout } = await execa(binary, ['--version'], { env: { TMPDIR: temporary } });
    expect(stdout).toBe((JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(readdirSync(temporary)).toEqual([]);
  });

  it('says so, exit 2, when the temporary directory it unpacks the policies into is unusable', async () => {
    const run = await execa(binary, ['check', '--target', `root:${root}`], { reject: false, env: { TMPDIR: join(work, 'absent') } });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(
      `charter: cannot unpack the shipped policies into the temporary directory ${join(work, 'absent')} (ENOENT): set TMPDIR (TEMP on Windows) to a writable directory`,
    );
  });

  it('finds what node bin/charter.js finds on a real Debian root', async () => {
    const args = ['check', '--target', `root:${root}`, '--format', 'json'];
    const [sea, node] = await Promise.all([
      execa(binary, args, { reject: false }),
      execa(process.execPath, [join(repo, 'bin', 'charter.js'), ...args], { reject: false }),
    ]);
    expect(sea.stderr).toBe('');
    expect(sea.exitCode).toBe(node.exitCode);
    const report = JSON.parse(sea.stdout) as Report;
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.target.kind).toBe('root');
    expect(stable(sea.stdout)).toEqual(stable(node.stdout));
  });

  it('audits snapshots in worker threads started from the embedded worker', async () => {
    const snapshots = join(work, 'snapshots');
    mkdirSync(snapshots);
    for (const name of ['a', 'b', 'c']) await execa(binary, ['collect', '--target', `root:${root}`, '--output', join(snapshots, `${name}.json`)]);
    const audit = async (workers: string) => {
      const output = join(work, `audit-${workers}.json`);
      const run = await execa(binary, ['audit', snapshots, '--format', 'json', '--output', output], { reject: false, env: { CHARTER_AUDIT_WORKERS: workers } });
      expect(run.stderr).toMatch(/wrote .*\(3 hosts: 3 compliant/);
      expect(run.exitCode).toBe(0);
      return stable(readFileSync(output, 'utf8')) as { hosts: { status: string }[] };
    };
    // With workers forced, every snapshot is checked in a thread: a worker that cannot start fails the audit.
    const threaded = await audit('2');
    expect(threaded.hosts.map((host) => host.status)).toEqual(['checked', 'checked', 'checked']);
    expect(threaded).toEqual(await audit('0'));
  });

  it('reads a browser database with the sql.js it carries', async () => {
    // A root with one real Firefox profile (firefox-esr 153.8, fixtures/samples/browsers/firefox).
    const browserRoot = join(work, 'firefox-root');
    const profile = join(browserRoot, 'home/ana/.mozilla/firefox/p');
    mkdirSync(profile, { recursive: true });
    mkdirSync(join(browserRoot, 'etc'));
    writeFileSync(join(browserRoot, 'etc/os-release'), 'ID=debian\n');
    writeFileSync(join(browserRoot, 'etc/passwd'), 'ana:x:1000:1000::/home/ana:/bin/sh\n');
    writeFileSync(join(browserRoot, 'home/ana/.mozilla/firefox/profiles.ini'), '[Profile0]\nName=p\nIsRelative=1\nPath=p\n');
    writeFileSync(join(profile, 'prefs.js'), '');
    writeFileSync(join(profile, 'permissions.sqlite'), gunzipSync(readFileSync(join(repo, 'fixtures/samples/browsers/firefox/permissions.sqlite.gz'))));
    const snapshot = join(work, 'firefox.json');
    // Exit 3 (some probe incomplete on this sketch of a root) still writes the snapshot.
    await execa(binary, ['collect', '--target', `root:${browserRoot}`, '--output', snapshot], { reject: false });
    // Read as charter reads it (lists of records are packed since snapshotVersion 2).
    const { facts } = parseSnapshot(readFileSync(snapshot, 'utf8'), snapshot);
    const browsers = facts.browsers;
    expect(browsers?.status === 'ok' || browsers?.status === 'partial' ? browsers.facts.permissions : undefined).toContainEqual(
      expect.objectContaining({ origin: 'https://web.whatsapp.com', permission: 'notifications' }),
    );
  });

  it.skipIf(!asRoot)('checks a chroot of the root, which has no Node, from inside', { timeout: 60_000 }, async () => {
    expect(existsSync(join(root, 'usr', 'bin', 'node'))).toBe(false);
    const upper = join(work, 'upper');
    const scratch = join(work, 'scratch');
    const merged = join(work, 'merged');
    for (const dir of [upper, scratch, merged]) mkdirSync(dir);
    // An overlay: the cached root stays as built; the binary and /proc go into the writable layer.
    await execa('mount', ['-t', 'overlay', 'overlay', '-o', `lowerdir=${root},upperdir=${upper},workdir=${scratch}`, merged]);
    let proc = false;
    try {
      cpSync(binary, join(merged, 'usr', 'local', 'bin', 'charter'));
      await execa('mount', ['-t', 'proc', 'proc', join(merged, 'proc')]);
      proc = true;
      const inside = async () =>
        execa('chroot', [merged, '/usr/local/bin/charter', 'check', '--format', 'json'], {
          reject: false,
          env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
          extendEnv: false,
        });
      // Node's official Linux binaries need libatomic.so.1 (Debian: libatomic1), which a minimal
      // root lacks: the one requirement besides glibc >= 2.28 (README, "Single executable").
      const bare = await inside();
      expect(bare.exitCode).not.toBe(0);
      expect(bare.stderr).toMatch(/libatomic\.so\.1/);
      cpSync(realpathSync('/lib/x86_64-linux-gnu/libatomic.so.1'), join(merged, 'usr', 'lib', 'x86_64-linux-gnu', 'libatomic.so.1'));
      const run = await inside();
      expect(run.stderr).toBe('');
      expect([0, 1]).toContain(run.exitCode);
      const report = JSON.parse(run.stdout) as Report;
      expect(report.target).toMatchObject({ kind: 'local', platform: 'linux' });
      // Every rule of the shipped policy is judged; a live check in a chroot cannot tell some
      // (host processes in /proc, no /sys), but reads the root's own files (passes among them).
      const shipped = JSON.parse((await execa(binary, ['check', '--target', `root:${root}`, '--format', 'json'], { reject: false })).stdout) as Report;
      expect(report.findings.map((finding) => finding.ruleId)).toEqual(shipped.findings.map((finding) => finding.ruleId));
      expect(report.findings.some((finding) => finding.status === 'pass')).toBe(true);
      // The policies it unpacked for the run are gone.
      expect(readdirSync(join(merged, 'tmp')).filter((name) => name.startsWith('charter-'))).toEqual([]);
    } finally {
      if (proc) await execa('umount', [join(merged, 'proc')], { reject: false });
      await execa('umount', [merged], { reject: false });
    }
  });
});
