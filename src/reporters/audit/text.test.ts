import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../i18n/messages.js';
import type { HostResult } from '../../fleet/model.js';
import { auditOf, checkedHost, finding, hostReport, sampleAudit, uncheckedHost } from '../../testing/fleet-reports.js';
import { terminalSafe } from '../escape.js';
import { text, topRuleCount } from './text.js';
import { json } from './json.js';
import { parseBaseline } from '../../fleet/baseline.js';
import { auditMachines, quarterOne, quarterOneTime, quarterTwo, quarterTwoTime } from '../../testing/fleet-changes.js';

const plain = { messages: messagesFor('en'), color: false };
// eslint-disable-next-line no-control-regex
const ansi = /\u001b\[[0-9;]*m/;

describe('text fleet reporter', () => {
  it('prints totals, the incomplete warning, failing rules, worst hosts and hosts not checked', () => {
    const out = text.render(sampleAudit(), plain);
    expect(out).not.toMatch(ansi);
    expect(out).toContain('Fleet audit: Charte de sécurité de l’État (lu-state-charter 2026.1, sha256 abababababab)');
    expect(out).toContain('Hosts: 6 total · 3 checked · 1 compliant · 2 non-compliant · 3 not checked · 1 incomplete\n');
    expect(out).toContain('⚠ Incomplete audit: 3 hosts could not be checked.');
    expect(out).toContain('failing at or above: medium');
    const rules = out.slice(out.indexOf('Most failed rules'), out.indexOf('Worst hosts'));
    expect(rules.split('\n').slice(1, 4)).toEqual([
      '  MSG-01  high      2 fail · 0 error of 3     Rule MSG-01',
      '  ENC-01  critical  1 fail · 0 error of 3     Rule ENC-01',
      '  UPD-01  medium    0 fail · 1 error of 3     Rule UPD-01',
    ]);
    const worst = out.slice(out.indexOf('Worst hosts'), out.indexOf('Hosts not checked'));
    const worstLines = worst.split('\n').filter((l) => l.startsWith('  '));
    expect(worstLines).toHaveLength(3);
    expect(worstLines.shift()).toBe('  score: fails and errors weighted by severity (critical 64, high 16, medium 4, low 1, info 0)');
    expect(worstLines[0]).toMatch(/^ {2}ws-0002\.etat\.lu +non-compliant +2 fail · 1 error · worst severity critical · score 84$/);
    expect(out).toContain(
      'Hosts not checked (3)\n  ws-0003.etat.lu (ws-0003.etat.lu:22)  unreachable: ssh: connect to host ws-0003.etat.lu port 22: No route to host',
    );
    expect(out).toContain('  ws-0004.etat.lu (ws-0004.etat.lu:22)  timeout: no answer within 60 s');
    expect(out).toContain('Hosts incomplete (1)\n  ws-0002.etat.lu (ssh:admin@ws-0002.etat.lu)  incomplete (updates)\n    updates: apt-get timed out\n');
    expect(out.trimEnd().endsWith('the fleet does not meet the charter.')).toBe(true);
  });

  it('ranks worst hosts by fails weighted by severity, not by count alone', () => {
    const manyLow = hostReport(
      'many-low',
      ['A', 'B', 'C', 'D', 'E'].map((id) => finding({ ruleId: id, status: 'fail', severity: 'low' })),
    );
    const oneCritical = hostReport('one-critical', [finding({ ruleId: 'Z', status: 'fail', severity: 'critical' })]);
    const out = text.render(auditOf([checkedHost(manyLow), checkedHost(oneCritical)]), plain);
    const worst = out.slice(out.indexOf('Worst hosts'));
    expect(worst.indexOf('one-critical')).toBeLessThan(worst.indexOf('many-low'));
  });

  it('colours only when asked', () => {
    expect(text.render(sampleAudit(), { ...plain, color: true })).toMatch(ansi);
    expect(text.render(sampleAudit(), plain)).not.toMatch(ansi);
  });

  it('never sends control characters from audited machines to the terminal', () => {
    const evil = uncheckedHost('evil\u001b[2J\u001b]0;pwned\u0007', 'error', 'reason with \u001b[31mred\u001b[0m and \r carriage return\u009b');
    const out = text.render(auditOf([evil]), plain);
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(out).toContain('evil\\x1b[2J\\x1b]0;pwned\\x07');
    expect(terminalSafe('a\u001bb\u009bc\nd')).toBe('a\\x1bb\\x9bc\\x0ad');
  });

  it('lists at most the top rules and says how many more fail, and says so when nothing fails', () => {
    const findings = Array.from({ length: topRuleCount + 3 }, (_, i) => finding({ ruleId: `R${i}`, status: 'fail' }));
    const out = text.render(auditOf([checkedHost(hostReport('h', findings))]), plain);
    expect(out).toContain('  … and 3 more');
    const hosts: HostResult[] = [checkedHost(hostReport('ok', [finding({ ruleId: 'A', status: 'pass' })]))];
    const clean = text.render(auditOf(hosts), plain);
    expect(clean).toContain('No rule fails on any checked host.');
    expect(clean).not.toContain('Incomplete');
    expect(clean).not.toContain('incomplete');
    expect(clean.trimEnd().endsWith('Every host was checked and none fails at or above the threshold.')).toBe(true);
  });

  it('speaks French when the audit does', () => {
    const out = text.render(sampleAudit({ language: 'fr' }), { messages: messagesFor('fr'), color: false });
    expect(out).toContain('Audit incomplet : 3 postes n’ont pas pu être vérifiés.');
    expect(out).toContain('Postes non vérifiés (3)');
    expect(out).toContain('· 1 incomplet\n');
    expect(out).toContain('Postes incomplets (1)\n  ws-0002.etat.lu (ssh:admin@ws-0002.etat.lu)  incomplet (updates)');
  });

  it('prints each group with every rule failing in it, and what changed since the baseline', async () => {
    const baseline = parseBaseline(json.render(await auditMachines(quarterOne, quarterOneTime), plain), 'q1.json');
    const out = text.render(await auditMachines(quarterTwo, quarterTwoTime, { baseline }), plain);
    const groups = out.slice(out.indexOf('Groups (3)'), out.indexOf('Since the audit'));
    expect(groups.trimEnd().split('\n')).toEqual([
      'Groups (3)',
      '  MinEdu           3 of 8 not compliant  ENC-01 2 · FW-01 1',
      '  MinFin           2 of 3 not compliant  FW-01 1 · ENC-01 1',
      '  MinFin/Treasury  1 of 1 not compliant  ENC-01 1',
    ]);
    const changes = out.slice(out.indexOf('Since the audit'), out.indexOf('Worst hosts'));
    expect(changes).toContain('(q1.json)');
    expect(changes).toContain('8 hosts compared · 2 new hosts · 1 missing since then · 1 not compared');
    expect(changes).toMatch(/\n {2}FW-01 +1 +3 +1\n {2}ENC-01 +1 +0 +2\n/);
    expect(changes).toContain('  newly failing: ws-01 (FW-01), ws-08 (ENC-01)\n');
    expect(changes).toContain('  fixed: ws-02 (FW-01), ws-04 (FW-01), ws-10 (FW-01)\n');
    expect(changes).toContain('  not compared: ws-09\n');
    expect(changes).toContain('  new hosts: ws-11, ws-06\n');
    expect(changes).toContain('  missing since then: ws-06 (snapshots/MinEdu/ws-06.json)\n');
    expect(out).not.toMatch(/ +\n/);
  });
});
