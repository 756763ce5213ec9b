/**
 * Issue 18, "checked by": every failing or undecided finding of the exposed and non-compliant
 * recorded hosts reads as one plain sentence in each of the four languages: no fact path, no raw
 * JSON, no ISO timestamp, no regular expression, no bare true/false/null.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../check.js';
import { openHost } from '../hosts/index.js';
import type { SentenceLanguage } from '../i18n/sentences.js';
import { loadPolicy } from '../policy/load.js';
import { plainSentence } from './sentence.js';

const root = new URL('../..', import.meta.url).pathname;
const hosts = ['debian12-exposed', 'macos14-noncompliant', 'windows11-noncompliant'];
const languages: SentenceLanguage[] = ['en', 'fr', 'de', 'lb'];

describe.each(hosts)('%s: plain sentences', (name) => {
  it('every failure and undecided point reads as one plain sentence in en, fr, de and lb', async () => {
    const dir = join(root, 'fixtures', 'hosts', name);
    const policy = await loadPolicy(join(root, 'policies', 'lu-state-charter.yaml'));
    const host = await openHost(`replay:${dir}`, { cwd: root });
    const now = new Date((JSON.parse(readFileSync(join(dir, 'host.json'), 'utf8')) as { recordedAt: string }).recordedAt);
    const { report, facts } = await check({ policy, host, language: 'en', now: () => now, tool: { name: 'charter', version: '0.0.0-test' } });
    await host.close();
    const open = report.findings.filter((f) => f.status === 'fail' || f.status === 'error');
    expect(open.length).toBeGreaterThan(5);
    for (const finding of open) {
      const rule = policy.rules.find((r) => r.id === finding.ruleId);
      if (rule === undefined) throw new Error(finding.ruleId);
      const worded = languages.map((language) => plainSentence(finding, rule, facts, { language, now, timeZone: 'Europe/Luxembourg' }) ?? '');
      for (const [i, text] of worded.entries()) {
        const where = `${finding.ruleId} (${languages[i] ?? ''}): ${text}`;
        expect(text, where).toMatch(/^\S.*\.$/s);
        expect(text, where).not.toMatch(/\n/);
        // One sentence: no full stop followed by a new capitalised sentence (`2. Juni` is a date).
        expect(text, where).not.toMatch(/(?<!\d)[.!?]\s+\p{Lu}/u);
        for (const e of finding.evidence) expect(text, where).not.toContain(e.fact);
        expect(text, where).not.toMatch(/\d{4}-\d{2}-\d{2}T|[{}]|"\w+":|\\d|\^|\$|\b(?:true|false|null)\b/);
      }
      expect(new Set(worded).size, worded.join('\n')).toBe(4);
    }
  });
});
