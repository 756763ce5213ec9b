/**
 * Fuzzing the single-report renderers (text, json, junit, sarif) with hostile strings in every
 * field and random evidence: each renders without throwing, and its output stays well-formed:
 * text has no raw control characters (colour off), JSON and SARIF parse, JUnit is well-formed XML.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messagesFor } from '../i18n/messages.js';
import type { Report, Severity } from '../model.js';
import { severities } from '../model.js';
import { reportArbitrary } from '../testing/fuzz-reports.js';
import { fuzzSeed } from '../testing/fuzz.js';
import { html } from './html.js';
import { json } from './json.js';
import { junit } from './junit.js';
import type { ColorStyles, RenderOptions } from './reporter.js';
import { sarif } from './sarif.js';
import { text } from './text.js';

const numRuns = 300;
const plain = (s: string): string => s;
const styles: ColorStyles = { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain, magenta: plain, gray: plain };

const optionsFor = (report: Report, failOn: Severity): RenderOptions => ({
  styles,
  failOn,
  messages: messagesFor('en'),
  themes: [...new Set(report.findings.map((f) => f.theme))].map((id) => ({ id, title: id })),
  policySource: { file: 'policy.yaml', ruleLines: Object.fromEntries(report.findings.map((f, i) => [f.ruleId, i + 10])) },
  rules: report.findings.map((f) => ({ id: f.ruleId, description: f.message, references: [{ title: f.title, url: 'https://example.org' }] })),
});

/** C0 and C1 controls other than a newline. */
// eslint-disable-next-line no-control-regex
const rawControl = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/u;

/**
 * A small well-formedness check for XML: only XML 1.0 characters, every `<` opens a tag, a
 * comment, CDATA or the declaration, and every `&` is an entity; tags balance.
 */
export const xmlProblem = (xml: string): string | undefined => {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u.test(xml))
    return 'a character XML 1.0 does not allow';
  const stack: string[] = [];
  const tag =
    /<\?xml[^?]*\?>|<!--(?:(?!--)[\s\S])*-->|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|&(?:[a-z]+|#\d+|#x[0-9a-fA-F]+);|[<&]/gy;
  let i = 0;
  while (i < xml.length) {
    const next = xml.slice(i).search(/[<&]/u);
    if (next === -1) break;
    tag.lastIndex = i + next;
    const match = tag.exec(xml);
    if (match === null || match[0] === '<' || match[0] === '&')
      return `raw ${xml[i + next] ?? ''} at ${String(i + next)}: ${xml.slice(i + next, i + next + 40)}`;
    const [, close, name, , selfClosing] = match;
    if (name !== undefined && selfClosing !== '/') {
      if (close === '/') {
        if (stack.pop() !== name) return `unbalanced </${name}>`;
      } else stack.push(name);
    }
    i = tag.lastIndex;
  }
  return stack.length === 0 ? undefined : `unclosed <${stack.join('>, <')}>`;
};

const xmllint = existsSync('/usr/bin/xmllint') ? '/usr/bin/xmllint' : undefined;

describe('single-report renderers (fuzz)', () => {
  // found by fuzzing: a finding message "\u0000" (any C0/C1 control, ESC included) was printed raw
  // by the text reporter, so a hostile fact or name could drive the terminal; fixed by the shared
  // escape module (src/reporters/escape.ts).
  it(`text: no raw control characters with colour off (${String(numRuns)} runs, seed ${String(fuzzSeed)})`, () => {
    fc.assert(
      fc.property(reportArbitrary, fc.constantFrom(...severities), (report, failOn) => {
        const out = text.render(report, optionsFor(report, failOn));
        const at = rawControl.exec(out);
        expect(at === null ? undefined : JSON.stringify(out.slice(Math.max(0, at.index - 20), at.index + 10))).toBeUndefined();
      }),
      { seed: fuzzSeed, numRuns, interruptAfterTimeLimit: 20_000 },
    );
  });

  it(`html: every tag is one the page writes, so nothing from a finding becomes markup (${String(numRuns)} runs, seed ${String(fuzzSeed)})`, () => {
    const ours =
      /<\/?(?:!doctype|html|head|meta|title|style|body|header|main|footer|section|article|details|summary|h[1-4]|p|ul|ol|li|a|b|strong|span|code|table|caption|thead|tbody|tr|th|td)(?=[\s>])[^<>]*>/gi;
    fc.assert(
      fc.property(reportArbitrary, fc.constantFrom(...severities), fc.boolean(), (report, failOn, verbose) => {
        const page = html.render(report, { ...optionsFor(report, failOn), verbose });
        // The style sheet is a constant of the reporter; nothing from a report reaches it.
        const left = page.replace(/<style>[^<]*<\/style>/, '').replace(ours, '');
        expect(
          left.includes('<') || left.includes('>') ? left.slice(Math.max(0, left.search(/[<>]/) - 30), left.search(/[<>]/) + 30) : undefined,
        ).toBeUndefined();
      }),
      { seed: fuzzSeed, numRuns, interruptAfterTimeLimit: 20_000 },
    );
  });

  it(`json: parses and keeps every message (${String(numRuns)} runs, seed ${String(fuzzSeed)})`, () => {
    fc.assert(
      fc.property(reportArbitrary, fc.constantFrom(...severities), (report, failOn) => {
        const parsed = JSON.parse(json.render(report, optionsFor(report, failOn))) as { findings: { message: string }[] };
        expect(parsed.findings.map((f) => f.message).sort()).toEqual(report.findings.map((f) => f.message).sort());
      }),
      { seed: fuzzSeed, numRuns, interruptAfterTimeLimit: 20_000 },
    );
  });

  it('sarif: encodes a lone surrogate in a target name (found by fuzzing: URIError: URI malformed)', () => {
    fc.assert(
      fc.property(reportArbitrary, (report) => {
        const lone = { ...report, target: { ...report.target, name: '\udfff' } };
        expect(() => JSON.parse(sarif.render(lone, optionsFor(lone, 'high'))) as unknown).not.toThrow();
      }),
      { seed: fuzzSeed, numRuns: 5 },
    );
  });

  it(`sarif: parses (${String(numRuns)} runs, seed ${String(fuzzSeed)})`, () => {
    fc.assert(
      fc.property(reportArbitrary, fc.constantFrom(...severities), (report, failOn) => {
        const parsed = JSON.parse(sarif.render(report, optionsFor(report, failOn))) as { runs: unknown[] };
        expect(parsed.runs).toHaveLength(1);
      }),
      { seed: fuzzSeed, numRuns, interruptAfterTimeLimit: 20_000 },
    );
  });

  it(`junit: well-formed XML (${String(numRuns)} runs, seed ${String(fuzzSeed)}; every 10th through xmllint when installed)`, () => {
    let n = 0;
    fc.assert(
      fc.property(reportArbitrary, fc.constantFrom(...severities), (report, failOn) => {
        const xml = junit.render(report, optionsFor(report, failOn));
        expect(xmlProblem(xml)).toBeUndefined();
        n += 1;
        if (xmllint !== undefined && n % 10 === 0) execFileSync(xmllint, ['--noout', '-'], { input: xml, stdio: ['pipe', 'ignore', 'pipe'] });
      }),
      { seed: fuzzSeed, numRuns, interruptAfterTimeLimit: 20_000 },
    );
  });
});
