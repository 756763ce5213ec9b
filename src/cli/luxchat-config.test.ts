/**
 * Luxchat and LuxChat4Gov recognised from the Element-style config.json a user has, end to end:
 * the built CLI (bin/charter.js → dist/, `npm run build`) checks a replay of the real recording
 * fixtures/hosts/debian12-luxchat (user1's ~/.config/Element/config.json) and of the built host
 * fixtures/hosts/macos14-compliant (Luxchat4Gov.app, alice's Library/Application Support/
 * Luxchat4Gov/config.json; MSG-03 is judged on macOS and Windows only) in which, for each case,
 * that one file is replaced (DERIVED at test time, in a temporary copy):
 *
 * - the real Luxchat web config of the hackathon kit (fixtures/samples/app-activity/
 *   luxchat-hackathon-config.json, byte for byte: brand "Luxchat", luxchat.lu download/update/link
 *   URLs, homeserver local.synapse.server);
 * - its LuxChat4Gov-branded variant (luxchat4gov-derived-config.json, derived, see its README).
 *
 * The file's size in host.json is updated with it; nothing else of the recording changes.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding, Report } from '../model.js';

const repo = new URL('../..', import.meta.url).pathname;
const built = existsSync(join(repo, 'dist', 'cli.js'));
if (!built) console.warn('skipped: the Luxchat config end-to-end tests need the built CLI (npm run build)');

const work = mkdtempSync(join(tmpdir(), 'charter-luxchat-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const configPath = '/home/user1/.config/Element/config.json';
const macConfigPath = '/Users/alice/Library/Application Support/Luxchat4Gov/config.json';
const sample = (name: string): string => readFileSync(join(repo, 'fixtures', 'samples', 'app-activity', name), 'utf8');

/** A copy of a fixture host (debian12-luxchat unless named) whose config.json at `path` is `config`. */
const replayWith = (name: string, config: string, fixture = 'debian12-luxchat', path = configPath): string => {
  const dir = join(work, name);
  cpSync(join(repo, 'fixtures', 'hosts', fixture), dir, { recursive: true });
  writeFileSync(join(dir, 'files', path), config);
  const hostFile = join(dir, 'host.json');
  const host = JSON.parse(readFileSync(hostFile, 'utf8')) as { stats: Record<string, { size: number }> };
  // A recording lists the file's stat (its size changes with it); a built host may not list it.
  const stat = host.stats[path];
  if (stat) stat.size = Buffer.byteLength(config);
  writeFileSync(hostFile, JSON.stringify(host));
  return dir;
};

const check = async (replay: string, extra: string[] = []): Promise<{ report: Report; text: string }> => {
  const args = ['check', '--target', `replay:${replay}`, '--no-color', '--verbose', ...extra];
  const env = { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '' };
  const json = await execa(process.execPath, [join(repo, 'bin', 'charter.js'), ...args, '--format', 'json'], { reject: false, env });
  const text = await execa(process.execPath, [join(repo, 'bin', 'charter.js'), ...args, '--format', 'text'], { reject: false, env });
  return { report: JSON.parse(json.stdout) as Report, text: text.stdout };
};

const finding = (report: Report, id: string): Finding => {
  const f = report.findings.find((x) => x.ruleId === id);
  if (!f) throw new Error(`no ${id}`);
  return f;
};

describe.skipIf(!built)('Luxchat and LuxChat4Gov configs through the built CLI', () => {
  it('the real Luxchat kit config: recognised as Luxchat, not approved, with its reason', async () => {
    const { report, text } = await check(replayWith('luxchat', sample('luxchat-hackathon-config.json')));
    const msg01 = finding(report, 'MSG-01');
    expect(msg01.status).toBe('fail');
    const [observed] = msg01.evidence;
    expect(observed?.actual).toEqual([
      expect.objectContaining({
        id: 'luxchat',
        approved: false,
        reason: expect.stringMatching(/^A consumer service for citizens and businesses/) as unknown,
        evidence: [
          expect.stringMatching(/^data directory \/home\/user1\/\.config\/Element changed /) as unknown,
          `Element config ${configPath} points at homeserver local.synapse.server (brand Luxchat)`,
        ],
      }),
    ]);
    expect(text).toMatch(/- Luxchat \(A consumer service for citizens and businesses[^)]*\): data directory \/home\/user1\/\.config\/Element/);
  });

  it('the LuxChat4Gov-branded variant on the State homeserver: approved, MSG-01 passes (Linux) and MSG-03 too (macOS)', async () => {
    const variant = sample('luxchat4gov-derived-config.json');
    const linux = (await check(replayWith('luxchat4gov', variant))).report;
    expect(finding(linux, 'MSG-01').status).toBe('pass');
    expect(finding(linux, 'MSG-01').evidence[0]?.actual).toEqual([
      expect.objectContaining({
        id: 'luxchat4gov',
        approved: true,
        evidence: [
          expect.stringMatching(/^data directory /) as unknown,
          `Element config ${configPath} points at homeserver homeserver.luxchat4gov.lu (brand Luxchat4Gov)`,
        ],
      }),
    ]);
    const mac = (await check(replayWith('mac-luxchat4gov', variant, 'macos14-compliant', macConfigPath))).report;
    expect(finding(mac, 'MSG-01').status).toBe('pass');
    expect(finding(mac, 'MSG-03').status).toBe('pass');
  });

  it('the kit config in a LuxChat4Gov install on macOS: a Luxchat build on a non-State server, MSG-01 and MSG-03 fail', async () => {
    const mac = (await check(replayWith('mac-luxchat', sample('luxchat-hackathon-config.json'), 'macos14-compliant', macConfigPath))).report;
    expect(finding(mac, 'MSG-01').status).toBe('fail');
    expect(finding(mac, 'MSG-01').evidence[0]?.actual).toEqual([expect.objectContaining({ id: 'luxchat', installed: true, running: true })]);
    expect(finding(mac, 'MSG-03').status).toBe('fail');
  });

  it('an organisation that allows public Luxchat: the kit config on a foreign server still fails, on a Luxchat server it passes', async () => {
    const policy = ['--policy', join(repo, 'examples', 'organisation', 'policy.yaml')];
    const kit = sample('luxchat-hackathon-config.json');
    const foreign = await check(replayWith('org-foreign', kit), policy);
    const msg01 = finding(foreign.report, 'MSG-01');
    expect(msg01.status).toBe('fail');
    expect(msg01.evidence[0]?.actual).toEqual([
      expect.objectContaining({
        id: 'luxchat',
        approved: false,
        reason: `Luxchat is approved only with a homeserver under luxchat.lu, luxchat4pro.lu: Element config ${configPath} points at homeserver local.synapse.server (brand Luxchat)`,
      }),
    ]);
    const onLuxchat = kit.replaceAll('local.synapse.server', 'poc.luxchat4pro.lu');
    const allowed = await check(replayWith('org-luxchat', onLuxchat), policy);
    expect(finding(allowed.report, 'MSG-01').status).toBe('pass');
    // The organisation's reason replaces the catalog's in the report.
    expect(finding(allowed.report, 'MSG-01').evidence[0]?.actual).toEqual([
      expect.objectContaining({ id: 'luxchat', approved: true, reason: expect.stringMatching(/^Allowed by the ministry/) as unknown }),
    ]);
    // Without the organisation's override the same config fails MSG-01.
    expect(finding((await check(replayWith('state-luxchat', onLuxchat))).report, 'MSG-01').status).toBe('fail');
  });
});
