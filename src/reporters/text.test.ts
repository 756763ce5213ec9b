import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../model.js';
import { messengerReport } from './testdata/messenger-report.js';
import { text } from './text.js';

// eslint-disable-next-line no-control-regex
const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const hostile = 'Sig\u001b[31mnal\u009b2J\nFAKE: pass\u202etxt.exe';

describe('text reporter', () => {
  it("prints an item's reason beside its name, before its evidence", async () => {
    const { report, options } = await messengerReport();
    const [first] = report.findings;
    const app = { id: 'luxchat', name: 'Luxchat', reason: 'A consumer service', evidence: ['dpkg package x 1'] };
    const finding: Finding = { ...(first as Finding), status: 'fail', evidence: [{ fact: 'software.apps', actual: [app], expected: 'none' }] };
    const rendered = text.render({ ...report, findings: [finding] }, { ...options, verbose: true });
    expect(rendered).toContain('- Luxchat (A consumer service): dpkg package x 1');
  });

  it('prints a listening socket as endpoint, process and service, saying which are unknown', async () => {
    const { report, options } = await messengerReport();
    const [first] = report.findings;
    const socket = (fields: Record<string, string | number | null>) => ({
      protocol: 'tcp',
      family: 'ipv4',
      address: '0.0.0.0',
      exposed: true,
      pid: null,
      user: null,
      ...fields,
    });
    const actual = [
      socket({ port: 2024, process: null, service: null, category: null }),
      socket({ port: 5432, address: '::', process: 'postgres', service: 'postgresql', category: 'database' }),
      socket({ port: 18080, process: 'node', service: null, category: 'other' }),
    ];
    const finding: Finding = { ...(first as Finding), status: 'error', evidence: [{ fact: 'listening-services.exposed', actual, expected: 'none' }] };
    const rendered = text.render({ ...report, findings: [finding] }, { ...options, verbose: true });
    expect(rendered).toContain('- 0.0.0.0:2024/tcp (process unknown, service unknown)');
    expect(rendered).toContain('- [::]:5432/tcp (process postgres, postgresql)');
    expect(rendered).toContain('- 0.0.0.0:18080/tcp (process node, no known service)');
    expect(rendered).not.toContain('"socketUid"');
  });

  it('prints no raw control, C1 or bidi character from a finding, its evidence, the policy or the target', async () => {
    const { report, options } = await messengerReport();
    const [first] = report.findings;
    expect(first).toBeDefined();
    const finding: Finding = {
      ...(first as Finding),
      status: 'fail',
      title: `Title ${hostile}`,
      message: `Found ${hostile}`,
      remediation: `Remove ${hostile.replace('\n', ' ')}\nthen reboot \u009b`,
      evidence: [
        { fact: 'software.apps', actual: [{ name: hostile, reason: hostile, evidence: [hostile] }], expected: `none ${hostile}` },
        { fact: 'os.distribution', actual: hostile, expected: 'anything' },
      ],
    };
    const hostileReport: Report = {
      ...report,
      policy: { ...report.policy, title: `Policy ${hostile}` },
      target: { ...report.target, name: `host ${hostile}` },
      findings: [finding],
    };
    const rendered = text.render(hostileReport, { ...options, verbose: true });
    expect(rendered).not.toMatch(raw);
    expect(rendered).not.toContain('FAKE: pass\n');
    expect(rendered).toContain('Sig\\x1b[31mnal\\x9b2J\\x0aFAKE: pass\\u{202e}txt.exe');
    expect(rendered).not.toMatch(/^\s*FAKE/m);
    // A line break written in the policy's remediation stays a line break, indented under it.
    expect(rendered).toMatch(/: Remove Sig\\x1b\[31mnal\\x9b2J FAKE: pass\\u\{202e\}txt\.exe\n {14}then reboot \\x9b\n/);
  });
});
