import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../i18n/messages.js';
import type { Language } from '../../model.js';
import { auditMachines, changesPolicy, quarterOne, quarterOneTime, quarterTwo, quarterTwoTime } from '../../testing/fleet-changes.js';
import { strayEnglish } from '../../testing/stray-english.js';
import { parseBaseline } from '../../fleet/baseline.js';
import { changeLabelsFor } from './change-labels.js';
import { html } from './html.js';
import { json } from './json.js';
import { text } from './text.js';

/** What the machines and the test policy name (host, group, rule and policy names): not charter's to translate. */
const masked = ['ws-01', 'ws-02', 'ws-03', 'ws-04', 'ws-05', 'ws-05-new', 'ws-06', 'ws-07', 'ws-08', 'ws-09', 'ws-10', 'ws-11', 'q1.json'];

const reports = async (language: Language) => {
  const en = { messages: messagesFor('en'), color: false };
  const baseline = parseBaseline(json.render(await auditMachines(quarterOne, quarterOneTime, { policy: changesPolicy(['OLD-01']) }), en), 'q1.json');
  const audit = { ...(await auditMachines(quarterTwo, quarterTwoTime, { baseline })), language };
  const options = { messages: messagesFor(language), color: false };
  return { text: text.render(audit, options), html: html.render(audit, options) };
};

/** The sections on groups and changes of the text report, and of the HTML page as visible text. */
const sections = async (language: Language): Promise<string[]> => {
  const c = changeLabelsFor(language);
  const { text: out, html: page } = await reports(language);
  const start = out.indexOf(`${c.groups} (`);
  const textPart = out.slice(start, out.indexOf('\n\n', out.indexOf(c.since('').trim().slice(0, 6))));
  const htmlPart = page
    .slice(page.indexOf('aria-labelledby="groups-title"'), page.indexOf('aria-labelledby="hosts-title"'))
    .replace(/<[^>]*\baria-label="([^"]*)"[^>]*>/g, ' $1 ')
    .replace(/<[^>]+>/g, ' ');
  return [textPart, htmlPart];
};

describe('groups and changes in French, German and Luxembourgish', () => {
  for (const language of ['fr', 'de', 'lb'] as const) {
    it(`leave no English word in ${language}`, async () => {
      const parts = await sections(language);
      const c = changeLabelsFor(language);
      expect(parts[0]).toContain(c.groups);
      expect(parts[1]).toContain(c.newlyFailing);
      expect(parts[1]).toContain(c.otherPolicy('p 1').split(' ')[0]);
      for (const part of parts) expect(strayEnglish(part, masked)).toEqual([]);
    });
  }
  it('finds English in the English sections (the check is not blind)', async () => {
    for (const part of await sections('en')) expect(strayEnglish(part, masked).length).toBeGreaterThan(3);
  });
  it('are each language’s own (no label left in English)', () => {
    const en = changeLabelsFor('en');
    for (const language of ['fr', 'de', 'lb'] as const) {
      const own = changeLabelsFor(language);
      for (const key of [
        'groups',
        'anyGroup',
        'failuresPerGroup',
        'newlyFailing',
        'fixed',
        'stillFailing',
        'newHosts',
        'missingHosts',
        'uncompared',
      ] as const) {
        expect(own[key], `${language} ${key}`).not.toBe(en[key]);
      }
    }
  });
});
