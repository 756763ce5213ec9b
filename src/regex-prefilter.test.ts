import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Catalog } from './policy/catalog.js';
import { globPrefilter, regexPrefilter } from './regex-prefilter.js';
import { safeGlob, safeRegex, safeRegexProblem } from './safe-regex.js';

const catalog = parse(readFileSync(new URL('../policies/catalog/apps.yaml', import.meta.url), 'utf8')) as Catalog;
const catalogPatterns = catalog.apps.flatMap((app) => [...(app.namePatterns ?? []), ...(app.windows?.uninstallNames ?? [])]);

/** Patterns a filter must get right: leading literals quantified, alternation, classes, groups, escapes. */
const craftedPatterns = [
  '^signal(\\s|-|$)',
  '^proton ?drive',
  '^rocket\\.?\\s?chat',
  '^ab+c',
  '^abc*',
  '^a.c',
  '^abc|xyz',
  '^(abc|xyz)',
  'abc|^xyz',
  '(?:abc)def',
  'luxchat\\s*4\\s*gov',
  '^[^\\s4]bc',
  '^ab[^\\-]c',
  '^\\(x\\)',
  '^x\\$',
  '^k',
  '^s',
  '^straße',
  '^微信',
  '^skype(™|\\s*$)',
  '^',
  '',
  'a$',
];

/** Texts around those literals: cases, non-ASCII lookalikes (ſ folds to s, K to k), prefixes, infixes. */
const texts = [
  '',
  'Signal',
  'signal desktop',
  'SIGNAL-beta',
  'ſignal',
  'Signalling',
  'my signal',
  'Proton Drive',
  'protondrive',
  'proton  drive',
  'Rocket.Chat',
  'rocketchat',
  'abc',
  'ABBBC',
  'ac',
  'a-c',
  'xyz',
  'the xyz',
  'abcdef',
  'Luxchat 4 Gov',
  'my luxchat4gov',
  ' bc',
  'xbc',
  '4bc',
  'ab-c',
  'abxc',
  '(x)',
  'x$',
  'k',
  'K',
  '\u212a',
  's',
  'S',
  'Straße',
  'STRASSE',
  '微信',
  'Skype™',
  'skype',
  'Vim',
  'Chromium Web Browser',
  'a',
  'ba',
];

const corpus = [...new Set([...catalogPatterns, ...craftedPatterns])];

describe('regexPrefilter', () => {
  it('rules out only texts RE2 does not match, and is made only for patterns RE2 compiles', () => {
    let filters = 0;
    let ruledOut = 0;
    for (const pattern of corpus) {
      const mayMatch = regexPrefilter(pattern, 'i');
      if (mayMatch === undefined) continue;
      filters++;
      expect(safeRegexProblem(pattern, 'i'), pattern).toBeUndefined();
      const re = safeRegex(pattern, 'i');
      for (const text of texts) {
        if (mayMatch(text)) continue;
        ruledOut++;
        expect(re.test(text), `${pattern} on ${JSON.stringify(text)}`).toBe(false);
      }
    }
    // Nearly every catalog pattern starts with a literal: the filters are there, and rule texts out.
    expect(catalogPatterns.filter((p) => regexPrefilter(p, 'i') !== undefined).length).toBeGreaterThan(catalogPatterns.length * 0.8);
    expect(filters).toBeGreaterThan(60);
    expect(ruledOut).toBeGreaterThan(2000);
  });

  it('compares the literal a match starts with, case-insensitively, and lets any non-ASCII text through', () => {
    const signal = regexPrefilter('^signal(\\s|-|$)', 'i');
    expect(signal?.('Vim')).toBe(false);
    expect(signal?.('SIGNAL')).toBe(true);
    expect(signal?.('ſignal')).toBe(true);
    expect(safeRegex('^signal(\\s|-|$)', 'i').test('ſignal')).toBe(true);
    expect(regexPrefilter('^proton ?drive', 'i')?.('protondrive')).toBe(true);
    expect(regexPrefilter('^abc*', 'i')?.('ab')).toBe(true);
    expect(regexPrefilter('luxchat\\s*4\\s*gov', 'i')?.('my Luxchat 4 Gov')).toBe(true);
    expect(regexPrefilter('luxchat\\s*4\\s*gov', 'i')?.('element')).toBe(false);
    // Without the i flag, case counts.
    expect(regexPrefilter('^Abc')?.('abc')).toBe(false);
    expect(regexPrefilter('^Abc')?.('Abcd')).toBe(true);
  });

  it('makes no filter for an alternation outside groups, a pattern without a leading literal, or other flags', () => {
    for (const pattern of ['^abc|xyz', 'abc|^xyz', '^(abc|xyz)', '(?:abc)def', '^[^\\s4]bc', '^.bc', '^', '', '^微信']) {
      expect(regexPrefilter(pattern, 'i'), pattern).toBeUndefined();
    }
    expect(regexPrefilter('^abc', 'm')).toBeUndefined();
    expect(regexPrefilter('^abc', 'is')).toBeUndefined();
  });

  it('makes no filter for a pattern outside the subset it reads, valid or not: RE2 then decides and reports', () => {
    for (const pattern of [
      '^bad(?!x)',
      '^a(?=b)',
      '^a(?i)b',
      '^ab**',
      '^ab*?',
      '^ab{2}',
      '^a{2,1}',
      '^ab(',
      '^ab)',
      '^ab[',
      '^ab[]c]',
      '^ab[a-z]',
      '^ab[[:alpha:]]',
      '^ab\\1',
      '^ab\\pL',
      '^ab\\Qx\\E',
      '^ab\\b',
      '^*a',
      '^ab|*',
      '^ab(*)',
      '^ab\ud800',
    ]) {
      expect(regexPrefilter(pattern, 'i'), pattern).toBeUndefined();
    }
  });
});

describe('globPrefilter', () => {
  const globs = ['/opt/telegram', '/opt/screenconnect-*', 'pc-dev-*', 'lab-??', '*.example.lu', 'straße*', 'k*'];
  it('rules out only texts the glob (with or without a suffix) does not match', () => {
    let ruledOut = 0;
    for (const glob of globs) {
      for (const question of [true, false]) {
        const mayMatch = globPrefilter(glob, question);
        const whole = safeGlob(glob, { question });
        const below = safeGlob(glob, { question, star: 'segment', suffix: '(?:/(?s:.*))?' });
        for (const text of [
          ...texts,
          '/opt/telegram',
          '/OPT/Telegram/bin',
          '/opt/nuget',
          '/opt/screenconnect-x/y',
          'PC-DEV-042',
          'lab-12',
          'web.example.lu',
          '\u212a',
        ]) {
          if (mayMatch === undefined || mayMatch(text)) continue;
          ruledOut++;
          expect(whole.test(text), `${glob} on ${text}`).toBe(false);
          expect(below.test(text), `${glob}/… on ${text}`).toBe(false);
        }
      }
    }
    expect(ruledOut).toBeGreaterThan(300);
    expect(globPrefilter('*.example.lu')).toBeUndefined();
    expect(globPrefilter('/opt/telegram', false)?.('/opt/nuget')).toBe(false);
    expect(globPrefilter('/opt/telegram', false)?.('/OPT/TELEGRAM/bin')).toBe(true);
    expect(globPrefilter('lab-??', true)?.('lab')).toBe(false);
    expect(globPrefilter('lab-??', true)?.('LAB-12')).toBe(true);
  });
});
