import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fleetLabelsFor, type FleetLabels } from '../reporters/audit/labels.js';
import { cliMessagesFor, type CliMessages } from '../i18n/cli-messages.js';
import { explainMessagesFor, type ExplainMessages } from '../i18n/explain-messages.js';
import { governanceMessagesFor, type GovernanceMessages } from '../i18n/governance-messages.js';
import type { Messages } from '../i18n/messages.js';
import { messagesFor } from '../i18n/messages.js';
import { operatorWordsFor, type OperatorWords } from '../i18n/operator-messages.js';
import { renderReason } from '../i18n/reason-parse.js';
import { reasonMessages } from '../i18n/reason-messages.js';
import type { Language, Status } from '../model.js';
import { languages, reasonCodes } from '../model.js';
import { loadPolicy } from './load.js';
import type { Text } from './policy.js';

/**
 * The shipped charter and charter's own report sentences must be complete in every language of
 * `languages` (en, fr, de, lb): a missing or empty translation silently falls back to English.
 */
const shippedPolicy = fileURLToPath(new URL('../../policies/lu-state-charter.yaml', import.meta.url));

/**
 * The code spans of a text (commands, settings, values), with placeholders in capitals made one:
 * `passwd -l USER` may say `passwd -l BENUTZER`, but no language may drop or change a command.
 */
const codeSpans = (text: string): string[] => (text.match(/`[^`]*`/g) ?? []).map((span) => span.replace(/\p{Lu}{3,}/gu, 'X')).sort();

/** Languages whose code spans differ from the English text's. */
const codeProblems = (where: string, text: Text): string[] => {
  const record = text as Partial<Record<string, unknown>>;
  const english = JSON.stringify(codeSpans(text.en));
  return languages.flatMap((language) => {
    const value = record[language];
    return typeof value === 'string' && JSON.stringify(codeSpans(value)) !== english ? [`${where}: ${language} has other code spans than en`] : [];
  });
};

/** What is missing from one localised text, as `where: missing de` lines. */
const textProblems = (where: string, text: Text | undefined): string[] => {
  if (text === undefined) return [`${where}: missing`];
  const record = text as Partial<Record<string, unknown>>;
  return languages.flatMap((language) => {
    const value = record[language];
    if (value === undefined) return [`${where}: missing ${language}`];
    if (typeof value !== 'string' || value.trim() === '') return [`${where}: empty ${language}`];
    return [];
  });
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Fields of the policy file that are meant for readers and must be localised maps. */
const localisedRuleFields = ['title', 'description', 'remediation'] as const;

describe('shipped charter translations', () => {
  it('has every policy, theme and rule text in every language (through the real loader)', async () => {
    const policy = await loadPolicy(shippedPolicy, { precompiled: false });
    const problems = [
      ...textProblems('policy title', policy.title),
      ...textProblems('policy description', policy.description),
      ...Object.entries(policy.themes).flatMap(([id, title]) => textProblems(`theme ${id}`, title)),
      ...policy.rules.flatMap((rule) => [
        ...textProblems(`rule ${rule.id} title`, rule.title),
        // Manual rules may go without a description; when there is one, it is translated.
        ...(rule.description === undefined && rule.manual ? [] : textProblems(`rule ${rule.id} description`, rule.description)),
        ...textProblems(`rule ${rule.id} remediation`, rule.remediation),
      ]),
    ];
    expect(problems).toEqual([]);
    expect(policy.rules.length).toBeGreaterThan(0);
  });

  it('writes every localised field of the YAML as a map of every language with the same code spans, never a bare string', async () => {
    const raw: unknown = parse(await readFile(shippedPolicy, 'utf8'));
    if (!isRecord(raw) || !Array.isArray(raw.rules)) throw new Error('the shipped policy has no rules');
    const problems: string[] = [];
    const check = (where: string, value: unknown): void => {
      if (value === undefined) return;
      if (!isRecord(value)) {
        problems.push(`${where}: a bare ${typeof value}, not a map of ${languages.join('/')}`);
        return;
      }
      const extra = Object.keys(value).filter((k) => !(languages as readonly string[]).includes(k));
      if (extra.length > 0) problems.push(`${where}: unknown language keys ${extra.join(', ')}`);
      problems.push(...textProblems(where, value as Text));
      if (typeof value.en === 'string') problems.push(...codeProblems(where, value as Text));
    };
    check('policy title', raw.title);
    check('policy description', raw.description);
    if (isRecord(raw.themes)) for (const [id, title] of Object.entries(raw.themes)) check(`theme ${id}`, title);
    raw.rules.forEach((rule: unknown, index) => {
      if (!isRecord(rule)) return;
      const id = typeof rule.id === 'string' ? rule.id : `#${index + 1}`;
      for (const field of localisedRuleFields) check(`rule ${id} ${field}`, rule[field]);
    });
    // Any other map that looks like a translation (has `en`) anywhere in the file must be complete too.
    const checkedAbove = /^(title|description|themes\.[^.]+|rules\[\d+\]\.(title|description|remediation))$/;
    const walk = (value: unknown, path: string): void => {
      if (checkedAbove.test(path)) return;
      if (Array.isArray(value))
        value.forEach((v, i) => {
          walk(v, `${path}[${i}]`);
        });
      else if (isRecord(value)) {
        if ('en' in value && typeof value.en === 'string') problems.push(...textProblems(path, value as Text));
        else for (const [k, v] of Object.entries(value)) walk(v, path === '' ? k : `${path}.${k}`);
      }
    };
    walk(raw, '');
    expect([...new Set(problems)]).toEqual([]);
  });
});

type MessageFunctionKey = {
  [K in keyof Messages]: Messages[K] extends (...args: never[]) => string ? K : never;
}[keyof Messages];

/** Sample arguments for every function message; each call is checked (the compiler keeps this list complete). */
const samples: { [K in MessageFunctionKey]: ReadonlyArray<Parameters<Messages[K]>> } = {
  notCompliant: [['firewall.enabled is false']],
  factIs: [['firewall.enabled', 'false', 'equal to true']],
  unknownFact: [['updates.automatic']],
  familyNotCollected: [['firewall']],
  probeError: [['firewall', 'nft timed out']],
  probeUnsupported: [['screen-lock', 'no graphical session']],
  notForPlatform: [['linux', 'macos, windows']],
  needsTarget: [
    ['container-image', ['live']],
    ['container-image', ['live', 'os-image']],
    ['os-image', ['live']],
    ['live', ['os-image', 'container-image']],
  ],
  preconditionNotMet: [['management.enrolled is false']],
  negated: [['equal to true']],
  moreItems: [[5]],
  threshold: [['high']],
};

const statuses: readonly Status[] = ['pass', 'fail', 'error', 'skip', 'waived', 'manual'];

/** Every message of a catalog as text: plain strings as they are, functions called with each sample. */
const rendered = (messages: Messages): Map<string, string[]> => {
  const out = new Map<string, string[]>();
  for (const [key, value] of Object.entries(messages) as Array<[keyof Messages, unknown]>) {
    if (key === 'status') continue;
    if (key === 'toDecide') {
      out.set(
        key,
        reasonCodes.map((code) => messages.toDecide[code]('/etc/shadow')),
      );
      continue;
    }
    if (key === 'counted') {
      for (const status of statuses)
        out.set(
          `counted.${status}`,
          [0, 1, 2, 12, 1234].map((n) => messages.counted[status](n)),
        );
      continue;
    }
    if (key === 'severity') {
      for (const [severity, word] of Object.entries(messages.severity)) out.set(`severity.${severity}`, [word]);
      continue;
    }
    if (key === 'socket') {
      const { process, ...words } = messages.socket;
      out.set('socket.process', [process('sshd')]);
      for (const [name, word] of Object.entries(words)) out.set(`socket.${name}`, [word]);
      continue;
    }
    if (typeof value === 'string') out.set(key, [value]);
    else if (typeof value === 'function') {
      const args = (samples as Partial<Record<string, ReadonlyArray<readonly unknown[]>>>)[key] ?? [];
      out.set(
        key,
        args.map((a) => String((value as (...p: readonly unknown[]) => unknown)(...a))),
      );
    } else out.set(key, []);
  }
  return out;
};

describe('report messages in every language', () => {
  const english = messagesFor('en');

  it.each(languages)('%s says how to get a decision for every reason code, naming the detail', (language: Language) => {
    const messages = messagesFor(language);
    for (const code of reasonCodes) {
      expect(messages.toDecide[code]('/etc/shadow')).toContain('/etc/shadow');
      expect(messages.toDecide[code]('').trim()).not.toBe('');
      if (language !== 'en') expect(messages.toDecide[code]('x')).not.toBe(english.toDecide[code]('x'));
    }
  });

  it.each(languages)('%s has every message, none empty, every sample argument kept', (language: Language) => {
    const messages = messagesFor(language);
    const problems: string[] = [];
    const keys = new Set([...Object.keys(english), ...Object.keys(messages)]);
    for (const key of keys) {
      const mine: unknown = (messages as unknown as Record<string, unknown>)[key];
      const theirs: unknown = (english as unknown as Record<string, unknown>)[key];
      if (mine === undefined) problems.push(`${key}: missing`);
      else if (typeof mine !== typeof theirs) problems.push(`${key}: a ${typeof mine}, English has a ${typeof theirs}`);
    }
    for (const status of statuses) {
      const word: string | undefined = (messages.status as Partial<Record<Status, string>>)[status];
      if (word === undefined || word.trim() === '') problems.push(`status.${status}: empty`);
    }
    for (const [key, texts] of rendered(messages)) {
      if (texts.length === 0) problems.push(`${key}: no sample arguments to call it with (add them to samples)`);
      texts.forEach((text, i) => {
        if (text.trim() === '' || text.includes('undefined')) problems.push(`${key} (sample ${i + 1}): ${JSON.stringify(text)}`);
      });
      const args = (samples as Partial<Record<string, ReadonlyArray<readonly unknown[]>>>)[key] ?? [];
      args.forEach((sample, i) => {
        // The threshold's argument is a severity code, which each language names in its own words.
        if (key === 'threshold') return;
        for (const arg of sample) {
          if (typeof arg === 'string' && !(texts[i] ?? '').includes(arg)) problems.push(`${key} (sample ${i + 1}): drops ${JSON.stringify(arg)}`);
        }
      });
    }
    expect(problems).toEqual([]);
  });

  it.each(languages.filter((l) => l !== 'en'))('%s translates the status words and the sentences', (language: Language) => {
    const messages = messagesFor(language);
    expect(messages).not.toBe(english);
    const untranslated = statuses.filter((s) => messages.status[s] === english.status[s]);
    expect(untranslated).toEqual([]);
    // Status words must stay distinct, or a report could not tell a pass from a fail.
    expect(new Set(statuses.map((s) => messages.status[s])).size).toBe(statuses.length);
    const mine = rendered(messages);
    const same = [...rendered(english)].filter(([key, texts]) => JSON.stringify(mine.get(key)) === JSON.stringify(texts)).map(([key]) => key);
    expect(same).toEqual([]);
  });
});

/**
 * The other tables of charter's own words (operator descriptions and reasons, the CLI's lines, the
 * fleet labels): the same keys in every language, nothing empty, every sample argument kept, and
 * French and German different from English except for the few words that are the same.
 */
type FunctionKeys<T> = { [K in keyof T]: T[K] extends (...args: never[]) => string ? K : never }[keyof T];
type Samples<T> = { [K in FunctionKeys<T>]: ReadonlyArray<Parameters<Extract<T[K], (...args: never[]) => string>>> };

/** Every entry of a table as text: strings as they are, nested records flattened, functions called with each sample. */
const renderTable = (table: object, samples: object, prefix = ''): Map<string, string[]> => {
  const out = new Map<string, string[]>();
  for (const [key, value] of Object.entries(table) as Array<[string, unknown]>) {
    const name = `${prefix}${key}`;
    if (typeof value === 'string') out.set(name, [value]);
    else if (typeof value === 'function') {
      const args = (samples as Partial<Record<string, ReadonlyArray<readonly unknown[]>>>)[key] ?? [];
      out.set(
        name,
        args.map((a) => String((value as (...p: readonly unknown[]) => unknown)(...a))),
      );
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of renderTable(value, {}, `${name}.`)) out.set(k, v);
    } else out.set(name, []);
  }
  return out;
};

/** Arguments that are codes the text words (`'dateString'` → "a date string"), not text to keep, by position. */
const codeArguments: Partial<Record<string, readonly number[]>> = {
  wrongType: [0, 1],
  badDate: [0],
  hasSize: [1],
  waiverIgnored: [0],
  attestationIgnored: [0],
  hostCount: [0],
};

const tableProblems = (table: object, english: object, samples: object): string[] => {
  const problems: string[] = [];
  const mine = renderTable(table, samples);
  const theirs = renderTable(english, samples);
  for (const key of new Set([...mine.keys(), ...theirs.keys()])) {
    const texts = mine.get(key);
    if (texts === undefined) {
      problems.push(`${key}: missing`);
      continue;
    }
    if (!theirs.has(key)) problems.push(`${key}: not in English`);
    if (texts.length === 0) problems.push(`${key}: no sample arguments to call it with (add them to the samples)`);
    texts.forEach((text, i) => {
      if (text.trim() === '' || text.includes('undefined')) problems.push(`${key} (sample ${i + 1}): ${JSON.stringify(text)}`);
    });
    const args = (samples as Partial<Record<string, ReadonlyArray<readonly unknown[]>>>)[key] ?? [];
    args.forEach((sample, i) => {
      sample.forEach((arg, position) => {
        if (codeArguments[key]?.includes(position) === true) return;
        if ((typeof arg === 'string' || typeof arg === 'number') && arg !== '' && !(texts[i] ?? '').includes(String(arg))) {
          problems.push(`${key} (sample ${i + 1}): drops ${JSON.stringify(arg)}`);
        }
      });
    });
  }
  return problems;
};

const untranslated = (table: object, english: object, samples: object): string[] => {
  const mine = renderTable(table, samples);
  return [...renderTable(english, samples)].filter(([key, texts]) => JSON.stringify(mine.get(key)) === JSON.stringify(texts)).map(([key]) => key);
};

const operatorSamples: Samples<OperatorWords> = {
  equalTo: [['true']],
  notEqualTo: [['"allow"']],
  atLeast: [[12]],
  atMost: [[900]],
  bothBounds: [['at least 1', 'at most 3']],
  oneOf: [['"deny", "reject"']],
  noneOf: [['"trusted"']],
  contains: [['"messenger"']],
  matches: [['/^luks2$/']],
  withinDays: [[7]],
  all: [['where encrypted equal to true']],
  any: [['where name equal to "luxchat4gov"']],
  none: [['where categories contains "messenger"']],
  countItems: [['at most 3']],
  countWhere: [['at most 1', 'where categories contains "remote-access"']],
  whereItem: [['one of "telegram"']],
  whereFields: [[['categories contains "messenger"', 'approved equal to false']]],
  wrongType: [
    ['number', 'string'],
    ['string', 'null'],
    ['dateString', 'number'],
    ['array', 'object'],
    ['arrayOrString', 'boolean'],
    ['collection', 'number'],
  ],
  isNot: [['false', 'true']],
  is: [['"allow"']],
  notOneOf: [['"allow"', '"deny", "reject"']],
  below: [[8, 12]],
  above: [[1200, 900]],
  noItemEqualTo: [['"remote-access"']],
  stringCannotContain: [['1']],
  doesNotContain: [['"abc"', '"x"']],
  hasSize: [
    [1, 'entries'],
    [3, 'characters'],
  ],
  invalidPattern: [['/(/']],
  doesNotMatch: [['"luks1"', '/^luks2$/']],
  daysOld: [
    ['2025-01-01', 1],
    ['2025-01-01', 151],
  ],
  badDate: [
    ['withoutZone', '"2025-06-01T10:00:00"'],
    ['notIso', '"yesterday"'],
    ['invalid', '"2025-02-30"'],
  ],
  noneOfItemsMatches: [[3]],
  itemsDoNotMatch: [
    [1, 3, '/home'],
    [2, 3, '/home, /srv'],
  ],
  itemsMatch: [[1], [3]],
  listed: [['2 items match', 'telegram, whatsapp']],
  countExpected: [['3 items match', 'at most 1']],
  couldNotBeChecked: [
    [1, 'c (plugins unknown)'],
    [2, 'a, b'],
  ],
  itemNumber: [[3]],
  unknownLabel: [
    ['c', 'plugins'],
    ['c', undefined],
  ],
  andMore: [['a, b, c', 4]],
};

const cliSamples: Samples<CliMessages> = {
  wroteReport: [['report.html', { pass: 11, fail: 8, error: 1, skip: 6, waived: 0, manual: 4 }]],
  wroteSnapshot: [
    ['host.json', { total: 20, ok: 17, unsupported: 2, error: 1, redacted: false }],
    ['host.json', { total: 20, ok: 17, unsupported: 2, error: 1, redacted: true }],
  ],
  incompleteSnapshot: [
    [[{ probe: 'firewall', message: 'nft timed out' }]],
    [
      [
        { probe: 'firewall', message: 'nft timed out' },
        { probe: 'updates', message: 'unknown: pending' },
      ],
    ],
  ],
  probeOk: [['firewall']],
  probeUnsupported: [['screen-lock', 'no graphical session']],
  probeError: [['firewall', 'nft timed out']],
  recorded: [['local', 'fixtures/hosts/x', 3]],
};

const fleetSamples: Samples<FleetLabels> = {
  hostCount: [
    ['total', 6],
    ['checked', 1],
    ['checked', 3],
    ['compliant', 1],
    ['nonCompliant', 2],
    ['notChecked', 0],
    ['incomplete', 12],
  ],
  incomplete: [[1], [3]],
  incompleteProbes: [['disk-encryption'], ['disk-encryption, firewall']],
  passing: [[1], [12]],
  more: [[5]],
};

const explainSamples: Samples<ExplainMessages> = {
  disabled: [['ministere-exemple', 'audited separately']],
  unknownRule: [
    ['MSG-9', 'lu-state-charter', []],
    ['MSG-9', 'lu-state-charter', ['MSG-01', 'MSG-02']],
  ],
};

const governanceSamples: Samples<GovernanceMessages> = {
  disabledBy: [['ministere-exemple', 'audited separately']],
  waived: [['J. Muller', '2026-12-31', 'pilot', 'Not compliant']],
  waiverIgnored: [
    ['expired', '2026-01-07', 'J. Muller'],
    ['not-yet-valid', '2026-01-07', 'J. Muller'],
  ],
  attested: [['J. Muller', '2026-01-07', '2026-12-31', 'I use LuxChat4Gov only']],
  attestationIgnored: [
    ['expired', '2026-01-07', 'J. Muller'],
    ['not-yet-valid', '2026-01-07', 'J. Muller'],
  ],
};

describe('explain headings and governance sentences in every language', () => {
  it.each(languages)('%s has every explain heading, none empty, every sample argument kept', (language: Language) => {
    expect(tableProblems(explainMessagesFor(language), explainMessagesFor('en'), explainSamples)).toEqual([]);
  });

  it.each(languages)('%s has every governance sentence, each naming who and what (dates in its own words)', (language: Language) => {
    // Dates are written as the language writes them: the ISO date is a code argument outside English.
    const problems = tableProblems(governanceMessagesFor(language), governanceMessagesFor('en'), governanceSamples).filter(
      (p) => language === 'en' || !/drops "20\d\d-\d\d-\d\d"/.test(p),
    );
    expect(problems).toEqual([]);
  });

  it.each(languages.filter((l) => l !== 'en'))('%s translates them', (language: Language) => {
    expect(untranslated(explainMessagesFor(language), explainMessagesFor('en'), explainSamples)).toEqual(['sources'].filter(() => language === 'fr'));
    expect(untranslated(governanceMessagesFor(language), governanceMessagesFor('en'), governanceSamples)).toEqual(language === 'fr' ? ['attestationFact'] : []);
  });
});

describe('operator words, CLI lines and fleet labels in every language', () => {
  it.each(languages)('%s has every operator word, none empty, every sample argument kept', (language: Language) => {
    expect(tableProblems(operatorWordsFor(language), operatorWordsFor('en'), operatorSamples)).toEqual([]);
  });

  it.each(languages)('%s has every CLI line, each starting with "charter: " when it is a line', (language: Language) => {
    const messages = cliMessagesFor(language);
    expect(tableProblems(messages, cliMessagesFor('en'), cliSamples)).toEqual([]);
    const lines = [...renderTable(messages, cliSamples)].filter(([key]) => key !== 'manualRule').flatMap(([, texts]) => texts);
    expect(lines.filter((line) => !line.startsWith('charter: ') || !line.endsWith('\n'))).toEqual([]);
  });

  it.each(languages)('%s has every fleet label', (language: Language) => {
    expect(tableProblems(fleetLabelsFor(language), fleetLabelsFor('en'), fleetSamples)).toEqual([]);
  });

  it.each(languages.filter((l) => l !== 'en'))('%s translates them (except words that are the same)', (language: Language) => {
    // French writes `absent` too; German puts a colon before a list as English does.
    expect(untranslated(operatorWordsFor(language), operatorWordsFor('en'), operatorSamples)).toEqual(language === 'fr' ? ['absent'] : ['listed']);
    expect(untranslated(cliMessagesFor(language), cliMessagesFor('en'), cliSamples)).toEqual([]);
    expect(fleetLabelsFor(language)).not.toBe(fleetLabelsFor('en'));
    // Ids, brand-like words and abbreviations may be the same; the sentences may not.
    const sameAsEnglish: Record<string, readonly string[]> = { fr: ['total', 'source', 'message'], de: ['status'] };
    expect(untranslated(fleetLabelsFor(language), fleetLabelsFor('en'), fleetSamples)).toEqual(sameAsEnglish[language] ?? []);
  });
});

describe('probe reasons in every language', () => {
  /** Messages that are names in every language (a product's own name); and those with no word but their parameters. */
  // French writes `notifications` and `microphone` as English does.
  const sameAsEnglish = (id: string, language: Language): boolean =>
    id === 'lifecycle.phase-esm' || (language === 'fr' && (id === 'permission.notifications' || id === 'permission.microphone'));
  const wordless = (pattern: string): boolean => !/\p{L}/u.test(pattern.replace(/\{[^}]*\}/g, ''));
  const sampleParams = (pattern: string): Record<string, string> =>
    Object.fromEntries([...pattern.matchAll(/\{([a-zA-Z]+)(?::([nrwp]))?\}/g)].map((m, i) => [m[1] ?? '', m[2] === 'n' ? String(i + 3) : `/x${i}`]));

  it.each(languages)('%s has every reason message, none empty, every parameter kept', (language: Language) => {
    const problems: string[] = [];
    for (const [id, message] of Object.entries(reasonMessages)) {
      const say: unknown = (message as Partial<Record<string, unknown>>)[language];
      if (say === undefined) {
        problems.push(`${id}: missing ${language}`);
        continue;
      }
      for (const pattern of message.patterns) {
        const params = sampleParams(pattern);
        const out = renderReason({ id, params }, language);
        if (out.trim() === '' || out.includes('undefined')) problems.push(`${id}: ${JSON.stringify(out)}`);
        for (const value of Object.values(params)) if (!out.includes(value)) problems.push(`${id}: drops ${value}`);
        if (language !== 'en' && !sameAsEnglish(id, language) && !wordless(pattern) && out === renderReason({ id, params }, 'en'))
          problems.push(`${id}: same as English`);
      }
    }
    expect(problems).toEqual([]);
  });
});
