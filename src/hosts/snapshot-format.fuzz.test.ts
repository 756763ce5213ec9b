/**
 * Fuzzing the snapshot reader (parseSnapshot, readSnapshot, readSnapshotSync, the snapshot host):
 * any text or file gives a snapshot or a TargetError, never a crash; a valid snapshot with random
 * fact trees (deep nesting, `__proto__` and other odd keys) is read or refused the same way.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../check.js';
import { TargetError } from '../errors.js';
import { hostFromSnapshot, readSnapshot, readSnapshotSync } from './snapshot.js';
import { factTree, fuzzSeed, hostileString, mutatedText, oddKey, onlyTyped } from '../testing/fuzz.js';
import { messagesFor } from '../i18n/messages.js';
import { loadPolicy } from '../policy/load.js';
import { reporters } from '../reporters/index.js';
import type { ColorStyles } from '../reporters/reporter.js';
import type { Policy } from '../policy/policy.js';
import { parseSnapshot } from './snapshot-format.js';

const numRuns = 400;
const plain = (text: string): string => text;
const plainStyles: ColorStyles = { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain, magenta: plain, gray: plain };

const valid = {
  snapshotVersion: 1,
  tool: { name: 'charter', version: '1.0.0' },
  collectedAt: '2026-11-22T08:00:00Z',
  platform: 'linux',
  target: { kind: 'local', name: 'local', class: 'live' },
  capabilities: { read: true, exec: true, live: true },
  host: { name: 'pc-1', machineId: null, redacted: false },
  catalog: { file: 'policies/catalog/apps.yaml', sha256: 'a'.repeat(64), apps: 3 },
  incomplete: [{ probe: 'firewall', status: 'error', message: 'nft timed out' }],
  facts: {
    os: { status: 'ok', facts: { family: 'linux', distribution: 'debian', version: '12', kernel: '6.1', architecture: 'x86_64' } },
    'installed-apps': { status: 'ok', facts: { apps: [{ name: 'signal-desktop', version: '7.0', source: 'dpkg', scope: 'system', path: null }] } },
    firewall: { status: 'error', message: 'nft timed out' },
    'screen-lock': { status: 'unsupported', reason: 'no display' },
  },
};

/** Replaces the node at a random path of `value` (chosen by `steps`) with `replacement`. */
const graft = (value: unknown, steps: readonly number[], replacement: unknown, key: string | undefined): unknown => {
  if (steps.length === 0 || value === null || typeof value !== 'object') {
    if (key === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) return replacement;
    // Own property, even for `__proto__`, as JSON.parse would make it.
    const copy = { ...(value as Record<string, unknown>) };
    Object.defineProperty(copy, key, { value: replacement, enumerable: true, writable: true, configurable: true });
    return copy;
  }
  const [step = 0, ...rest] = steps;
  if (Array.isArray(value)) {
    if (value.length === 0) return [replacement];
    const i = step % value.length;
    return (value as unknown[]).map((v, j) => (j === i ? graft(v, rest, replacement, key) : v));
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return graft(value, [], replacement, key ?? 'k');
  const k = keys[step % keys.length] ?? '';
  const copy = { ...(value as Record<string, unknown>) };
  Object.defineProperty(copy, k, { value: graft(copy[k], rest, replacement, key), enumerable: true, writable: true, configurable: true });
  return copy;
};

const mutatedSnapshot = fc
  .array(fc.record({ steps: fc.array(fc.nat(), { maxLength: 6 }), replacement: factTree(6), key: fc.option(oddKey, { nil: undefined }) }), {
    minLength: 1,
    maxLength: 3,
  })
  .map((edits) => edits.reduce<unknown>((s, { steps, replacement, key }) => graft(s, steps, replacement, key), valid));

const snapshotText = fc.oneof(
  mutatedSnapshot.map((s) => JSON.stringify(s)),
  mutatedSnapshot.map((s) => JSON.stringify(s)),
  mutatedText(JSON.stringify(valid)),
  hostileString(8),
  fc.nat({ max: 20_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc
    .nat({ max: 3000 })
    .map((n) => JSON.stringify({ ...valid, facts: { os: { status: 'ok', facts: JSON.parse(`${'{"a":'.repeat(n)}1${'}'.repeat(n)}`) as unknown } } })),
);

const checkSnapshotHost = async (snapshot: ReturnType<typeof parseSnapshot>): Promise<void> => {
  const host = hostFromSnapshot(snapshot, 'fuzz.json');
  expect(typeof host.name).toBe('string');
  expect(['linux', 'macos', 'windows']).toContain(await host.platform());
  expect(await host.readFile('/etc/passwd')).toBeUndefined();
  expect((await host.run('id', [], { timeoutMs: 10 })).exitCode).toBe(127);
};

describe('parseSnapshot (fuzz)', () => {
  it('accepts the unmutated base', () => {
    expect(parseSnapshot(JSON.stringify(valid), 'fuzz.json').host.name).toBe('pc-1');
  });

  it(`gives a snapshot or a TargetError for any text (${String(numRuns)} runs, seed ${String(fuzzSeed)})`, async () => {
    await fc.assert(
      fc.asyncProperty(snapshotText, async (text) => {
        try {
          await checkSnapshotHost(parseSnapshot(text, 'fuzz.json'));
        } catch (error) {
          onlyTyped(error, [TargetError]);
          expect((error as Error).message.startsWith('fuzz.json')).toBe(true);
        }
      }),
      { seed: fuzzSeed, numRuns, interruptAfterTimeLimit: 20_000 },
    );
  });
});

describe('readSnapshot and readSnapshotSync (fuzz)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'charter-fuzz-snapshot-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const bytes = fc.oneof(
    snapshotText.map((t) => Buffer.from(t)),
    fc.uint8Array({ maxLength: 512 }).map((a) => Buffer.from(a)),
    fc.tuple(snapshotText, fc.uint8Array({ minLength: 1, maxLength: 4 })).map(([t, b]) => Buffer.concat([Buffer.from(t), Buffer.from(b)])),
  );

  it(`read the same snapshot or the same TargetError from a file (${String(numRuns / 2)} runs, seed ${String(fuzzSeed)})`, async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(bytes, async (content) => {
        n += 1;
        const file = path.join(dir, `s-${String(n)}.json`);
        await writeFile(file, content);
        const outcome = (read: () => unknown): unknown => {
          try {
            return { value: read() };
          } catch (error) {
            onlyTyped(error, [TargetError]);
            return { error: (error as Error).message };
          }
        };
        const sync = outcome(() => readSnapshotSync(file, 'shown.json'));
        let async: unknown;
        try {
          async = { value: await readSnapshot(file, 'shown.json') };
        } catch (error) {
          onlyTyped(error, [TargetError]);
          async = { error: (error as Error).message };
        }
        // As JSON: toEqual recurses, and overflows the stack on a snapshot nested thousands deep.
        expect(JSON.stringify(sync)).toBe(JSON.stringify(async));
        await rm(file);
      }),
      { seed: fuzzSeed, numRuns: numRuns / 2, interruptAfterTimeLimit: 20_000 },
    );
  });
});

describe('check over a snapshot with random facts (fuzz)', () => {
  let policy: Policy;
  beforeAll(async () => {
    policy = await loadPolicy(new URL('../../policies/lu-state-charter.yaml', import.meta.url).pathname);
  }, 60_000);

  const probes = [
    'os',
    'installed-apps',
    'app-activity',
    'disk-encryption',
    'firewall',
    'screen-lock',
    'updates',
    'management',
    'listening-services',
    'accounts',
    'lifecycle',
    'logging',
    'login',
    'security-modules',
    'ssh-server',
    'software',
  ];
  // The fields rules read, so that random values reach the operators, and odd keys beside them.
  const fields = [
    'apps',
    'name',
    'version',
    'source',
    'scope',
    'path',
    'categories',
    'approved',
    'enabled',
    'defaultInbound',
    'emptyPasswords',
    'extraUid',
    'guestAccounts',
    'swapEncrypted',
    'systemVolumeCipher',
    'systemVolumeEncrypted',
    'systemVolumeKeyBits',
    'supported',
    'exposed',
    'persistent',
    'timeSync',
    'autologin',
    'guestLogin',
    'enrolled',
    'lastCheckIn',
    'graphical',
    'lockDelaySeconds',
    'lockEnabled',
    'secondsToLock',
    'enforcing',
    'active',
    'permitRootLogin',
    'automatic',
    'listsUpdatedAt',
    'pendingSecurityUpdates',
    'rebootRequired',
    'upToDateSince',
    'family',
    'volumes',
    'sockets',
    'processes',
    'running',
    'lastUsed',
  ];
  const factKey = fc.oneof(fc.constantFrom(...fields), oddKey);
  const app = fc.dictionary(factKey, fc.oneof(hostileString(2), factTree(2, 10), fc.constantFrom('messenger', 'dpkg', 'system', true, false, null, 0)), {
    maxKeys: 6,
    noNullPrototype: true,
  });
  const value = fc.oneof(factTree(5), fc.array(app, { maxLength: 4 }), fc.constantFrom('2026-11-01T00:00:00Z', '', 'not a date', -1, 1e308, 4096));
  const outcome = fc.oneof(
    { weight: 4, arbitrary: fc.record({ status: fc.constant('ok'), facts: fc.dictionary(factKey, value, { maxKeys: 8, noNullPrototype: true }) }) },
    { weight: 1, arbitrary: fc.record({ status: fc.constant('error'), message: hostileString(3) }) },
    { weight: 1, arbitrary: fc.record({ status: fc.constant('unsupported'), reason: hostileString(3) }) },
  );
  const facts = fc.array(fc.tuple(fc.constantFrom(...probes), outcome), { maxLength: 9 }).map((pairs) => Object.fromEntries(pairs));

  let accepted = 0;
  afterAll(() => {
    // The property is only worth something if the reader lets some of these through.
    expect(accepted).toBeGreaterThan(0);
  });

  it(`gives a report, never a crash, for any facts the reader accepts (${String(numRuns / 4)} runs, seed ${String(fuzzSeed)})`, async () => {
    await fc.assert(
      fc.asyncProperty(facts, fc.constantFrom('linux', 'macos', 'windows'), async (f, platform) => {
        let snapshot;
        try {
          snapshot = parseSnapshot(JSON.stringify({ ...valid, platform, facts: f }), 'fuzz.json');
        } catch (error) {
          onlyTyped(error, [TargetError]);
          return;
        }
        accepted += 1;
        const { report } = await check({
          policy,
          host: hostFromSnapshot(snapshot, 'fuzz.json'),
          language: 'en',
          now: () => new Date('2026-12-01T00:00:00Z'),
          tool: { name: 'charter', version: '0.0.0-fuzz' },
        });
        for (const finding of report.findings) expect(['pass', 'fail', 'error', 'skip', 'waived', 'manual']).toContain(finding.status);
        // Evidence made of those facts goes through the renderers too.
        for (const reporter of Object.values(reporters)) {
          const out = reporter.render(report, { styles: plainStyles, failOn: 'high', messages: messagesFor('en') });
          if (reporter.name === 'json' || reporter.name === 'sarif') JSON.parse(out);
        }
      }),
      { seed: fuzzSeed, numRuns: numRuns / 4, interruptAfterTimeLimit: 20_000 },
    );
  });
});
