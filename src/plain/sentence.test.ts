import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate.js';
import type { SentenceLanguage } from '../i18n/sentences.js';
import { messagesFor } from '../i18n/messages.js';
import type { Facts, Finding } from '../model.js';
import type { Rule } from '../policy/policy.js';
import { testPolicy, testRule } from '../testing/policy-in-memory.js';
import { plainSentence } from './sentence.js';

const now = new Date('2026-11-22T10:00:00Z');
const context = { platform: 'linux' as const, targetClass: 'live' as const, now, language: 'en' as const, messages: messagesFor('en') };

/** Evaluates one rule in English, then words its finding in `language`. */
const sentence = (rule: Rule, facts: Facts, language: SentenceLanguage = 'en', timeZone = 'UTC'): { finding: Finding; text: string | undefined } => {
  const [finding] = evaluate(testPolicy([rule]), facts, context);
  if (finding === undefined) throw new Error('no finding');
  return { finding, text: plainSentence(finding, rule, facts, { language, now, timeZone }) };
};

const ok = (facts: Record<string, unknown>) => ({ status: 'ok' as const, facts: facts as never });

describe('plain sentences', () => {
  it('says only what fails: a condition that holds is not in the sentence', () => {
    const rule = testRule('ORG-ENC', {
      all: [
        { fact: 'disk-encryption.systemVolumeEncrypted', expect: { equals: true } },
        { fact: 'disk-encryption.swapEncrypted', expect: { equals: true } },
      ],
    });
    const { finding, text } = sentence(rule, { 'disk-encryption': ok({ systemVolumeEncrypted: false, swapEncrypted: true }) });
    expect(finding.evidence.map((e) => [e.fact, e.outcome])).toEqual([
      ['disk-encryption.systemVolumeEncrypted', 'fails'],
      ['disk-encryption.swapEncrypted', 'holds'],
    ]);
    expect(text).toBe('The system disk is not encrypted.');
  });

  it("words an organisation's own rule on a shipped fact with people's units: durations, not seconds", () => {
    const rule = testRule('ORG-LOCK', { fact: 'screen-lock.secondsToLock', expect: { atMost: 600 } });
    const facts = { 'screen-lock': ok({ secondsToLock: 3900 }) };
    expect(sentence(rule, facts).text).toBe('The screen locks only after 1 hour, 5 minutes without use (at most 10 minutes allowed).');
    expect(sentence(rule, facts, 'fr').text?.replace(/[\u00a0\u202f]/g, ' ')).toBe(
      'L’écran ne se verrouille qu’après 1 heure et 5 minutes d’inactivité (10 minutes au plus).',
    );
    expect(sentence(rule, facts, 'de').text).toBe('Der Bildschirm sperrt sich erst nach 1 Stunde, 5 Minuten ohne Benutzung (höchstens 10 Minuten erlaubt).');
    expect(sentence(rule, facts, 'lb').text).toBe('Den Ecran späert sech eréischt no 1 Stonn, 5 Minutten ouni Benotzung (héchstens 10 Minutten erlaabt).');
  });

  it('never shows a regular expression: a fact the table does not name reads generically', () => {
    const rule = testRule('ORG-BUILD', { fact: 'os.build', expect: { matches: { pattern: '^(26[2-9]\\d\\d|2[7-9]\\d{3})$' } } });
    const { finding, text } = sentence(rule, { os: ok({ build: '19045' }) });
    expect(finding.status).toBe('fail');
    expect(text).toBe('“os.build” is “19045”, which is not one of the accepted values.');
    for (const language of ['en', 'fr', 'de', 'lb'] as const) {
      const worded = sentence(rule, { os: ok({ build: '19045' }) }, language).text ?? '';
      expect(worded).not.toMatch(/[\\^$|]|\[\d/);
      expect(worded).toContain('19045');
    }
  });

  it('writes sizes and durations of facts it does not name by their field name, never as raw numbers', () => {
    const rule = testRule('ORG-LOG', {
      all: [
        { fact: 'logging.journalMaxBytes', expect: { atLeast: 4_000_000_000 } },
        { fact: 'logging.rotateAfterSeconds', expect: { atMost: 86_400 } },
      ],
    });
    const { text } = sentence(rule, { logging: ok({ journalMaxBytes: 1_500_000_000, rotateAfterSeconds: 172_800 }) });
    expect(text).toBe('“logging.journalMaxBytes” is 1.5 GB, at least 4 GB needed; “logging.rotateAfterSeconds” is 2 days, at most 1 day allowed.');
  });

  it('writes instants in the given time zone, with the zone, and how long ago', () => {
    const rule = testRule('ORG-LISTS', { fact: 'updates.listsUpdatedAt', expect: { withinDays: { days: 7 } } });
    const facts = { updates: ok({ listsUpdatedAt: '2026-11-07T07:47:00Z' }) };
    expect(sentence(rule, facts, 'en', 'Europe/Luxembourg').text).toBe('The machine last looked for updates 15 days ago (7 November 2026 at 08:47 CET).');
    expect(sentence(rule, facts, 'de', 'Europe/Luxembourg').text).toBe(
      'Das Gerät hat zuletzt vor 15 Tagen nach Updates gesucht (7. November 2026 um 08:47 MEZ).',
    );
    expect(sentence(rule, facts, 'lb', 'UTC').text).toBe('Den Apparat huet fir d’lescht virun 15 Deeg no Updates gesicht (7. November 2026 07:47 UTC).');
    const yesterday = { updates: ok({ listsUpdatedAt: '2026-11-21T07:47:00Z' }) };
    expect(sentence(rule, yesterday, 'lb', 'UTC').text).toBe(undefined);
    const old = { updates: ok({ listsUpdatedAt: '2026-11-14T09:00:00Z' }) };
    expect(
      sentence(
        testRule('ORG-DAY', { fact: 'updates.listsUpdatedAt', expect: { withinDays: { days: 1 } } }),
        { updates: ok({ listsUpdatedAt: '2026-11-21T07:47:00Z' }) },
        'lb',
        'UTC',
      ).text,
    ).toBe('Den Apparat huet fir d’lescht gëschter no Updates gesicht (21. November 2026 07:47 UTC).');
    expect(sentence(rule, old, 'lb', 'UTC').text).toBe('Den Apparat huet fir d’lescht virun 8 Deeg no Updates gesicht (14. November 2026 09:00 UTC).');
  });

  it('names each app, how it was found and when it was used, keeping its name as read from the machine', () => {
    const rule = testRule('ORG-GAMES', { fact: 'software.apps', expect: { none: { where: { categories: { contains: 'game' } } } } });
    const apps = [
      {
        id: 'deb:supertux',
        name: 'supertux',
        categories: ['game'],
        installed: true,
        running: false,
        dataPresent: true,
        inBrowser: false,
        lastUsed: '2026-11-19T09:00:00Z',
        evidence: ['desktop file /usr/share/applications/supertux2.desktop (SuperTux)', 'dpkg package supertux:amd64 0.6.3-1'],
      },
      {
        id: 'x',
        name: '<img src=x onerror=alert(1)>',
        categories: ['game'],
        installed: false,
        running: true,
        dataPresent: false,
        inBrowser: false,
        lastUsed: null,
        evidence: ['process x pid 3'],
      },
      { id: 'chess', name: 'Chess', categories: [], installed: true, running: false, dataPresent: false, inBrowser: false, lastUsed: null, evidence: [] },
    ];
    const { text } = sentence(rule, { software: ok({ apps }) });
    expect(text).toBe('supertux is installed (package supertux) and was last used 3 days ago; <img src=x onerror=alert(1)> is running.');
  });

  it('groups a program reachable from the network by service, with its ports', () => {
    const rule = testRule('ORG-CACHE', { fact: 'listening-services.exposed', expect: { none: { where: { service: { equals: 'redis' } } } } });
    const socket = (address: string, port: number) => ({
      protocol: 'tcp',
      family: 'ipv4',
      address,
      port,
      exposed: true,
      process: 'redis-server',
      service: 'redis',
      category: 'database',
    });
    const { text } = sentence(rule, { 'listening-services': ok({ exposed: [socket('0.0.0.0', 6379), socket('::', 6379), socket('0.0.0.0', 16379)] }) });
    expect(text).toBe('The service redis (process redis-server) accepts connections from the network on port 6379/tcp and port 16379/tcp.');
  });

  it('says what could not be told, never that it complies', () => {
    const rule = testRule('ORG-FW', {
      all: [
        { fact: 'firewall.enabled', expect: { equals: true } },
        { fact: 'firewall.somethingNew', expect: { equals: true } },
      ],
    });
    const { finding, text } = sentence(rule, { firewall: ok({ enabled: null, somethingNew: null }) }, 'fr');
    expect(finding.status).toBe('error');
    expect(text).toBe('Sur ce poste, charter n’a pas pu déterminer si le pare-feu est activé ou la valeur de « firewall.somethingNew ».');
  });

  it('has no sentence for a pass, a skip or a manual rule', () => {
    const rule = testRule('ORG-OK', { fact: 'firewall.enabled', expect: { equals: true } });
    expect(sentence(rule, { firewall: ok({ enabled: true }) }).text).toBeUndefined();
    expect(sentence(testRule('M', undefined, { manual: true }), {}).text).toBeUndefined();
  });

  it('under `none`, a condition that is met is the failure, with its expectation negated', () => {
    const rule = testRule('ORG-NONE', {
      none: [
        { fact: 'login.autologin', expect: { equals: true } },
        { fact: 'login.guestLogin', expect: { equals: true } },
      ],
    });
    const { finding, text } = sentence(rule, { login: ok({ autologin: true, guestLogin: false }) });
    expect(finding.status).toBe('fail');
    expect(finding.evidence.map((e) => [e.fact, e.outcome, e.expected])).toEqual([
      ['login.autologin', 'fails', 'not equal to true'],
      ['login.guestLogin', 'holds', 'not equal to true'],
    ]);
    expect(text).toBe('A user is logged in automatically at start-up, without a password.');
  });

  it('joins Luxembourgish lists by the n-rule', () => {
    const rule = testRule('ORG-ACC', { fact: 'accounts.emptyPasswords', expect: { isEmpty: true } });
    expect(sentence(rule, { accounts: ok({ emptyPasswords: ['anna', 'ben', 'eva'] }) }, 'lb').text).toBe('Dës Konten hunn kee Passwuert: anna, ben an eva.');
    expect(sentence(rule, { accounts: ok({ emptyPasswords: ['anna', 'luc'] }) }, 'lb').text).toBe('Dës Konten hunn kee Passwuert: anna a luc.');
  });
});
