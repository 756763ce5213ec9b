import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { messagesFor } from '../i18n/messages.js';
import type { Finding, Language, Report } from '../model.js';
import { junit } from './junit.js';
import { messengerReport, root, styles } from './testdata/messenger-report.js';
import type { RenderOptions } from './reporter.js';

const xsd = join(root, 'schemas', 'vendor', 'junit-10.xsd');

/** xmllint is the validator of record (libxml2-utils); the document goes in on stdin. */
const xmllint = async (xml: string, args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> => {
  const result = await execa('xmllint', [...args, '-'], { input: xml, reject: false, stripFinalNewline: false });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
};
const validate = (xml: string): Promise<{ exitCode: number; stdout: string; stderr: string }> => xmllint(xml, ['--noout', '--schema', xsd]);
const xpath = async (xml: string, expression: string): Promise<string> => {
  const result = await xmllint(xml, ['--xpath', expression]);
  expect(result.stderr).toBe('');
  // xmllint prints a string result followed by one newline.
  return result.stdout.replace(/\n$/, '');
};

const hostile = 'a < b && c > d "quoted" \'single\' ]]> \u001b[31mred\u001b[0m bell\u0007 nul\u0000 del\u007f c1\u0085 lone\ud800 é € 𝄞 tab\tcr\r';

/** Every status, with strings meant to break a naive XML writer. */
const handBuilt = (language: Language = 'en'): Report => {
  const finding = (ruleId: string, status: Finding['status'], message: string, extra: Partial<Finding> = {}): Finding => ({
    ruleId,
    title: `Title of ${ruleId} <é>`,
    theme: 'messaging',
    severity: 'high',
    status,
    message,
    evidence: [],
    remediation: 'Do the thing & check',
    ...extra,
  });
  const findings: Finding[] = [
    finding('T-PASS', 'pass', 'Compliant.'),
    finding('T-FAIL', 'fail', `Not compliant: ${hostile}.`, {
      severity: 'critical',
      evidence: [{ fact: 'software.apps', actual: [{ name: 'Télégram <x>', evidence: ['/usr/bin/x ]]>'] }], expected: 'none where "messenger"' }],
      remediation: `Uninstall it ${hostile}`,
    }),
    finding('T-ERROR', 'error', 'probe disk-encryption failed: permission denied \u001b[1m/dev/sda\u001b[0m', {
      theme: 'encryption',
      evidence: [{ fact: 'disk-encryption.systemVolumeEncrypted', actual: null, expected: 'true' }],
    }),
    finding('T-SKIP', 'skip', 'not applicable: rule covers macos, target is linux', { theme: 'encryption', severity: 'low' }),
    finding('T-MANUAL', 'manual', 'Cannot be decided by a machine: to be attested manually.', { theme: 'conduct', severity: 'medium' }),
    finding('T-WAIVED', 'waived', 'waived until 2027-01-01 by CISO: legacy € system', { theme: 'unthemed', severity: 'info' }),
  ];
  return {
    schemaVersion: 1,
    tool: { name: 'charter', version: '0.1.0' },
    policy: { id: 'test-policy', version: '1', sha256: 'a'.repeat(64), title: `Policy ${hostile}` },
    target: { kind: 'live', name: `host <${hostile}>`, platform: 'linux', class: 'live' },
    startedAt: '2026-11-22T07:14:42.241Z',
    durationMs: 1234,
    language,
    summary: { pass: 1, fail: 1, error: 1, skip: 1, waived: 1, manual: 1 },
    findings,
  };
};

const handOptions = (language: Language = 'en'): RenderOptions => ({
  styles,
  failOn: 'high',
  messages: messagesFor(language),
  themes: [
    { id: 'messaging', title: 'Messagerie & réseaux' },
    { id: 'encryption', title: 'Chiffrement' },
    { id: 'conduct', title: 'Conduite' },
  ],
});

describe('junit reporter', () => {
  it('renders the recorded messenger host as JUnit that the Jenkins schema accepts', async () => {
    const { report, options } = await messengerReport();
    expect(report.findings.map((f) => `${f.ruleId}:${f.status}`)).toEqual(['MSG-01:fail', 'MSG-02:pass', 'MSG-03:skip', 'ENC-01:fail', 'CND-01:manual']);
    const xml = junit.render(report, options);
    const result = await validate(xml);
    expect(result.stderr).toContain('- validates');
    expect(result.exitCode).toBe(0);

    const { summary } = report;
    expect(await xpath(xml, 'string(/testsuites/@tests)')).toBe(String(report.findings.length));
    expect(await xpath(xml, 'string(/testsuites/@failures)')).toBe(String(summary.fail));
    expect(await xpath(xml, 'string(/testsuites/@errors)')).toBe(String(summary.error));
    expect(await xpath(xml, 'count(//testcase)')).toBe(String(report.findings.length));
    expect(await xpath(xml, 'count(//testcase/failure)')).toBe(String(summary.fail));
    expect(await xpath(xml, 'count(//testcase/skipped)')).toBe(String(summary.skip + summary.manual + summary.waived));
    expect(await xpath(xml, 'sum(//testsuite/@skipped)')).toBe(String(summary.skip + summary.manual + summary.waived));
    expect(await xpath(xml, 'sum(//testsuite/@tests)')).toBe(String(report.findings.length));
    // One suite per theme, named by the theme's title, in policy order.
    expect(await xpath(xml, 'count(//testsuite)')).toBe(String(new Set(report.findings.map((f) => f.theme)).size));

    const msg01 = report.findings.find((f) => f.ruleId === 'MSG-01');
    expect(msg01?.status).toBe('fail');
    const testcase = `//testcase[starts-with(@name, 'MSG-01 ')]`;
    expect(await xpath(xml, `string(${testcase}/@classname)`)).toBe('charter.reporter-test.messaging');
    expect(await xpath(xml, `string(${testcase}/failure/@type)`)).toBe('high');
    expect(await xpath(xml, `string(${testcase}/failure/@message)`)).toBe(msg01?.message);
    const body = await xpath(xml, `string(${testcase}/failure)`);
    expect(body).toContain('observed: software.apps = ');
    expect(body).toContain('telegram');
    expect(body).toContain(`what to do: ${msg01?.remediation ?? ''}`);
    expect(await xpath(xml, `string(${testcase}/../@name)`)).toBe(options.themes?.find((t) => t.id === 'messaging')?.title);
    expect(await xpath(xml, `string(${testcase}/../@hostname)`)).toBe(report.target.name);
    expect(await xpath(xml, `string(${testcase}/../@timestamp)`)).toBe(report.startedAt.slice(0, 19));
    expect(await xpath(xml, `string(${testcase}/../properties/property[@name='charter.policy.sha256']/@value)`)).toBe(report.policy.sha256);
    expect(await xpath(xml, `string(${testcase}/../properties/property[@name='charter.tool.version']/@value)`)).toBe('0.1.0');

    const manual = report.findings.find((f) => f.status === 'manual');
    expect(manual).toBeDefined();
    expect(await xpath(xml, `string(//testcase[starts-with(@name, '${manual?.ruleId ?? ''} ')]/skipped/@message)`)).toBe(
      'MANUAL: Cannot be decided by a machine: to be attested manually.',
    );
  });

  it('keeps hostile strings valid XML, escaped, and readable back', async () => {
    const xml = junit.render(handBuilt(), handOptions());
    const result = await validate(xml);
    expect(result.stderr).toContain('- validates');
    expect(result.exitCode).toBe(0);

    // Nothing outside XML 1.0 characters, no raw CDATA terminator, no ANSI escape.
    const forbidden = Array.from(xml).filter((c) => {
      const cp = c.codePointAt(0) ?? 0;
      return (cp < 0x20 && ![0x9, 0xa, 0xd].includes(cp)) || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfffe || cp === 0xffff;
    });
    expect(forbidden).toEqual([]);
    expect(xml).not.toContain(']]>');
    expect(xml).toContain('é € 𝄞');

    // What a parser reads back: the original text, control characters replaced by U+FFFD, ANSI codes gone.
    const cleaned = 'a < b && c > d "quoted" \'single\' ]]> red bell\ufffd nul\ufffd del\ufffd c1\ufffd lone\ufffd é € 𝄞 tab\tcr\r';
    expect(await xpath(xml, `string(//testcase[@name='T-FAIL Title of T-FAIL <é>']/failure/@message)`)).toBe(`Not compliant: ${cleaned}.`);
    const failure = await xpath(xml, `string(//testcase[@name='T-FAIL Title of T-FAIL <é>']/failure)`);
    expect(failure).toContain(`Not compliant: ${cleaned}.`);
    expect(failure).toContain('observed: software.apps = [{"name":"Télégram <x>","evidence":["/usr/bin/x ]]>"]}]');
    expect(failure).toContain('expected: none where "messenger"');
    expect(failure).toContain(`what to do: Uninstall it ${cleaned}`);
    expect(await xpath(xml, 'string(//testsuite[1]/@hostname)')).toBe(`host <${cleaned}>`);
  });

  it('maps every status: failure, error, skipped (skip, manual, waived), nothing for pass', async () => {
    const xml = junit.render(handBuilt(), handOptions());
    expect((await validate(xml)).exitCode).toBe(0);
    const one = (rule: string): string => `//testcase[starts-with(@name, '${rule} ')]`;
    expect(await xpath(xml, `count(${one('T-PASS')}/*)`)).toBe('0');
    expect(await xpath(xml, `string(${one('T-FAIL')}/failure/@type)`)).toBe('critical');
    expect(await xpath(xml, `string(${one('T-ERROR')}/error/@type)`)).toBe('high');
    expect(await xpath(xml, `string(${one('T-ERROR')}/error/@message)`)).toBe('probe disk-encryption failed: permission denied /dev/sda');
    expect(await xpath(xml, `string(${one('T-ERROR')}/error)`)).toContain('observed: disk-encryption.systemVolumeEncrypted = null');
    expect(await xpath(xml, `string(${one('T-SKIP')}/skipped/@message)`)).toBe('SKIP: not applicable: rule covers macos, target is linux');
    expect(await xpath(xml, `string(${one('T-MANUAL')}/skipped/@message)`)).toBe('MANUAL: Cannot be decided by a machine: to be attested manually.');
    expect(await xpath(xml, `string(${one('T-MANUAL')}/skipped)`)).toContain('what to do: Do the thing & check');
    expect(await xpath(xml, `string(${one('T-WAIVED')}/skipped/@message)`)).toBe('WAIVED: waived until 2027-01-01 by CISO: legacy € system');

    // Suites: themes in the given order, then unknown themes by id; counts per suite and in total.
    expect(await xpath(xml, 'string(//testsuite[1]/@name)')).toBe('Messagerie & réseaux');
    expect(await xpath(xml, 'string(//testsuite[4]/@name)')).toBe('unthemed');
    expect(await xpath(xml, `string(${one('T-WAIVED')}/@classname)`)).toBe('charter.test-policy.unthemed');
    expect(await xpath(xml, 'string(//testsuite[2]/@tests)')).toBe('2');
    expect(await xpath(xml, 'string(//testsuite[2]/@errors)')).toBe('1');
    expect(await xpath(xml, 'string(//testsuite[2]/@skipped)')).toBe('1');
    expect(await xpath(xml, 'string(/testsuites/@tests)')).toBe('6');
    expect(await xpath(xml, 'string(/testsuites/@failures)')).toBe('1');
    expect(await xpath(xml, 'string(/testsuites/@errors)')).toBe('1');
    expect(await xpath(xml, 'string(/testsuites/@time)')).toBe('1.234');
    expect(await xpath(xml, `string(${one('T-FAIL')}/@time)`)).toBe('0');
  });

  it('writes its own sentences in the report language', async () => {
    const xml = junit.render(handBuilt('fr'), handOptions('fr'));
    expect((await validate(xml)).exitCode).toBe(0);
    expect(await xpath(xml, `string(//testcase[starts-with(@name, 'T-MANUAL ')]/skipped/@message)`)).toBe(
      'MANUEL: Cannot be decided by a machine: to be attested manually.',
    );
    expect(await xpath(xml, `string(//testcase[starts-with(@name, 'T-FAIL ')]/failure)`)).toContain('que faire: Uninstall it');
    expect(await xpath(xml, `string(//testcase[starts-with(@name, 'T-FAIL ')]/failure)`)).toContain('constaté: software.apps = ');
  });

  it('is checked by a validator that does reject what the Jenkins schema forbids', async () => {
    const xml = junit.render(handBuilt(), handOptions());
    // junit-10.xsd has no `skipped` on <testsuites>: the reason it is counted per suite only.
    const withSkipped = xml.replace('<testsuites ', '<testsuites skipped="3" ');
    const result = await validate(withSkipped);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain("attribute 'skipped' is not allowed");
  });
});
