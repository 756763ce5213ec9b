import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectFacts, notCollected } from '../collect.js';
import { openReplay } from '../hosts/replay.js';
import type { Facts, Language, ReasonNode } from '../model.js';
import { languages } from '../model.js';
import { loadPolicy } from '../policy/load.js';
import type { Policy } from '../policy/policy.js';
import { probes } from '../probes/index.js';
import { provocations, provoked } from '../testing/provoked-hosts.js';
import { strayEnglish } from '../testing/stray-english.js';
import { parseReason, recognised, renderReason, translateReason, verbatimTexts } from './reason-parse.js';
import { reasonMessages } from './reason-messages.js';

/**
 * Every reason a probe gives that can reach a finding (why it does not apply, why it failed, why a
 * fact is unknown, its own `reason` and `reasons`) is a catalogued message, said in every language:
 * for every recorded host in fixtures/hosts/, as recorded and with each way of failing forced on it
 * (every tool missing, every command timing out or refused, every read denied, nothing there), and
 * for what collection itself says (a family a snapshot lacks, a target that cannot run a probe).
 */
const root = new URL('../..', import.meta.url).pathname;
const hostsDir = join(root, 'fixtures', 'hosts');
const hosts = readdirSync(hostsDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const others = languages.filter((l): l is Exclude<Language, 'en'> => l !== 'en');
const now = new Date('2026-11-22T08:00:00.000Z');
const families = [...Object.keys(probes), 'software', 'lifecycle'];

/** Reasons by text, with where one was first seen. */
const reasons = new Map<string, string>();

const reasonsOf = (facts: Facts, where: string): void => {
  const add = (text: unknown, what: string): void => {
    if (typeof text === 'string' && text !== '' && !reasons.has(text)) reasons.set(text, `${where} ${what}`);
  };
  for (const [id, outcome] of Object.entries(facts)) {
    if (outcome.status === 'unsupported') add(outcome.reason, `${id} unsupported`);
    if (outcome.status === 'error') add(outcome.message, `${id} error`);
    if (outcome.status === 'partial') for (const [field, why] of Object.entries(outcome.unknown)) add(why.detail, `${id}.${field} unknown`);
    if (outcome.status === 'ok' || outcome.status === 'partial') {
      add(outcome.facts.reason, `${id}.reason`);
      if (Array.isArray(outcome.facts.reasons)) for (const r of outcome.facts.reasons) add(r, `${id}.reasons`);
    }
  }
};

let policy: Policy;

beforeAll(async () => {
  policy = await loadPolicy(join(root, 'policies', 'lu-state-charter.yaml'));
  for (const name of hosts) {
    const base = await openReplay(join(hostsDir, name));
    const platform = await base.platform();
    const options = { platform, catalog: policy.catalog, now, timeoutMs: 30_000 };
    reasonsOf(await collectFacts(base, families, options), name);
    for (const how of provocations) reasonsOf(await collectFacts(provoked(base, how), families, options), `${name} ${how}`);
    const incapable = { ...provoked(base, 'nothing-there'), kind: 'snapshot', capabilities: { read: false, exec: false, live: false } };
    reasonsOf(await collectFacts(incapable, families, options), `${name} incapable`);
  }
  for (const kind of ['snapshot', 'replay']) reasonsOf({ firewall: notCollected('firewall', kind) }, kind);
}, 300_000);

/** Texts a message takes as they were written, except the names `SOURCE: REASON` puts first, which may be words. */
const keptAsWritten = (node: ReasonNode): string[] => {
  if ('text' in node) return [node.text];
  if ('parts' in node) return node.parts.flatMap(keptAsWritten);
  return Object.entries(node.params).flatMap(([name, p]) => (node.id === 'about' && name === 'source' ? [] : typeof p === 'string' ? [p] : keptAsWritten(p)));
};

describe('probe reasons', () => {
  it('were provoked in number, from every probe', () => {
    expect(reasons.size).toBeGreaterThan(150);
    const from = new Set([...reasons.values()].map((w) => w.split(' ').at(-2)?.split('.')[0]));
    expect(families.filter((f) => ![...from].some((w) => w === f))).toEqual([]);
  });

  it('are each a catalogued message, said back in English as written', () => {
    const unrecognised = [...reasons].filter(([text]) => !recognised(parseReason(text))).map(([text, where]) => `${where}: ${text}`);
    expect(unrecognised).toEqual([]);
    const changed = [...reasons.keys()].filter((text) => renderReason(parseReason(text), 'en') !== text);
    expect(changed).toEqual([]);
  });

  it.each(others)('leave no English word in %s (names, paths and what the machine said kept as written)', (language) => {
    const stray = [...reasons.keys()].flatMap((text) => {
      const out = translateReason(text, language);
      const found = strayEnglish(out, keptAsWritten(parseReason(text)));
      return found.length === 0 ? [] : [`${text} → ${out}: ${found.join(', ')}`];
    });
    expect(stray).toEqual([]);
  });
});

/**
 * Reasons the browsers probe gives on damaged or busy profiles, which no fixture provokes: written
 * as src/probes/browsers/ (sqlite.ts, chromium.ts, chromium-parse.ts, firefox.ts, collector.ts)
 * builds them, with made-up paths and tool messages.
 */
const browserReasons = [
  'Chrome profile Default (user bob): /home/bob/.config/google-chrome/Default/History: file is 912345678 bytes; the limit is 268435456 bytes',
  'Firefox profile x.default (user bob): /home/bob/.mozilla/firefox/x.default/places.sqlite: not an SQLite 3 database',
  'Firefox profile x.default (user bob): /home/bob/.mozilla/firefox/x.default/places.sqlite: changed while it was read; rows may be missing',
  'Firefox profile x.default (user bob): /home/bob/.mozilla/firefox/x.default/places.sqlite-journal: a write was in progress; rows may be missing or half written',
  '/srv/h/History: its 4097 bytes are not a whole number of 4096-byte pages (truncated?)',
  '/srv/h/History: its header declares 12 pages, the file holds 9 (truncated?)',
  '/srv/h/History: SQLite finds it damaged (*** in database main ***)',
  '/srv/h/History: SQLite could not open it (file is not a database)',
  'chromium: /home/bob/.config/chromium/Default/Web Applications could not be listed',
  'chromium: /home/bob/.config/chromium/Default/Preferences is missing',
  'chromium: /home/bob/.config/chromium/Default/Preferences: Preferences is not JSON (Unexpected end of JSON input); it may have been being rewritten',
  'chromium: Local State could not be read',
  'chromium: could not be listed',
  'Chromium family: history was asked for but not read',
  'firefox: /home/bob/.mozilla/firefox/profiles.ini could not be read (or is over 1048576 bytes); profiles found by their prefs.js only',
  'firefox: /home/bob/.mozilla/firefox holds over 10000 entries; only the first were looked into',
];

describe('reasons no fixture provokes', () => {
  it.each(others)('are catalogued and said in %s without English', (language) => {
    const problems = browserReasons.flatMap((text) => {
      const node = parseReason(text);
      if (!recognised(node) || renderReason(node, 'en') !== text) return [`not recognised: ${text}`];
      const out = translateReason(text, language);
      return strayEnglish(out, keptAsWritten(node)).map((w) => `${out}: ${w}`);
    });
    expect(problems).toEqual([]);
  });
});

describe('the reason catalogue', () => {
  const sample = (pattern: string): Record<string, string> =>
    Object.fromEntries(
      [...pattern.matchAll(/\{([a-zA-Z]+)(?::([nrwp]))?\}/g)].map((m, i) => [m[1] ?? '', m[2] === 'n' ? String(i + 2) : m[2] === 'p' ? `/p${i}x` : `P${i}x`]),
    );

  it.each(languages)('%s says every message, keeping every parameter', (language) => {
    const problems: string[] = [];
    for (const [id, message] of Object.entries(reasonMessages)) {
      for (const pattern of message.patterns) {
        const params = sample(pattern);
        const node = { id, params };
        const out = renderReason(node, language);
        if (out.trim() === '' || out.includes('undefined')) problems.push(`${id}: ${JSON.stringify(out)}`);
        for (const value of Object.values(params)) if (!out.includes(value)) problems.push(`${id} (${pattern}): drops ${value}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('reads back what English says for each pattern (ids and parameters are stable)', () => {
    const problems: string[] = [];
    for (const [id, message] of Object.entries(reasonMessages)) {
      for (const pattern of message.patterns) {
        if (/:r\}/.test(pattern)) continue;
        const params = sample(pattern);
        const english = renderReason({ id, params }, 'en');
        const back = parseReason(english);
        if (renderReason(back, 'en') !== english || !recognised(back)) problems.push(`${id}: ${english}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps a text it does not know as written, and says so', () => {
    const node = parseReason('the flux capacitor is out of plutonium');
    expect(node).toEqual({ text: 'the flux capacitor is out of plutonium' });
    expect(recognised(node)).toBe(false);
    expect(translateReason('the flux capacitor is out of plutonium', 'de')).toBe('the flux capacitor is out of plutonium');
  });

  it('reads composed reasons it was not shown: a source before a reason, parts, nested reasons', () => {
    const text = 'zfs get -H encryption: timed out; /srv/secret/key.pem, /srv/a and 7 more cannot be read without administrator rights';
    const node = parseReason(text);
    expect(recognised(node)).toBe(true);
    expect(verbatimTexts(node)).toEqual(expect.arrayContaining(['zfs get -H encryption', '/srv/secret/key.pem, /srv/a', '7']));
    expect(translateReason(text, 'fr')).toBe(
      'zfs get -H encryption : délai dépassé; /srv/secret/key.pem, /srv/a et 7 autres : illisibles sans droits d’administrateur',
    );
    expect(translateReason(text, 'de')).toBe(
      'zfs get -H encryption: Zeitlimit überschritten; /srv/secret/key.pem, /srv/a und 7 weitere Pfade: ohne Administratorrechte nicht lesbar',
    );
    expect(translateReason(text, 'lb')).toBe(
      'zfs get -H encryption: Zäitlimit iwwerschratt; /srv/secret/key.pem, /srv/a an 7 weider Pfaden: ouni Administrateursrechter net liesbar',
    );
    expect(
      translateReason(
        "macOS 13 Ventura's end is not confirmed: Apple drops it when macOS 16 ships, expected in October 2025; check Apple's security releases page",
        'fr',
      ),
    ).toContain('attendue en octobre 2025');
    expect(translateReason('the os probe failed: Get-Thing: exit code 3: Zugriff verweigert', 'lb')).toBe(
      'de Préifmodul os ass feelgeschloen: Get-Thing: Exit-Code 3: Zugriff verweigert',
    );
  });
});

describe('every pattern', () => {
  it('is said back in English as it reads (one id per English wording)', () => {
    const problems: string[] = [];
    for (const [id, message] of Object.entries(reasonMessages)) {
      for (const pattern of message.patterns) {
        // A number is 1 in a pattern for the singular, else more.
        const said = [1, 2].some((number) => {
          const params = Object.fromEntries(
            [...pattern.matchAll(/\{([a-zA-Z]+)(?::([nrwp]))?\}/g)].map((m, i) => [m[1] ?? '', m[2] === 'n' ? String(number) : `/p${i}x`]),
          );
          const english = pattern.replace(/\{([a-zA-Z]+)(?::[nrwp])?\}/g, (_, name: string) => params[name] ?? '');
          return renderReason({ id, params }, 'en') === english;
        });
        if (!said) problems.push(`${id}: ${pattern}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
