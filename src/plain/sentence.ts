/**
 * One plain sentence per failing or undecided finding: what is wrong on this machine, in the
 * reader's language, from the finding's failing conditions (never those that hold) and the facts
 * beside them. Built from what the facts mean (src/i18n/sentences.ts), not from the rule, so an
 * organisation's own rules read plainly too; a fact the table does not name gets a generic wording
 * whose values are still written as people write them, and whose expectation is never shown as a
 * regular expression or a list of patterns. Pure: the clock and the time zone come in.
 */
import type { FactWords, PhraseContext, SentenceLanguage, SentenceWords, ValueFormat } from '../i18n/sentences.js';
import { sentenceWordsFor } from '../i18n/sentences.js';
import type { Evidence, Facts, Finding, Json, JsonObject } from '../model.js';
import type { Expectation } from '../operators/operator.js';
import type { Condition, Rule } from '../policy/policy.js';
import { combination } from '../policy/policy.js';
import { valueFormat } from './values.js';
import type { Clock } from '../run-memo.js';

export interface SentenceContext {
  language: SentenceLanguage;
  now: Date;
  /** The clock `now` is read through, when the caller watches how (run-memo.ts); `now` alone when absent. */
  clock?: Clock;
  /** IANA zone for instants; UTC when absent, so reports are reproducible. */
  timeZone?: string;
}

/** The finding with its plain sentence, when it failed or could not be decided. */
export const withSentence = (finding: Finding, rule: Rule, facts: Facts, context: SentenceContext): Finding => {
  const sentence = plainSentence(finding, rule, facts, context);
  return sentence === undefined ? finding : { ...finding, sentence };
};

/** The sentence for a `fail` or `error` finding; undefined for any other status. */
export const plainSentence = (finding: Finding, rule: Rule, facts: Facts, context: SentenceContext): string | undefined => {
  if (finding.status !== 'fail' && finding.status !== 'error') return undefined;
  const w = sentenceWordsFor(context.language);
  // The time is read only for what depends on it (an age): see evaluate.ts, sharedFinding.
  const f = valueFormat(w, context.timeZone ?? 'UTC', context.clock ?? (() => context.now));
  const leaves = leavesOf(rule);
  if (finding.status === 'fail') {
    // Older evidence without outcomes: every condition shown is taken as a reason.
    const failing = finding.evidence.filter((e) => e.outcome === 'fails' || (e.outcome === undefined && e.actual !== null));
    const clauses = uniqueClauses(failing.flatMap((e) => failClauses(e, leaves.get(e.fact), facts, w, f)));
    if (clauses.length === 0) return finish(w.ruleNotMet(finding.title), w, true);
    // A name read from the machine keeps its case, even first in the sentence.
    return finish(w.clauses(clauses.map((c) => c.text)), w, !(clauses[0]?.named ?? false));
  }
  const unknown = finding.evidence.filter((e) => e.outcome === 'unknown' || (e.outcome === undefined && e.actual === null));
  const whethers = unique(unknown.map((e) => whetherClause(e, w, f)));
  return finish(w.couldNotTell(whethers.length === 0 ? w.generic.whetherRule(finding.title) : w.or(whethers)), w, true);
};

/** One clause; `named` when it starts with a name read from the machine (an app's). */
interface Clause {
  text: string;
  named: boolean;
}

/** Capital first letter (unless it starts with a name from the machine), one final full stop. */
const finish = (text: string, w: SentenceWords, capital: boolean): string => {
  const trimmed = text.trim().replace(/[.;,:]+$/u, '');
  const first = trimmed.charAt(0);
  return `${capital ? first.toLocaleUpperCase(w.locale) : first}${trimmed.slice(1)}.`;
};

const unique = (items: readonly string[]): string[] => [...new Set(items.filter((s) => s !== ''))];
const uniqueClauses = (items: readonly Clause[]): Clause[] => {
  const seen = new Set<string>();
  return items.filter((c) => c.text !== '' && !seen.has(c.text) && seen.add(c.text));
};
const own = (text: string): Clause => ({ text, named: false });

/** Every leaf of the rule's precondition and check, by fact path (the first one for a fact). */
const leavesOf = (rule: Rule): Map<string, Expectation> => {
  const leaves = new Map<string, Expectation>();
  const walk = (c: Condition | undefined): void => {
    if (c === undefined) return;
    if ('fact' in c) {
      if (!leaves.has(c.fact)) leaves.set(c.fact, c.expect);
      return;
    }
    for (const child of combination(c).children) walk(child);
  };
  walk(rule.when);
  walk(rule.check);
  return leaves;
};

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: Json | undefined): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const strings = (v: Json | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The numeric bound an expectation sets (`atMost: 900`, `withinDays: { days: 7 }`), if any. */
const limitOf = (expectation: Expectation | undefined): number | undefined => {
  if (expectation === undefined) return undefined;
  const options = Object.values(expectation)[0];
  if (num(options) !== undefined) return num(options);
  if (typeof options === 'object' && options !== null && 'days' in options) return num(options.days);
  return undefined;
};

const factWords = (fact: string, w: SentenceWords): FactWords | undefined => (Object.hasOwn(w.facts, fact) ? w.facts[fact] : undefined);

const phraseContext = (fact: string, expectation: Expectation | undefined, facts: Facts, f: ValueFormat): PhraseContext => {
  const [family = ''] = fact.split('.');
  const outcome = Object.hasOwn(facts, family) ? facts[family] : undefined;
  const familyFacts = outcome !== undefined && (outcome.status === 'ok' || outcome.status === 'partial') ? outcome.facts : undefined;
  const limit = limitOf(expectation);
  return {
    f,
    sibling: (name) => (familyFacts !== undefined && Object.hasOwn(familyFacts, name) ? familyFacts[name] : undefined),
    ...(limit === undefined ? {} : { limit }),
  };
};

/** The clauses one failing condition gives: one per item of a list of apps or sockets, else one. */
const failClauses = (e: Evidence, expectation: Expectation | undefined, facts: Facts, w: SentenceWords, f: ValueFormat): Clause[] => {
  const value = e.actual;
  if (Array.isArray(value) && value.some(isObject)) {
    const objects = value.filter(isObject);
    const extra = value.filter((v): v is string => typeof v === 'string');
    const apps = objects.filter(isApp);
    const sockets = objects.filter(isSocket);
    const others = objects.filter((o) => !isApp(o) && !isSocket(o));
    return [
      ...apps.map((a) => ({ text: appClause(a, w, f), named: true })),
      ...socketClauses(sockets, w, f).map(own),
      ...(others.length === 0 ? [] : [own(w.listed(w.generic.label(e.fact), f.and(others.map((o) => itemLabel(o, w)))))]),
      ...extra.map(own),
    ];
  }
  const words = factWords(e.fact, w);
  const stated = words?.state(value, phraseContext(e.fact, expectation, facts, f));
  return [own(stated ?? genericClause(e.fact, value, expectation, w, f))];
};

const whetherClause = (e: Evidence, w: SentenceWords, f: ValueFormat): string => {
  const base = factWords(e.fact, w)?.whether ?? w.generic.whether(w.generic.label(e.fact));
  const items = Array.isArray(e.actual) ? e.actual.filter(isObject) : [];
  if (items.length === 0) return base;
  const labels = unique(items.map((o) => (isSocket(o) ? w.port(portOf(o)) : itemLabel(o, w))));
  return `${base} (${f.and(labels)})`;
};

// Apps -------------------------------------------------------------------------------------------

const appFlags = ['installed', 'running', 'dataPresent', 'inBrowser'] as const;
const isApp = (o: JsonObject): boolean => typeof o.name === 'string' && appFlags.some((k) => typeof o[k] === 'boolean');

/** How an app was found, from its install evidence: a package name, a bundle, a file. */
const installedVia = (evidence: readonly string[], w: SentenceWords): string | undefined => {
  // A package names the app best; a file or directory only when there is no package.
  const readers: ((line: string) => string | undefined)[] = [
    (line) => {
      const pkg = /^(?:\S+ )?package (\S+)/.exec(line)?.[1] ?? /^uninstall entry "([^"]+)"/.exec(line)?.[1];
      return pkg === undefined ? undefined : w.app.package(pkg.replace(/:[a-z0-9_]+$/, ''));
    },
    (line) => {
      const store = /^(flatpak|snap) (\S+)/.exec(line);
      return store?.[1] === undefined || store[2] === undefined ? undefined : `${store[1] === 'flatpak' ? 'Flatpak' : 'Snap'} ${store[2]}`;
    },
    (line) => /^(?:app bundle|desktop file|AppImage|install directory) (.+?)(?: \(.*\))?$/.exec(line)?.[1],
  ];
  for (const read of readers) {
    const found = evidence.map(read).find((v) => v !== undefined);
    if (found !== undefined) return found;
  }
  return undefined;
};

/** The web sites an app is used through, from its browser evidence (`… for https://web.whatsapp.com`). */
const sitesOf = (evidence: readonly string[], f: ValueFormat): string | undefined => {
  const hosts = new Set<string>();
  for (const line of evidence) {
    for (const m of line.matchAll(/ for (https?:\/\/[^\s)]+)/g)) {
      try {
        hosts.add(new URL(m[1] ?? '').host);
      } catch {
        // not a URL: nothing to name
      }
    }
  }
  return hosts.size === 0 ? undefined : f.and([...hosts].sort());
};

const appClause = (app: JsonObject, w: SentenceWords, f: ValueFormat): string => {
  const name = str(app.name) ?? str(app.id) ?? '?';
  const evidence = strings(app.evidence);
  const parts: string[] = [];
  if (app.installed === true) parts.push(w.app.installed(installedVia(evidence, w)));
  const lastUsed = str(app.lastUsed);
  if (app.running === true) parts.push(w.app.running);
  else if (lastUsed !== undefined && !Number.isNaN(Date.parse(lastUsed))) parts.push(w.app.lastUsed(f.age(lastUsed)));
  else if (app.dataPresent === true) parts.push(w.app.dataLeft);
  if (app.inBrowser === true) parts.push(w.app.inBrowser(sitesOf(evidence, f)));
  if (parts.length === 0) parts.push(w.app.present);
  return w.app.clause(name, f.and(parts));
};

// Sockets ----------------------------------------------------------------------------------------

const isSocket = (o: JsonObject): boolean => typeof o.port === 'number' && typeof o.address === 'string';
const portOf = (o: JsonObject): string => `${typeof o.port === 'number' ? String(o.port) : '?'}${typeof o.protocol === 'string' ? `/${o.protocol}` : ''}`;

/** One clause per program: `postgresql (process postgres) accepts connections … on port 5432/tcp`. */
const socketClauses = (sockets: readonly JsonObject[], w: SentenceWords, f: ValueFormat): string[] => {
  const groups = new Map<string, { what: string; ports: Set<string> }>();
  for (const s of sockets) {
    const service = str(s.service);
    const process = str(s.process);
    const what = service !== undefined ? w.service(service, process) : process === undefined ? w.unknownProgram : w.program(process);
    const group = groups.get(what) ?? { what, ports: new Set<string>() };
    group.ports.add(portOf(s));
    groups.set(what, group);
  }
  return [...groups.values()].map((g) => w.socket(g.what, f.and([...g.ports].map(w.port))));
};

// Anything else ----------------------------------------------------------------------------------

const itemLabel = (o: JsonObject, w: SentenceWords): string => str(o.name) ?? str(o.id) ?? str(o.path) ?? str(o.mount) ?? str(o.device) ?? w.generic.notSet;

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const isoDay = /^\d{4}-\d{2}(-\d{2})?$/;

/** A value as people write it; the fact's field name tells seconds and days from other numbers. */
const showValue = (value: Json | undefined, fact: string, w: SentenceWords, f: ValueFormat): string => {
  const field = fact.split('.').at(-1) ?? '';
  if (value === null || value === undefined) return w.generic.notSet;
  if (typeof value === 'boolean') return value ? w.generic.yes : w.generic.no;
  if (typeof value === 'number') {
    if (/seconds$/i.test(field)) return f.duration(value);
    if (/days$/i.test(field)) return f.days(value);
    if (/bytes$/i.test(field)) return f.size(value);
    return f.number(value);
  }
  if (typeof value === 'string') {
    if (isoInstant.test(value) && !Number.isNaN(Date.parse(value))) return `${f.date(value)} (${f.age(value)})`;
    if (isoDay.test(value)) return f.day(value);
    return w.generic.label(value);
  }
  if (Array.isArray(value)) {
    const labels = value.map((v) => (isObject(v) ? itemLabel(v, w) : typeof v === 'string' ? v : showValue(v, fact, w, f)));
    return labels.length === 0 ? w.generic.notSet : f.and(labels);
  }
  return itemLabel(value, w);
};

/** The expectation a value misses, in plain words; undefined when the value says enough. */
const expectationPhrase = (expectation: Expectation | undefined, fact: string, w: SentenceWords, f: ValueFormat): string | undefined => {
  if (expectation === undefined) return undefined;
  const [operator = '', options] = Object.entries(expectation)[0] ?? [];
  switch (operator) {
    case 'equals':
      return w.generic.expectedValue(showValue(options as Json, fact, w, f));
    case 'atMost':
      return num(options) === undefined ? undefined : w.generic.atMost(showValue(num(options) ?? 0, fact, w, f));
    case 'atLeast':
      return num(options) === undefined ? undefined : w.generic.atLeast(showValue(num(options) ?? 0, fact, w, f));
    case 'withinDays': {
      const days = limitOf(expectation);
      return days === undefined ? undefined : w.generic.withinDays(f.days(days));
    }
    case 'matches':
    case 'oneOf':
    case 'noneOf':
    case 'notEquals':
      return w.generic.notAccepted;
    case 'exists':
      return w.generic.missing;
    default:
      return undefined;
  }
};

const genericClause = (fact: string, value: Json, expectation: Expectation | undefined, w: SentenceWords, f: ValueFormat): string => {
  const label = w.generic.label(fact);
  const shown = showValue(value, fact, w, f);
  const expected = expectationPhrase(expectation, fact, w, f);
  return expected === undefined ? w.generic.is(label, shown) : w.generic.isExpected(label, shown, expected);
};
