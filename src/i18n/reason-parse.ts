/**
 * A probe's reason (why a fact is unknown, why a probe does not apply, what it could not read) as a
 * catalogued message: a stable id and its parameters, so that a report can say it in the reader's
 * language while the JSON keeps the English text beside it.
 *
 * Probes write their reasons in English, and snapshots keep them as written; the catalogue
 * (reason-messages.ts) gives each message its English pattern, which is what recognises it here,
 * whether it was written now or years ago. Reasons are composed (`nft -j list ruleset: timed out`,
 * `app-activity: …; browsers: …`): a pattern's `{name:r}` parameter is itself a reason, a text
 * joined by `; ` is read part by part, and `SOURCE: REASON` names what the reason is about. What no
 * pattern recognises is kept as it was written, and says so (`recognised: false`).
 */
import type { Language, ReasonNode } from '../model.js';
import { reasonMessages, type ReasonParams } from './reason-messages.js';

/**
 * Parameter kinds: `{x}` any text without `; ` (a command, a name, what a tool printed), `{x:w}` one
 * word without spaces, `{x:p}` a path (absolute, or from a drive letter), `{x:n}` a whole number,
 * `{x:r}` a reason.
 */
interface Slot {
  name: string;
  kind: 'text' | 'word' | 'path' | 'number' | 'reason';
}

const slotKinds = { n: 'number', r: 'reason', w: 'word', p: 'path' } as const;
const slotSources: Record<Slot['kind'], string> = {
  text: '((?:(?!; ).)+?)',
  word: '(\\S+?)',
  path: '((?:/|[A-Za-z]:\\\\)(?:(?!; ).)*?)',
  number: '(\\d+)',
  reason: '(.+?)',
};

interface Pattern {
  id: string;
  regex: RegExp;
  slots: Slot[];
  /** Literal characters: a longer pattern is tried first, being more specific. */
  weight: number;
  /** The literal text before the first parameter and after the last: a text without them cannot match. */
  prefix: string;
  suffix: string;
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const compile = (id: string, pattern: string): Pattern => {
  const slots: Slot[] = [];
  let source = '';
  let weight = 0;
  const pieces = pattern.split(/(\{[a-zA-Z]+(?::[nrwp])?\})/);
  for (const piece of pieces) {
    const slot = /^\{([a-zA-Z]+)(?::([nrwp]))?\}$/.exec(piece);
    if (slot === null) {
      source += escapeRegex(piece);
      weight += piece.length;
      continue;
    }
    const marker = slot[2];
    const kind: Slot['kind'] = marker === 'n' || marker === 'r' || marker === 'w' || marker === 'p' ? slotKinds[marker] : 'text';
    slots.push({ name: slot[1] ?? '', kind });
    source += slotSources[kind];
  }
  // split() puts the literal pieces at even indices, first and last included (empty when a parameter starts or ends it).
  const prefix = pieces[0] ?? '';
  const suffix = pieces.length > 1 ? (pieces.at(-1) ?? '') : '';
  return { id, regex: new RegExp(`^${source}$`, 's'), slots, weight, prefix, suffix };
};

/** The catalogue's patterns, longest first: compiled on the first reason parsed, not on import. */
let compiled: readonly Pattern[] | undefined;
const patterns = (): readonly Pattern[] =>
  (compiled ??= Object.entries(reasonMessages)
    .flatMap(([id, message]) => message.patterns.map((p) => compile(id, p)))
    .sort((a, b) => b.weight - a.weight));

/** Splits at `; ` outside brackets and quotes. */
const topLevelParts = (text: string): string[] => {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === ';' && text.charAt(i + 1) === ' ' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 2;
    }
  }
  parts.push(text.slice(start));
  return parts;
};

/** Is every reason in the node recognised (texts only where a pattern takes any text)? */
export const recognised = (node: ReasonNode): boolean => {
  if ('text' in node) return false;
  if ('parts' in node) return node.parts.every(recognised);
  return Object.values(node.params).every((p) => typeof p === 'string' || recognised(p));
};

const matchPattern = (pattern: Pattern, text: string): ReasonNode | undefined => {
  if (!text.startsWith(pattern.prefix) || !text.endsWith(pattern.suffix)) return undefined;
  const m = pattern.regex.exec(text);
  if (m === null) return undefined;
  const params: Record<string, string | ReasonNode> = {};
  for (const [i, slot] of pattern.slots.entries()) {
    const value = m[i + 1] ?? '';
    if (slot.kind === 'reason') {
      const inner = parseReason(value);
      if (!recognised(inner)) return undefined;
      params[slot.name] = inner;
    } else params[slot.name] = value;
  }
  return { id: pattern.id, params };
};

/** A source names what a reason is about: a probe, a command, a file, a tool; one clause, not a list. */
const sourceLike = (text: string): boolean => text !== '' && text.length <= 80 && !text.includes('; ');

/** The reason `text` as a catalogued message, as far as the catalogue recognises it. */
export const parseReason = (text: string): ReasonNode => {
  for (const pattern of patterns()) {
    const node = matchPattern(pattern, text);
    if (node !== undefined) return node;
  }
  // `SOURCE: REASON`, where the source names what the reason is about: `nft -j list ruleset: timed out`.
  for (let at = text.indexOf(': '); at !== -1; at = text.indexOf(': ', at + 1)) {
    const source = text.slice(0, at);
    if (!sourceLike(source)) break;
    const rest = parseReason(text.slice(at + 2));
    if (recognised(rest)) return { id: 'about', params: { source, reason: rest } };
  }
  const parts = topLevelParts(text);
  if (parts.length > 1) return { parts: parts.map(parseReason) };
  return { text };
};

const fill = (template: string, params: ReasonParams): string => template.replace(/\{([a-zA-Z]+)(?::[nrwp])?\}/g, (_, name: string) => params[name] ?? '');

/** The node in `language`; texts kept as written, parameters that are reasons rendered too. */
export const renderReason = (node: ReasonNode, language: Language): string => {
  if ('text' in node) return node.text;
  if ('parts' in node) return node.parts.map((p) => renderReason(p, language)).join('; ');
  const params: ReasonParams = Object.fromEntries(
    Object.entries(node.params).map(([name, value]) => [name, typeof value === 'string' ? value : renderReason(value, language)]),
  );
  if (node.id === 'about') return `${params.source ?? ''}${language === 'fr' ? ' : ' : ': '}${params.reason ?? ''}`;
  const message = Object.hasOwn(reasonMessages, node.id) ? reasonMessages[node.id] : undefined;
  if (message === undefined) return '';
  const say = message[language];
  return typeof say === 'string' ? fill(say, params) : say(params);
};

/** A probe's reason in `language` (English as it was written). */
export const translateReason = (text: string, language: Language): string => (language === 'en' ? text : renderReason(parseReason(text), language));

/** The texts a node takes as they were written (paths, commands, what the machine said), for masking in tests. */
export const verbatimTexts = (node: ReasonNode): string[] => {
  if ('text' in node) return [node.text];
  if ('parts' in node) return node.parts.flatMap(verbatimTexts);
  return Object.values(node.params).flatMap((p) => (typeof p === 'string' ? [p] : verbatimTexts(p)));
};
