import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../i18n/messages.js';
import { fleetCss, fleetJs } from './html-assets.js';
import { htmlEscape as escapeHtml } from '../../reporters/escape.js';
import { contentSecurityPolicy, html, scriptJson } from './html.js';
import { auditOf, checkedHost, finding, hostReport, hostileMessage, hostileName, sampleAudit, syntheticAudit } from '../../testing/fleet-reports.js';

const options = { messages: messagesFor('en'), color: false };
const render = (audit = sampleAudit()): string => html.render(audit, options);

const hash = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The page's JSON island, parsed the way the page script parses it. */
const tableData = (page: string): { states: string[]; rows: Array<[string, number, number, number, number, number, number]> } => {
  const match = /<script type="application\/json" id="fleet-data">([^<]*)<\/script>/.exec(page);
  expect(match, 'JSON data island').not.toBeNull();
  return JSON.parse(match![1]!) as { states: string[]; rows: Array<[string, number, number, number, number, number, number]> };
};

describe('html fleet reporter', () => {
  it('is one self-contained document whose CSP forbids the network and allows only its own inline code', () => {
    const page = render();
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(page.endsWith('</html>\n')).toBe(true);
    expect(contentSecurityPolicy).toMatch(/^default-src 'none'; /);
    expect(contentSecurityPolicy).toContain(`style-src ${hash(fleetCss)}`);
    expect(contentSecurityPolicy).toContain(`script-src ${hash(fleetJs)}`);
    expect(contentSecurityPolicy).not.toContain('unsafe');
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy)}">`);
    // Exactly one inline style and one executable script, the hashed ones; no style attributes (CSP would block them).
    expect(page.split('<style>').length).toBe(2);
    expect(page).toContain(`<style>${fleetCss}</style>`);
    expect(page.match(/<script>/g)).toHaveLength(1);
    expect(page).toContain(`<script>${fleetJs}</script>`);
    expect(page).not.toMatch(/\sstyle="/);
    // No external resource of any kind.
    // Every `<` from an audited machine is escaped, so each tag in the page is the reporter's own.
    const tags = page.match(/<[a-zA-Z][^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(100);
    for (const tag of tags) {
      expect(tag).not.toMatch(/\s(src|srcset|action|poster|data|on[a-z]+|style)=/i);
      expect(tag.replace(' xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/[a-z]+:\/\/|\/\/[a-z]/i);
    }
    expect(page).not.toMatch(/url\(|@import|@font-face/i);
    expect(page).not.toMatch(/<link|<iframe|<object|<embed|<img|<base/i);
    const hrefs = [...page.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^#[a-z0-9-]+$/);
  });

  it('escapes host names, messages, reasons and evidence from the audited machines', () => {
    const page = render();
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<script><script>');
    expect(page).not.toContain('<b onmouseover');
    expect(page).not.toContain('</script><script>window');
    expect(page).toContain(escapeHtml(hostileName));
    expect(page).toContain(escapeHtml(hostileMessage));
    expect(escapeHtml(`<a href="x" title='y'>&`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;');
    // Only the two real script elements close.
    expect(page.match(/<\/script>/g)).toHaveLength(2);
  });

  it('embeds the table data as JSON with <, > and & escaped, in table row order (worst first)', () => {
    const audit = sampleAudit();
    const page = render(audit);
    const island = /id="fleet-data">([^<]*)<\/script>/.exec(page)?.[1] ?? '';
    expect(island).not.toMatch(/[<>&]/);
    expect(island).toContain('\\u003cimg');
    const data = tableData(page);
    expect(data.rows.map((r) => r[0])).toEqual([
      'ws-0002.etat.lu',
      hostileName,
      '=HYPERLINK("http://evil")',
      'ws-0004.etat.lu',
      'ws-0003.etat.lu',
      'ws-0001.etat.lu',
    ]);
    const states = data.rows.map((r) => data.states[r[1]]);
    expect(states).toEqual(['non-compliant', 'non-compliant', 'invalid', 'timeout', 'unreachable', 'compliant']);
    expect(data.rows[0]?.slice(0, 7)).toEqual(['ws-0002.etat.lu', 0, 2, 1, 0, 4, 64 + 16 + 4]);
    expect(scriptJson({ a: '</script>\u2028&' })).toBe('{"a":"\\u003c/script\\u003e\\u2028\\u0026"}');
  });

  it('shows the summary, the policy and the incomplete-audit banner', () => {
    const audit = sampleAudit();
    const page = render(audit);
    expect(audit.complete).toBe(false);
    expect(page).toContain('<p class="banner" role="alert">Incomplete audit: 3 hosts could not be checked.');
    expect(page).toContain(`sha256 <code>${'ab'.repeat(32)}</code>`);
    expect(page).toContain('<code>lu-state-charter</code> 2026.1');
    expect(page).toContain('<time datetime="2026-11-22T08:00:00.000Z">');
    expect(page).toMatch(/<span class="n">6<\/span> Hosts \(total\)/);
    expect(page).toMatch(/<span class="n">3<\/span> checked/);
    expect(page).toMatch(/<span class="n">1<\/span> compliant/);
    expect(page).toMatch(/<span class="n">2<\/span> non-compliant/);
    expect(page).toMatch(/<span class="n">3<\/span> not checked/);
    expect(page).toMatch(/<li class="warn"><span class="n">1<\/span> incomplete<\/li>/);
    const complete = auditOf([checkedHost(hostReport('a', [finding({ ruleId: 'X-1', status: 'pass' })]))]);
    expect(render(complete)).not.toContain('class="banner"');
  });

  it('draws an inline SVG bar per failing rule, most failing first', () => {
    const page = render();
    const svg = /<svg[\s\S]*?<\/svg>/.exec(page)?.[0] ?? '';
    expect(svg).toContain('role="img"');
    const labels = [...svg.matchAll(/text-anchor="end">([^<]*)</g)].map((m) => m[1]);
    expect(labels).toEqual(['MSG-01 Rule MSG-01', 'ENC-01 Rule ENC-01', 'UPD-01 Rule UPD-01']);
    const allPass = auditOf([checkedHost(hostReport('a', [finding({ ruleId: 'X-1', status: 'pass' })]))]);
    expect(render(allPass)).not.toContain('<svg');
    expect(render(allPass)).toContain('No rule fails on any checked host.');
  });

  it('has an accessible, sortable, filterable hosts table', () => {
    const page = render();
    const table = /<table id="hosts-table">[\s\S]*?<\/table>/.exec(page)?.[0] ?? '';
    expect(table.match(/<th scope="col" data-col="\d+" aria-sort="none"/g)).toHaveLength(9);
    expect(table).toContain('<button type="button">Host</button>');
    expect(page).toContain('<label for="host-filter">Filter hosts<input id="host-filter" type="search"');
    expect(page).toContain('<label for="state-filter">Status<select id="state-filter">');
    expect(table.match(/<tr><th scope="row">/g)).toHaveLength(6);
    expect(table).toContain(
      '<a href="#h4">ws-0003.etat.lu</a></th><td class="mono"></td><td></td><td>—</td><td><span class="st st-unreachable">unreachable</span>',
    );
    expect(table).toContain(
      '<a href="#h0">ws-0002.etat.lu</a></th><td class="mono"></td><td></td><td>—</td><td><span class="st st-non-compliant">non-compliant</span> <span class="st st-incomplete">incomplete (updates)</span></td>',
    );
    expect(table.match(/st-incomplete/g)).toHaveLength(1);
    expect(fleetJs.split('\n').length).toBeLessThan(200);
  });

  it('lists each host not checked with its reason', () => {
    const page = render();
    const section = /<section aria-labelledby="not-checked-title">[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
    expect(section).toContain('Hosts not checked (3)');
    expect(section).toContain('<tr id="h4"><th scope="row">ws-0003.etat.lu</th><td class="mono">ws-0003.etat.lu:22</td>');
    expect(section).toContain('ssh: connect to host ws-0003.etat.lu port 22: No route to host');
    expect(section).toContain('no answer within 60 s');
    expect(section).toContain(escapeHtml(`snapshot is not JSON: ${hostileMessage}`));
  });

  it('keeps fails and errors in full, groups skips by message, collapses passes to a count', () => {
    const page = render();
    const bad = /<details id="h0">[\s\S]*?<\/details>/.exec(page)?.[0] ?? '';
    expect(bad).toContain(
      '<span class="st st-non-compliant">non-compliant</span> <span class="st st-incomplete">incomplete (updates)</span> <strong>ws-0002.etat.lu</strong>',
    );
    expect(bad).toContain('<ul class="incomplete"><li><code>updates</code>: apt-get timed out</li></ul>');
    // Most urgent first: fails by severity, then the error.
    expect([...bad.matchAll(/<code>([A-Z]+-\d+)<\/code><\/a> <small>/g)].map((m) => m[1])).toEqual(['ENC-01', 'MSG-01', 'UPD-01']);
    expect(bad).toContain('Not compliant: disk-encryption.systemVolumeEncrypted: false is not true.');
    expect(bad).toContain(
      '<code>disk-encryption.systemVolumeEncrypted</code> = <code class="v">false</code><br><span class="k">expected:</span> equal to true',
    );
    expect(bad).toContain('probe updates failed: apt-get timed out');
    expect(bad).toContain('<a href="#r1">see rule ENC-01</a>');
    expect(bad).toContain('0 rules pass.');
    // The rule's remediation is written once, in the rules table.
    expect(page.match(/Fix ENC-01\./g)).toHaveLength(1);
    const clean = /<details id="h5">[\s\S]*?<\/details>/.exec(page)?.[0] ?? '';
    expect(clean).not.toContain('<table');
    expect(clean).toContain('3 rules pass.');

    const skips = hostReport('s', [
      finding({ ruleId: 'A-1', status: 'skip', message: 'not applicable: needs a live system' }),
      finding({ ruleId: 'A-2', status: 'skip', message: 'not applicable: needs a live system' }),
      finding({ ruleId: 'A-3', status: 'skip', message: 'not applicable: rule covers windows, target is linux' }),
      finding({ ruleId: 'A-4', status: 'fail', remediation: 'A remediation only this host gets.' }),
    ]);
    const page2 = render(auditOf([checkedHost(skips)]));
    expect(page2).toContain(
      '<a href="#r0"><code>A-1</code></a> <a href="#r1"><code>A-2</code></a></th><td><span class="st st-skip">SKIP</span></td><td>not applicable: needs a live system</td>',
    );
    expect(page2).toContain(
      '<a href="#r2"><code>A-3</code></a></th><td><span class="st st-skip">SKIP</span></td><td>not applicable: rule covers windows, target is linux</td>',
    );
  });

  it('truncates very long observed values (the JSON report keeps them whole)', () => {
    const long = hostReport('l', [finding({ ruleId: 'A-1', status: 'fail', evidence: [{ fact: 'x.list', actual: 'y'.repeat(5000), expected: 'empty' }] })]);
    const page = render(auditOf([checkedHost(long)]));
    expect(page).toContain(`&quot;${'y'.repeat(599)}… (truncated)`);
    expect(page).not.toContain('y'.repeat(700));
  });

  it('speaks French when the audit does', () => {
    const page = html.render(sampleAudit({ language: 'fr' }), { messages: messagesFor('fr'), color: false });
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('Audit incomplet : 3 postes n’ont pas pu être vérifiés.');
    expect(page).toContain('<span class="st st-non-compliant">non conforme</span>');
    expect(page).toContain('<span class="st st-incomplete">incomplet (updates)</span>');
    expect(page).toMatch(/<span class="n">1<\/span> incomplets/);
  });

  it('stays reasonable for 10,000 hosts × 30 rules', () => {
    const audit = syntheticAudit(10_000, 30);
    // Size only: how long it takes depends on the machine running the test (bench/ measures it).
    const page = html.render(audit, options);
    const bytes = Buffer.byteLength(page);
    // 15 % of findings fail and 2 % err in this fleet (45,000 fails with evidence): far worse than a real one.
    expect(bytes).toBeLessThan(35_000_000);
    expect(tableData(page).rows).toHaveLength(10_000);
  }, 120_000);
});
