import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../i18n/messages.js';
import { fleetCss, fleetJs } from './html-assets.js';
import { htmlEscape as escapeHtml } from '../escape.js';
import { contentSecurityPolicy, html, htmlChunks, hostsPerPage, scriptJson } from './html.js';
import { pageData, pageDataText } from '../../testing/fleet-html-data.js';
import { strayEnglish } from '../../testing/stray-english.js';
import { htmlLabelsFor } from './html-labels.js';
import { auditOf, checkedHost, finding, hostReport, hostileMessage, hostileName, sampleAudit, syntheticAudit } from '../../testing/fleet-reports.js';

const options = { messages: messagesFor('en'), color: false };
const render = (audit = sampleAudit()): string => html.render(audit, options);

const hash = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

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

  it('embeds the data as JSON with <, > and & escaped, in table row order (worst first)', () => {
    const audit = sampleAudit();
    const page = render(audit);
    const island = pageDataText(page);
    expect(island).not.toMatch(/[<>&]/);
    expect(island).toContain('\\u003cimg');
    const { hosts } = pageData(page);
    expect(hosts.map((h) => h.name)).toEqual([
      'ws-0002.etat.lu',
      hostileName,
      '=HYPERLINK("http://evil")',
      'ws-0004.etat.lu',
      'ws-0003.etat.lu',
      'ws-0001.etat.lu',
    ]);
    expect(hosts.map((h) => h.state)).toEqual(['non-compliant', 'non-compliant', 'invalid', 'timeout', 'unreachable', 'compliant']);
    expect(hosts[0]).toMatchObject({ name: 'ws-0002.etat.lu', fail: 2, error: 1, pass: 0, worst: 'critical', score: 64 + 16 + 4 });
    expect(hosts[0]?.source).toBe('ssh:admin@ws-0002.etat.lu');
    expect(hosts[4]?.details).toEqual({ reason: 'ssh: connect to host ws-0003.etat.lu port 22: No route to host' });
    expect(scriptJson({ a: '</script>\u2028&' })).toBe('{"a":"\\u003c/script\\u003e\\u2028\\u0026"}');
  });

  it('cannot be broken out of by what a machine names: </script>, <!--, U+2028 and U+2029 stay inside the data, shown as text', () => {
    const nasty = 'pc</script><!--<script>window.__charterPwned=3</script>\u2028\u2029\u202e';
    const audit = auditOf([
      checkedHost(
        hostReport(nasty, [
          finding({
            ruleId: 'MSG-01',
            status: 'fail',
            message: `Not compliant: software.apps contains ${nasty}.`,
            evidence: [{ fact: 'software.apps', actual: [{ name: nasty }], expected: 'none' }],
          }),
        ]),
        'snapshots/</script>.json',
      ),
    ]);
    const page = render(audit);
    const island = pageDataText(page);
    expect(island).not.toMatch(/<\/script|<!--|[<>&\u2028\u2029\u202e]/iu);
    expect(page.match(/<\/script>/g)).toHaveLength(2);
    const [host] = pageData(page).hosts;
    // Controls and bidi characters made visible, as htmlEscape does in the markup.
    const shown = 'pc</script><!--<script>window.__charterPwned=3</script>\\u{2028}\\u{2029}\\u{202e}';
    expect(host?.name).toBe(shown);
    expect(host?.source).toBe('snapshots/</script>.json');
    const details = host?.details;
    expect(details !== undefined && 'findings' in details ? details.findings[0]?.message : undefined).toBe(`Not compliant: software.apps contains ${shown}.`);
    expect(page).toContain(escapeHtml(nasty));
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
    expect(fleetJs.split('\n').length).toBeLessThan(450);
  });

  it('lists each host not checked with its reason', () => {
    const page = render();
    const section = /<section aria-labelledby="not-checked-title">[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
    expect(section).toContain('Hosts not checked (3)');
    // Each name opens the host's details in the hosts table (its address, as there).
    expect(section).toContain('<tr><th scope="row"><a href="#h4">ws-0003.etat.lu</a></th><td class="mono">ws-0003.etat.lu:22</td>');
    expect(section).toContain('ssh: connect to host ws-0003.etat.lu port 22: No route to host');
    expect(section).toContain('no answer within 60 s');
    expect(section).toContain(escapeHtml(`snapshot is not JSON: ${hostileMessage}`));
  });

  it('keeps fails and errors in full with evidence, the rest with their message, passes as a count', () => {
    const page = render();
    const { hosts, rules } = pageData(page);
    const bad = hosts[0];
    expect(bad?.incompleteBadge).toBe('incomplete (updates)');
    expect(bad?.incomplete).toEqual([{ probe: 'updates', message: 'apt-get timed out' }]);
    const details = bad?.details;
    if (details === undefined || !('findings' in details)) throw new Error('no details');
    // Most urgent first: fails by severity, then the error.
    expect(details.findings.map((f) => [f.ruleId, f.status])).toEqual([
      ['ENC-01', 'fail'],
      ['MSG-01', 'fail'],
      ['UPD-01', 'error'],
    ]);
    expect(details.findings[0]).toMatchObject({
      message: 'Not compliant: disk-encryption.systemVolumeEncrypted: false is not true.',
      evidence: [{ fact: 'disk-encryption.systemVolumeEncrypted', actual: 'false', expected: 'equal to true' }],
      remediation: 'Fix ENC-01.',
    });
    expect(details.findings[2]?.message).toBe('probe updates failed: apt-get timed out');
    expect(details.passing).toBe('0 rules pass.');
    expect(details.counts).toBe('2 fail · 1 error · 0 pass');
    expect(rules.find((r) => r.id === 'ENC-01')).toEqual({ id: 'ENC-01', anchor: 'r1', remediation: 'Fix ENC-01.' });
    // The rule's remediation is written once in the rules table, once in the data, whatever the number of hosts.
    expect(page.replace(pageDataText(page), '').match(/Fix ENC-01\./g)).toHaveLength(1);
    expect(pageDataText(page).match(/Fix ENC-01\./g)).toHaveLength(1);
    const clean = hosts[5]?.details;
    expect(clean !== undefined && 'findings' in clean ? [clean.findings, clean.passing] : undefined).toEqual([[], '3 rules pass.']);
  });

  it('writes each string and each finding shared by many hosts once', () => {
    const hosts = Array.from({ length: 500 }, (_, i) =>
      checkedHost(
        hostReport(`ws-${String(i)}`, [
          finding({
            ruleId: 'ENC-01',
            status: 'fail',
            message: 'Not compliant: disk-encryption.systemVolumeEncrypted: false is not true.',
            evidence: [{ fact: 'disk-encryption.systemVolumeEncrypted', actual: false, expected: 'equal to true' }],
          }),
          // One finding of its own per host: shared strings, a record of its own.
          finding({ ruleId: 'ACC-01', status: 'fail', message: `Not compliant: accounts.admins: user-${String(i)}.` }),
          finding({ ruleId: 'UPD-01', status: 'pass' }),
        ]),
        `/srv/snapshots/ministry-${String(i % 3)}/ws-${String(i)}.json`,
      ),
    );
    const page = render(auditOf(hosts));
    const data = pageData(page);
    expect(data.raw.findings).toHaveLength(1 + 500);
    expect(pageDataText(page).match(/systemVolumeEncrypted: false is not true/g)).toHaveLength(1);
    // Thousands of snapshots in a few folders: each folder written once.
    expect(pageDataText(page).match(/ministry-1\//g)).toHaveLength(1);
    expect(data.hosts.find((h) => h.name === 'ws-77')?.source).toBe('/srv/snapshots/ministry-2/ws-77.json');
    expect(data.hosts.every((h) => 'findings' in h.details && h.details.findings.length === 2)).toBe(true);
  });

  it('writes strings and findings in place past the shared tables’ limits, with the same result', () => {
    const audit = sampleAudit();
    const full = [...htmlChunks(audit, options)].join('');
    for (const limits of [
      { strings: 0, chars: 1 << 20, findings: 0 },
      { strings: 3, chars: 1 << 20, findings: 1 },
      { strings: 1000, chars: 40, findings: 1000 },
    ]) {
      const bounded = [...htmlChunks(audit, options, limits)].join('');
      expect(bounded).not.toBe(full);
      expect(pageData(bounded).raw.strings.length).toBeLessThanOrEqual(limits.strings);
      expect(pageData(bounded).raw.findings.length).toBeLessThanOrEqual(limits.findings);
      expect(pageData(bounded).hosts).toEqual(pageData(full).hosts);
      expect(pageData(bounded).rules).toEqual(pageData(full).rules);
    }
  });

  it('writes the first page of hosts as markup, the others only as data', () => {
    const many = auditOf(
      Array.from({ length: hostsPerPage + 30 }, (_, i) =>
        checkedHost(hostReport(`pc-${String(i).padStart(3, '0')}`, [finding({ ruleId: 'A-1', status: 'pass' })])),
      ),
    );
    const page = render(many);
    const table = /<table id="hosts-table">[\s\S]*?<\/table>/.exec(page)?.[0] ?? '';
    expect(table.match(/<tr><th scope="row">/g)).toHaveLength(hostsPerPage);
    expect(pageData(page).hosts).toHaveLength(hostsPerPage + 30);
    expect(page).toContain('<noscript>');
    expect(render()).not.toContain('<noscript>');
  });

  it('truncates very long observed values (the JSON report keeps them whole)', () => {
    const long = hostReport('l', [finding({ ruleId: 'A-1', status: 'fail', evidence: [{ fact: 'x.list', actual: 'y'.repeat(5000), expected: 'empty' }] })]);
    const page = render(auditOf([checkedHost(long)]));
    const details = pageData(page).hosts[0]?.details;
    const actual = details !== undefined && 'findings' in details ? details.findings[0]?.evidence[0]?.actual : undefined;
    expect(actual).toBe(`"${'y'.repeat(599)}… (truncated)`);
    expect(page).not.toContain('y'.repeat(700));
  });

  it('writes its own sentences in every language, none left in English', () => {
    const all = (['en', 'fr', 'de', 'lb'] as const).map((language) => Object.values(htmlLabelsFor(language)).join('\n'));
    expect(new Set(all).size).toBe(4);
    expect(strayEnglish(all[0] ?? '')).not.toEqual([]);
    for (const text of all.slice(1)) expect(strayEnglish(text)).toEqual([]);
  });

  it('speaks French when the audit does', () => {
    const page = html.render(sampleAudit({ language: 'fr' }), { messages: messagesFor('fr'), color: false });
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('Audit incomplet : 3 postes n’ont pas pu être vérifiés.');
    expect(page).toContain('<span class="st st-non-compliant">non conforme</span>');
    expect(page).toContain('<span class="st st-incomplete">incomplet (updates)</span>');
    expect(page).toMatch(/<span class="n">1<\/span> incomplets/);
  });

  it('stays small for 10,000 hosts × 30 rules, and is written in pieces', () => {
    const audit = syntheticAudit(10_000, 30);
    // Size only: how long it takes depends on the machine running the test (bench/ measures it).
    const pieces = [...htmlChunks(audit, options)];
    const page = pieces.join('');
    const bytes = Buffer.byteLength(page);
    // 15 % of findings fail and 2 % err in this fleet (45,000 fails with evidence): far worse than a real one.
    expect(bytes).toBeLessThan(8_000_000);
    expect(pageData(page).hosts).toHaveLength(10_000);
    // Streamed: no piece holds the hosts, each is a section or about 64 KiB of data.
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(200_000);
  }, 600_000);
});
