/**
 * Every fleet format identifies machines the same way: the inventory's name first, then the host
 * name (or its pseudonym), OS and version, collection date, stale, and one machine seen twice once.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { messagesFor } from '../../i18n/messages.js';
import { htmlEscape } from '../escape.js';
import { identityAudit } from '../../testing/fleet-identity.js';
import type { AuditReport } from '../../fleet/model.js';
import { csv, csvHeader } from './csv.js';
import { html } from './html.js';
import { identityLabelsFor } from './identity-labels.js';
import { json } from './json.js';
import { text } from './text.js';

const en = { messages: messagesFor('en'), color: false };
let audit: AuditReport;
beforeAll(async () => {
  audit = await identityAudit();
});

const schema = (name: string): object => JSON.parse(readFileSync(new URL(`../../../schemas/${name}`, import.meta.url), 'utf8')) as object;

describe('fleet reports identify machines', () => {
  it('text: worst hosts with who they are, the score explained, and notes on stale and doubled machines', () => {
    const out = text.render(audit, en);
    expect(out).toContain('· 2 non-compliant · 1 undetermined · 1 not checked · 1 incomplete · 1 stale · 1 duplicates folded\n');
    expect(out).toContain('  FW-01  high      2 fail · 1 error of 6');
    expect(out).toContain('  score: fails and errors weighted by severity');
    const worst = out.slice(out.indexOf('Worst hosts'), out.indexOf('Hosts with notes'));
    expect(worst.indexOf('ws-0003')).toBeGreaterThan(worst.indexOf('ws-0002'));
    expect(worst).toMatch(/ws-0003 +undetermined +0 fail · 1 error/);
    expect(worst).toContain('pc-0002.ministere.etat.lu · Ubuntu 24.04.1 LTS · collected 2026-09-01 07:15 UTC');
    expect(worst).toContain('host-5f0c2d9e7a41 (pseudonym) · Fedora Linux 41 (Workstation Edition) · collected 2026-11-19 16:45 UTC');
    const notes = out.slice(out.indexOf('Hosts with notes'));
    expect(notes).toContain('stale: collected more than 30 days before the audit');
    expect(notes).toContain('one machine seen twice: also ws-0002-august (snapshots/ws-0002-august.json, 2026-08-01 07:00 UTC); counted once');
    expect(notes).toContain('same machine id as clone-0009 under another name');
  });

  it('csv: who each row is, in columns after the older ones', () => {
    const rows = csv
      .render(audit, en)
      .slice(1)
      .split('\r\n')
      .slice(1, -1)
      .map((r) => r.split(','));
    const at = (column: (typeof csvHeader)[number]): number => csvHeader.indexOf(column);
    const ws2 = rows.filter((r) => r[0] === 'ws-0002');
    expect(ws2).toHaveLength(2);
    expect(rows.some((r) => r[0] === 'ws-0002-august')).toBe(false);
    for (const r of ws2) {
      expect([r[at('host_name')], r[at('os')], r[at('os_version')], r[at('collected_at')], r[at('stale')]]).toEqual([
        'pc-0002.ministere.etat.lu',
        'Ubuntu 24.04.1 LTS',
        '24.04',
        '2026-09-01T07:15:00.000Z',
        'stale',
      ]);
    }
    expect(csv.render(audit, en)).toContain('"one machine seen twice: also ws-0002-august (snapshots/ws-0002-august.json');
    expect(rows.find((r) => r[0] === 'ws-0003')?.[at('host_status')]).toBe('undetermined');
    expect(rows.find((r) => r[0] === 'ws-0004')?.[at('host_name')]).toBe('');
  });

  it('json: identity, stale and duplicates per host, valid against the schemas', () => {
    const parsed = JSON.parse(json.render(audit, en)) as AuditReport;
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    ajv.addSchema(schema('report.schema.json'));
    const validate = ajv.compile(schema('audit.schema.json'));
    expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
    const ws2 = parsed.hosts.find((h) => h.name === 'ws-0002');
    expect(Object.keys(ws2 ?? {})).toEqual(['source', 'name', 'status', 'identity', 'stale', 'duplicates', 'report', 'durationMs']);
    expect(ws2?.report?.host?.collectedAt).toBe('2026-09-01T07:15:00.000Z');
    expect(parsed.summary).toMatchObject({ undetermined: 1, stale: 1, duplicates: 1 });
  });

  it('html: hosts worst first with host name, system and date; notes; manual rules as attest, not 0/0/0/0', () => {
    const page = html.render(audit, en);
    const table = /<table id="hosts-table">[\s\S]*?<\/table>/.exec(page)?.[0] ?? '';
    const names = [...table.matchAll(/<tr><th scope="row"><a href="#h\d+">([^<]*)<\/a>/g)].map((m) => m[1]);
    expect(names).toEqual(['vm-a', 'ws-0002', 'ws-0003', 'ws-0004', 'clone-0009', 'vm-b', 'ws-0001']);
    expect(table).toContain(
      '<a href="#h1">ws-0002</a></th><td class="mono">pc-0002.ministere.etat.lu</td><td>Ubuntu 24.04.1 LTS</td><td><time datetime="2026-09-01T07:15:00.000Z">2026-09-01 07:15 UTC</time> <span class="st st-stale">stale</span></td>',
    );
    expect(table).toContain(htmlEscape('one machine seen twice: also ws-0002-august (snapshots/ws-0002-august.json, 2026-08-01 07:00 UTC)'));
    expect(table).toContain('<span class="st st-undetermined">undetermined</span>');
    expect(table).toContain('<td class="mono">host-5f0c2d9e7a41 (pseudonym)</td>');
    expect(page).toContain('<td class="attest" colspan="4">to attest on 6 hosts</td>');
    expect(page).toMatch(/<span class="n">1<\/span> undetermined/);
    expect(page).toMatch(/<span class="n">1<\/span> duplicates folded/);
  });

  it('speaks every language of the reports, Luxembourgish included', async () => {
    const fr = html.render(await identityAudit({ language: 'fr' }), { messages: messagesFor('fr'), color: false });
    expect(fr).toContain('<span class="st st-undetermined">indéterminé</span>');
    expect(fr).toContain('à attester sur 6 postes');
    const labels = ['en', 'fr', 'de', 'lb'].map((language) => identityLabelsFor(language as 'en'));
    for (const l of labels) {
      expect(l.stale(30)).toContain('30');
      expect(l.duplicates('ws-1')).toContain('ws-1');
      expect(l.attest(2)).toContain('2');
    }
    expect(new Set(labels.map((l) => l.undetermined)).size).toBe(4);
    expect(labels[3]?.hostName).toBe('Hostnumm');
  });
});
