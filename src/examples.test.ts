import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Snapshot } from './hosts/snapshot-format.js';
import { rootsRequired } from './testing/debian-roots.js';

const repo = new URL('..', import.meta.url).pathname;
const playbook = join(repo, 'examples', 'ansible', 'collect.yml');
const ansible = ['/usr/bin/ansible-playbook', '/usr/local/bin/ansible-playbook'].find((p) => existsSync(p));
/** The playbook copies the single executable of the host's architecture: this machine is x86-64. */
const binary = join(repo, 'release', 'charter-linux-x64');
const howToBuild = `${binary} is missing: build it with CHARTER_SEA_TARGETS=linux-x64 npm run package (.ci/run runs npm run package before the tests)`;
if (rootsRequired && ansible !== undefined && !existsSync(binary)) throw new Error(howToBuild);
const built = existsSync(binary) && process.arch === 'x64';
if (ansible !== undefined && !built) process.stderr.write(`skipped: examples/ansible: ${howToBuild}\n`);
const work = mkdtempSync(join(tmpdir(), 'charter-ansible-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/**
 * examples/ansible/collect.yml, run for real by ansible-playbook against this machine (connection
 * local): the single executable is copied (that file only), `collect --redact` runs with it, the
 * snapshot comes back, `audit` writes the fleet reports. Needs ansible-core (apt-get install
 * ansible-core; .ci/run installs it) and release/charter-linux-x64 (npm run package).
 */
describe.skipIf(ansible === undefined || !built)('examples/ansible', () => {
  it('collects a snapshot on each inventory host and audits them', async () => {
    const result = await execa(
      ansible ?? 'ansible-playbook',
      [
        '-i',
        'localhost,',
        '-c',
        'local',
        playbook,
        '-e',
        `charter_remote_dir=${join(work, 'remote')}`,
        '-e',
        `snapshot_dir=${join(work, 'snapshots')}`,
        '-e',
        `report_dir=${work}`,
      ],
      { reject: false, env: { ANSIBLE_LOCALHOST_WARNING: 'false', ANSIBLE_NOCOLOR: '1' } },
    );
    expect(result.exitCode, result.stdout.slice(-2000)).toBe(0);
    // Only the one file travels to the host: no Node.js program, no dist/, no policies beside it.
    expect(readdirSync(join(work, 'remote'))).toEqual(['charter']);
    expect(readFileSync(join(work, 'remote', 'charter')).equals(readFileSync(binary))).toBe(true);
    expect(readdirSync(join(work, 'snapshots'))).toEqual(['localhost.json']);
    const snapshot = JSON.parse(readFileSync(join(work, 'snapshots', 'localhost.json'), 'utf8')) as Snapshot;
    expect(snapshot.snapshotVersion).toBe(2);
    const page = readFileSync(join(work, 'fleet.html'), 'utf8');
    expect(page).toMatch(/^<!doctype html>/i);
    expect(readFileSync(join(work, 'fleet.csv'), 'utf8')).toContain('MSG-01');
    // The row is the inventory's name for the host, then its pseudonym, system and collection date.
    expect(snapshot.host.redacted).toBe(true);
    const row = /<tr><th scope="row"><a href="#h0">localhost<\/a><\/th>(.*?)<\/tr>/.exec(page)?.[1] ?? '';
    expect(row).toContain(`<td class="mono">${snapshot.host.name ?? 'unknown'} (pseudonym)</td>`);
    expect(row).toMatch(/<td>[^<]*\S[^<]*<\/td><td><time datetime="\d{4}-\d{2}-\d{2}T[^"]+">\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC<\/time>/);
    expect(row).toContain(`datetime="${snapshot.collectedAt}"`);

    // The same snapshot fetched twice (an old copy kept beside the new one) is one host, with a note.
    copyFileSync(join(work, 'snapshots', 'localhost.json'), join(work, 'snapshots', 'localhost-copy.json'));
    const again = await execa(
      process.execPath,
      [join(repo, 'bin', 'charter.js'), 'audit', join(work, 'snapshots'), '--format', 'html', '--output', join(work, 'again.html')],
      {
        reject: false,
      },
    );
    expect([0, 1]).toContain(again.exitCode);
    expect(again.stderr).toContain('1 duplicate of a machine counted once');
    const twice = readFileSync(join(work, 'again.html'), 'utf8');
    expect(twice.match(/<tr><th scope="row"><a href="#h\d+">/g)).toHaveLength(1);
    // Both were collected at the same time: the first by name stays, the other is named in its note.
    expect(twice).toMatch(/one machine seen twice: also localhost(-copy)? \([^()<]*snapshots\/localhost(-copy)?\.json, /);
    // A bound, not a measure: a full collection on a loaded machine can take minutes.
  }, 900_000);
});

/**
 * The playbook's parallel collection and groups, run by ansible-playbook with stand-ins for the
 * single executable (a shell script that records the command line it was given and writes a
 * snapshot) and for the audit: independent of the executable being built. Three inventory hosts on
 * this machine (connection local): one in a group that sets `charter_group`, one in a plain group,
 * one in none.
 */
describe.skipIf(ansible === undefined)('examples/ansible: forks, free strategy and groups', () => {
  it('collects in parallel and passes each host its group as collect --group', async () => {
    const config = readFileSync(join(repo, 'examples', 'ansible', 'ansible.cfg'), 'utf8');
    expect(config).toMatch(/^\[defaults\][^[]*^forks = [1-9]\d+$/m);
    const plays = parseYaml(readFileSync(playbook, 'utf8')) as { hosts: string; strategy?: string }[];
    expect(plays.find((play) => play.hosts === 'all')?.strategy).toBe('free');

    const dir = join(work, 'groups');
    const release = join(dir, 'release');
    const seen = join(dir, 'argv');
    mkdirSync(release, { recursive: true });
    mkdirSync(seen);
    const stub = join(release, 'charter-linux-x64');
    writeFileSync(
      stub,
      [
        '#!/bin/sh',
        'out=; prev=',
        'for a in "$@"; do [ "$prev" = --output ] && out=$a; prev=$a; done',
        `printf '%s\\n' "$@" > '${seen}'/"$(basename "$out")"`,
        `printf '{"stub":true}\\n' > "$out"`,
        '',
      ].join('\n'),
    );
    chmodSync(stub, 0o755);
    const inventory = join(dir, 'inventory.ini');
    writeFileSync(
      inventory,
      [
        // In no group: no --group.
        'pc-c ansible_connection=local',
        '[finances]',
        'pc-a ansible_connection=local',
        '[finances:vars]',
        'charter_group=MinFin/Treasury',
        '[interieur]',
        'pc-b ansible_connection=local',
        '',
      ].join('\n'),
    );
    const result = await execa(
      ansible ?? 'ansible-playbook',
      [
        '-i',
        inventory,
        playbook,
        '-e',
        `charter_release_dir=${release}`,
        '-e',
        `charter_remote_dir=${join(dir, 'remote')}`,
        '-e',
        `snapshot_dir=${join(dir, 'snapshots')}`,
        '-e',
        `report_dir=${dir}`,
        '-e',
        JSON.stringify({ charter_control: ['/bin/echo', 'audit-stand-in'] }),
      ],
      { reject: false, env: { ANSIBLE_LOCALHOST_WARNING: 'false', ANSIBLE_NOCOLOR: '1' } },
    );
    expect(result.exitCode, result.stdout.slice(-3000)).toBe(0);
    const argv = (host: string): string[] =>
      readFileSync(join(seen, `${host}.json`), 'utf8')
        .trimEnd()
        .split('\n');
    expect(argv('pc-a')).toEqual(['collect', '--redact', '--output', join(dir, 'remote', 'pc-a.json'), '--group', 'MinFin/Treasury']);
    expect(argv('pc-b')).toEqual(['collect', '--redact', '--output', join(dir, 'remote', 'pc-b.json'), '--group', 'interieur']);
    expect(argv('pc-c')).toEqual(['collect', '--redact', '--output', join(dir, 'remote', 'pc-c.json')]);
    expect(readdirSync(join(dir, 'snapshots')).sort()).toEqual(['pc-a.json', 'pc-b.json', 'pc-c.json']);
    // The snapshots are removed from the hosts once fetched; only the executable stays.
    expect(readdirSync(join(dir, 'remote'))).toEqual(['charter']);
    expect(result.stdout).toContain(`audit-stand-in audit ${join(dir, 'snapshots')}`);
  }, 300_000);
});
