import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../model.js';
import { memoryIo } from '../testing/memory-io.js';
import { run } from './main.js';

/** `--lang fr|de`: operator words, reasons and the CLI's own lines are not English. */
const root = new URL('../..', import.meta.url).pathname;
const fixture = (name: string): string => `replay:${join(root, 'fixtures', 'hosts', name)}`;

const charter = async (args: string[]) => {
  const io = memoryIo({ cwd: root });
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
};

/** English operator words and reasons (outside quoted values) that a French or German report must not print. */
const englishOperatorWords = [
  'equal to',
  'at most',
  'at least',
  'within the last',
  'none where',
  'any where',
  'where item',
  ' is not ',
  'items match',
  'item matches',
  'has 1 entries',
  'value unknown',
  'could not be checked',
];

const englishIn = (text: string): string[] => englishOperatorWords.filter((w) => text.includes(w));

describe('charter check --lang', () => {
  it.each(['debian12-exposed', 'debian12-messenger'])('prints no English operator words in German (%s)', async (host) => {
    const { out } = await charter(['check', '--lang', 'de', '--verbose', '--target', fixture(host)]);
    expect(out).toContain('Nicht konform');
    expect(englishIn(out)).toEqual([]);
  });

  it('words the exposed host in German and French', async () => {
    const de = (await charter(['check', '--lang', 'de', '--verbose', '--target', fixture('debian12-exposed')])).out;
    expect(de).toContain('erwartet: gleich true');
    expect(de).toContain('erwartet: höchstens 900');
    expect(de).toContain('management.enrolled: false ist nicht true');
    expect(de).toContain('accounts.extraUid0: hat 1 Eintrag');
    const fr = (await charter(['check', '--lang', 'fr', '--verbose', '--target', fixture('debian12-exposed')])).out;
    expect(fr).toContain('égal à true');
    expect(fr).toContain('au plus 900');
    expect(fr).toContain("management.enrolled: false n'est pas true");
    expect(englishIn(fr)).toEqual([]);
  });

  it('words the plain sentences, the to-do list and the verdict in German and French, without raw evidence', async () => {
    const de = (await charter(['check', '--lang', 'de', '--target', fixture('debian12-exposed')])).out;
    expect(de).toContain('Die Systemfestplatte ist nicht verschlüsselt.');
    expect(de).toContain('Zu erledigen, Schwerwiegendstes zuerst:');
    expect(de).toMatch(
      /\n\nDieses Gerät erfüllt die Charta bei `--fail-on low` nicht: \d+ Fehlschläge und \d+ (offener Punkt|offene Punkte) ab Schweregrad „niedrig“\.\n$/,
    );
    expect(de).not.toContain('erwartet:');
    expect(englishIn(de)).toEqual([]);
    const fr = (await charter(['check', '--lang', 'fr', '--target', fixture('debian12-exposed')])).out;
    expect(fr).toContain('Le pare-feu est désactivé ; le pare-feu laisse entrer par défaut les connexions entrantes.');
    expect(fr).not.toContain('attendu :');
    expect(englishIn(fr)).toEqual([]);
  });

  it('words the JSON evidence and collection reasons in French', async () => {
    const { out } = await charter(['check', '--lang', 'fr', '--format', 'json', '--target', fixture('debian12-messenger')]);
    const report = JSON.parse(out) as Report;
    const msg01 = report.findings.find((f) => f.ruleId === 'MSG-01');
    expect(msg01?.message).toContain('1 élément correspond : telegram');
    expect(msg01?.evidence[0]?.expected).toBe('aucun élément où categories contient "messenger" et approved égal à false');
    expect(englishIn(JSON.stringify(report.findings.map((f) => [f.message, f.evidence.map((e) => e.expected)])))).toEqual([]);
  });

  it('speaks Luxembourgish when asked, or when LANG says lb_LU', async () => {
    const { out } = await charter(['check', '--lang', 'lb', '--verbose', '--target', fixture('debian12-exposed')]);
    expect(out).toContain('Net konform: management.enrolled: false ass net true.');
    expect(out).toContain('erwaart: héchstens 900');
    expect(out).toMatch(/NET ERFËLLT +MGT-01 .*\[kritesch\]/);
    expect(englishIn(out)).toEqual([]);
    const io = memoryIo({ cwd: root, env: { LANG: 'lb_LU.UTF-8' } });
    await run(['check', '--target', fixture('debian12-exposed')], io);
    expect(io.out()).toContain('wat ze maachen ass:');
  });

  it('keeps English when asked for English', async () => {
    const { out } = await charter(['check', '--lang', 'en', '--verbose', '--target', fixture('debian12-exposed')]);
    expect(out).toContain('expected: equal to true');
    expect(out).toContain('expected: at most 900');
  });

  it('says it wrote the file in the chosen language', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'charter-lang-'));
    try {
      const file = join(dir, 'report.json');
      const de = await charter(['check', '--lang', 'de', '--target', fixture('debian12-exposed'), '--format', 'json', '--output', file]);
      // Each count agrees in number with its word: no "(n)" or "(s)" left for the reader to choose.
      expect(de.err).toMatch(
        /^charter: \S+report\.json geschrieben \(\d+ erfüllt, \d+ nicht erfüllt, \d+ Fehler, \d+ (entfällt|entfallen), \d+ Ausnahmen?, \d+ manuell zu prüfen\)\n$/,
      );
      expect(de.err).not.toMatch(/\b1 entfallen|\b[02-9] entfällt|\(n\)/);
      const fr = await charter(['check', '--lang', 'fr', '--target', fixture('debian12-exposed'), '--format', 'json', '--output', file]);
      expect(fr.err).toMatch(/^charter: \S+report\.json écrit \((1 conforme|\d{2,} conformes|[02-9] conformes), \d+ échecs?, \d+ erreurs?, /);
      expect(fr.err).not.toContain('(s)');
      const en = await charter(['check', '--lang', 'en', '--target', fixture('debian12-exposed'), '--format', 'json', '--output', file]);
      expect(en.err).toMatch(/^charter: wrote \S+report\.json \(\d+ pass, \d+ fail, \d+ error, \d+ skip, \d+ waived, \d+ manual\)\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('charter rules and explain --lang', () => {
  it('marks manual rules in the chosen language', async () => {
    expect((await charter(['rules', '--lang', 'fr'])).out).toContain(' (à vérifier à la main)\n');
    expect((await charter(['rules', '--lang', 'de'])).out).toContain(' (manuell zu prüfen)\n');
    expect((await charter(['rules', '--lang', 'lb'])).out).toContain(' (vun Hand ze préiwen)\n');
    expect((await charter(['rules', '--lang', 'de'])).out).toMatch(/^MSG-01 +hoch +/m);
    const en = (await charter(['rules', '--lang', 'en'])).out;
    expect(en).toContain(' (manual)\n');
    expect((await charter(['rules', '--lang', 'de'])).out).not.toContain('(manual)');
  });

  it('describes what a rule expects in the chosen language', async () => {
    const de = (await charter(['explain', 'LCK-01', '--lang', 'de'])).out;
    expect(de).toContain('- screen-lock.secondsToLock: höchstens 900');
    expect(de).toContain('- screen-lock.lockEnabled: gleich true');
    expect(englishIn(de)).toEqual([]);
    expect((await charter(['explain', 'LCK-01', '--lang', 'fr'])).out).toContain('- screen-lock.secondsToLock: au plus 900');
  });
});
