import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../i18n/messages.js';
import { csvCell, neutralizeFormula, quoteField } from '../escape.js';
import { bom, csv, csvHeader, evidenceSummary } from './csv.js';
import { json } from './json.js';
import { parseBaseline } from '../../fleet/baseline.js';
import { auditMachines, quarterOne, quarterOneTime, quarterTwo, quarterTwoTime } from '../../testing/fleet-changes.js';
import { auditOf, checkedHost, finding, hostReport, hostileMessage, hostileName, sampleAudit } from '../../testing/fleet-reports.js';

const options = { messages: messagesFor('en'), color: false };

/** A strict RFC 4180 parser: CRLF records, quoted fields with doubled quotes. */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
      } else {
        field += c;
        i += 1;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      i += 1;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      if (c === '\r' || c === '\n' || c === '"') throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
      field += c;
      i += 1;
    }
  }
  if (field !== '' || row.length > 0) throw new Error('last record has no CRLF');
  return rows;
};

describe('csv fleet reporter', () => {
  it('starts with a UTF-8 BOM and one header row, ends every record with CRLF', () => {
    const out = csv.render(sampleAudit(), options);
    expect(
      out.startsWith(
        `${bom}host,source,host_status,rule_id,title,theme,severity,status,message,evidence,incomplete_probes,host_name,os,os_version,collected_at,stale,same_machine,groups,change\r\n`,
      ),
    ).toBe(true);
    expect(out.endsWith('\r\n')).toBe(true);
    expect(out.replace(/\r\n/g, '')).not.toMatch(/(?<!")\n(?!")/);
    expect(Buffer.from(out, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('writes one row per host and rule and one per host not checked', () => {
    const audit = sampleAudit();
    const rows = parseCsv(csv.render(audit, options).slice(1));
    expect(rows[0]).toEqual([...csvHeader]);
    const body = rows.slice(1);
    expect(body).toHaveLength(3 * 3 + 3);
    for (const row of body) expect(row).toHaveLength(csvHeader.length);
    expect(body[3]).toEqual([
      'ws-0002.etat.lu',
      'ssh:admin@ws-0002.etat.lu',
      'non-compliant',
      'MSG-01',
      'Rule MSG-01',
      'messaging',
      'high',
      'fail',
      'Not compliant: software.apps contains WhatsApp (installed, running).',
      'software.apps = [{"name":"WhatsApp","evidence":["/usr/bin/whatsapp"]}] (expected: none where categories contains messenger)',
      'updates',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
    // The incomplete probes of a checked host are on each of its rows; a complete host leaves them empty.
    expect(body.filter((row) => row[0] === 'ws-0002.etat.lu').map((row) => row[10])).toEqual(['updates', 'updates', 'updates']);
    expect(body[0]![10]).toBe('');
    expect(body[0]!.slice(0, 3)).toEqual(['ws-0001.etat.lu', 'snapshots/ws-0001.etat.lu.json', 'compliant']);
    expect(body[9]).toEqual([
      'ws-0003.etat.lu',
      'ws-0003.etat.lu:22',
      'unreachable',
      '',
      '',
      '',
      '',
      'unreachable',
      'ssh: connect to host ws-0003.etat.lu port 22: No route to host',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
    expect(body[10]!.slice(2, 9)).toEqual(['timeout', '', '', '', '', 'timeout', 'no answer within 60 s']);
    // Hostile text survives as text: quotes doubled, commas and newlines quoted.
    expect(body[6]![0]).toBe(hostileName);
    expect(body[6]![8]).toBe(hostileMessage);
  });

  it('guards every cell against formula injection (OWASP): =, +, -, @, tab and CR get a leading quote', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(neutralizeFormula(`${start}1+1`)).toBe(`'${start}1+1`);
    for (const safe of ['', 'a=1', ' =1', "'=1", '1-2', 'ws-01']) expect(neutralizeFormula(safe)).toBe(safe);
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    // A carriage return, which would let a printed file overwrite its own line, is shown as \x0d.
    expect(csvCell('\r=1')).toBe('\\x0d=1');
    expect(csvCell('a\u001b[31mb\u202ec')).toBe('a\\x1b[31mb\\u{202e}c');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');

    const audit = auditOf([
      checkedHost(
        hostReport('@evil', [
          finding({
            ruleId: '-R1',
            status: 'fail',
            title: '+title',
            theme: '=SUM(A1)',
            message: '=cmd|"/c calc"!A1',
            evidence: [{ fact: '=x', actual: 1, expected: 'y' }],
          }),
        ]),
        '\tsource',
      ),
    ]);
    const rows = parseCsv(csv.render(audit, options).slice(1));
    expect(rows[1]).toEqual([
      "'@evil",
      "'\tsource",
      'non-compliant',
      "'-R1",
      "'+title",
      "'=SUM(A1)",
      'medium',
      'fail',
      `'=cmd|"/c calc"!A1`,
      "'=x = 1 (expected: y)",
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
    const invalid = parseCsv(csv.render(sampleAudit(), options).slice(1)).find((r) => r[2] === 'invalid');
    expect(invalid?.[0]).toBe(`'=HYPERLINK("http://evil")`);
    // No cell of the whole file starts with a formula character.
    for (const row of parseCsv(csv.render(sampleAudit(), options).slice(1))) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('quotes per RFC 4180 and keeps evidence summaries bounded', () => {
    expect(quoteField('plain')).toBe('plain');
    expect(quoteField('a,b')).toBe('"a,b"');
    expect(quoteField('say "hi"')).toBe('"say ""hi"""');
    expect(quoteField('line\nbreak')).toBe('"line\nbreak"');
    expect(quoteField('cr\rhere')).toBe('"cr\rhere"');
    expect(evidenceSummary([{ fact: 'f', actual: 'x'.repeat(5000), expected: 'e' }])).toHaveLength(2000);
    expect(evidenceSummary([])).toBe('');
  });

  it('gives each host row its groups and, with a baseline, what changed per rule; a missing host gets a row', async () => {
    const baseline = parseBaseline(json.render(await auditMachines(quarterOne, quarterOneTime), options), 'q1.json');
    const machines = [...quarterTwo, { name: 'formula', hostName: 'F', machineId: 'f'.repeat(32), firewall: true, encrypted: true, group: '=cmd|calc' }];
    const rows = parseCsv(csv.render(await auditMachines(machines, quarterTwoTime, { baseline }), options).slice(1));
    const [header, ...body] = rows;
    expect(header?.slice(-2)).toEqual(['groups', 'change']);
    const cell = (host: string, rule: string, column: 'groups' | 'change'): string | undefined =>
      body.find((r) => r[0] === host && r[3] === rule)?.[csvHeader.indexOf(column)];
    expect(cell('ws-03', 'ENC-01', 'groups')).toBe('MinFin; MinFin/Treasury');
    expect(cell('ws-01', 'FW-01', 'change')).toBe('newly-failing');
    expect(cell('ws-01', 'ENC-01', 'change')).toBe('');
    expect(cell('ws-04', 'FW-01', 'change')).toBe('fixed');
    expect(cell('ws-04', 'ENC-01', 'change')).toBe('still-failing');
    expect(cell('ws-07', 'FW-01', 'change')).toBe('still-failing');
    expect(cell('ws-11', 'FW-01', 'change')).toBe('new-host');
    expect(cell('ws-09', 'FW-01', 'change')).toBe('not-compared');
    expect(cell('formula', 'FW-01', 'groups')).toBe("'=cmd|calc");
    const missing = body.filter((r) => r[2] === 'missing');
    expect(missing.map((r) => [r[0], r[1], r.at(-1)])).toEqual([['ws-06', 'snapshots/MinEdu/ws-06.json', 'missing']]);
    for (const row of body) expect(row).toHaveLength(csvHeader.length);
  });
});
