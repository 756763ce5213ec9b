/**
 * Fuzzing the fleet renderers (text, json, csv, html) with hostile strings in host names, sources,
 * reasons, titles, messages and evidence: each renders without throwing and nothing from the data
 * escapes: text has no raw control characters (colour off), JSON parses, CSV parses with guarded
 * formulas, HTML never holds a generated string with `<`, `"` or `&` as is.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../i18n/messages.js';
import { auditArbitrary } from '../../testing/fuzz-reports.js';
import { fuzzSeed } from '../../testing/fuzz.js';
import type { AuditReport } from '../../fleet/model.js';
import { bom, csv, csvHeader } from './csv.js';
import { html } from './html.js';
import { json } from './json.js';
import type { FleetRenderOptions } from './reporter.js';
import { auditOf } from '../../testing/fleet-reports.js';
import { text } from './text.js';

const numRuns = 200;
const options: FleetRenderOptions = { messages: messagesFor('en'), color: false };
const run = { seed: fuzzSeed, numRuns, interruptAfterTimeLimit: 20_000 };

/** Every string the audit holds (names, messages, evidence values...). */
const stringsOf = (value: unknown, out: string[] = []): string[] => {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) stringsOf(v, out);
  return out;
};

/** RFC 4180 records; throws on a quote in the middle of an unquoted field or an unclosed quote. */
const parseCsv = (input: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    let cell = '';
    if (input[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= input.length) throw new Error('unclosed quote');
        if (input[i] === '"') {
          if (input[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else {
            i += 1;
            break;
          }
        } else {
          cell += input[i] ?? '';
          i += 1;
        }
      }
    } else {
      while (i < input.length && input[i] !== ',' && input[i] !== '\r' && input[i] !== '\n') {
        if (input[i] === '"') throw new Error(`raw quote at ${String(i)}`);
        cell += input[i] ?? '';
        i += 1;
      }
    }
    row.push(cell);
    if (input[i] === ',') {
      i += 1;
      continue;
    }
    if (input.startsWith('\r\n', i)) i += 2;
    else if (i < input.length) throw new Error(`unexpected ${JSON.stringify(input[i])} at ${String(i)}`);
    rows.push(row);
    row = [];
    if (i >= input.length) return rows;
  }
};

const render = (audit: AuditReport, reporter: { render: (a: AuditReport, o: FleetRenderOptions) => string }): string => reporter.render(audit, options);

/** `<script` and `</script` of the page's own markup (its data and its code). */
const emptyPage = html.render(auditOf([]), options);
const pageScripts = emptyPage.match(/<\/?script/giu)?.length;

describe('fleet renderers (fuzz)', () => {
  it(`text: no raw control characters with colour off (${String(numRuns)} runs, seed ${String(fuzzSeed)})`, () => {
    fc.assert(
      fc.property(auditArbitrary, (audit) => {
        const out = render(audit, text);
        // eslint-disable-next-line no-control-regex
        const at = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/u.exec(out);
        expect(at === null ? undefined : JSON.stringify(out.slice(Math.max(0, at.index - 20), at.index + 10))).toBeUndefined();
      }),
      run,
    );
  });

  it(`json: parses, and keeps every host (${String(numRuns)} runs, seed ${String(fuzzSeed)})`, () => {
    fc.assert(
      fc.property(auditArbitrary, (audit) => {
        const parsed = JSON.parse(render(audit, json)) as { hosts: unknown[] };
        expect(parsed.hosts).toHaveLength(audit.hosts.length);
        expect([...(json.chunks?.(audit, options) ?? [])].join('')).toBe(render(audit, json));
      }),
      run,
    );
  });

  it(`csv: parses as RFC 4180, a row per finding, no cell a formula (${String(numRuns)} runs, seed ${String(fuzzSeed)})`, () => {
    fc.assert(
      fc.property(auditArbitrary, (audit) => {
        const out = render(audit, csv);
        const rows = parseCsv(out.startsWith(bom) ? out.slice(bom.length) : out);
        expect(rows[0]).toEqual([...csvHeader]);
        for (const row of rows) {
          expect(row).toHaveLength(csvHeader.length);
          for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/u);
        }
      }),
      run,
    );
  });

  it(`html: no generated string with <, " or & appears as is (${String(numRuns)} runs, seed ${String(fuzzSeed)})`, () => {
    fc.assert(
      fc.property(auditArbitrary, (audit) => {
        const out = render(audit, html);
        // The data island is JSON (checked on its own below); the rest is markup.
        const data = /<script type="application\/json" id="fleet-data">([\s\S]*?)<\/script>/u.exec(out)?.[1] ?? '';
        expect(data).not.toMatch(/[<>&]/u);
        expect(() => JSON.parse(data) as unknown).not.toThrow();
        const markup = out.replace(data, '');
        for (const s of stringsOf(audit)) {
          // A `<` or `"` with text on both sides (at an end, the page's next tag can complete it:
          // "__proto__<" then "/div>"); `&` only before what no entity starts with ("x&amp;"
          // escaped still contains itself); and a string that is the page's own markup proves nothing.
          if (s.length >= 6 && /[\s\S][<"][\s\S]{3}|&(?=[^a-z#])/u.test(s) && !emptyPage.includes(s))
            expect(markup.includes(s) ? s : undefined).toBeUndefined();
        }
        expect(out).not.toContain('<script>alert');
        expect(out.match(/<\/?script/giu)?.length).toBe(pageScripts);
      }),
      run,
    );
  });
});
