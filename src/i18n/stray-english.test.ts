import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { check } from '../check.js';
import { renderOptions } from '../cli/render.js';
import { html } from '../reporters/audit/html.js';
import { fleetLabelsFor } from '../reporters/audit/labels.js';
import { auditOf, checkedHost, testTool, uncheckedHost } from '../testing/fleet-reports.js';
import { text as fleetText } from '../reporters/audit/text.js';
import { openReplay } from '../hosts/replay.js';
import type { Json, Language, ReasonNode, Report } from '../model.js';
import { languages, reasonCodes } from '../model.js';
import type { Policy } from '../policy/policy.js';
import { loadPolicy } from '../policy/load.js';
import { text } from '../reporters/text.js';
import { englishWords, strayEnglish, stringsIn } from '../testing/stray-english.js';
import { provocations, provoked, type Provocation } from '../testing/provoked-hosts.js';
import type { Host } from '../hosts/host.js';
import { collectFacts } from '../collect.js';
import { probes } from '../probes/index.js';
import { cliMessagesFor } from './cli-messages.js';
import { parseReason } from './reason-parse.js';
import { explainMessagesFor } from './explain-messages.js';
import { governanceMessagesFor } from './governance-messages.js';
import { messagesFor } from './messages.js';

/**
 * No English word left in a French, German or Luxembourgish report, for every recorded host in
 * fixtures/hosts/: the text report, the fleet's text and HTML reports, and the CLI's own lines.
 *
 * What is not charter's to translate is masked, by where it comes from rather than by a list per
 * fixture: every string the probes collected (values read from the machine, and the facts' own
 * evidence), the identifiers of the policy (fact paths and the item fields its conditions name),
 * and what the text cites (code spans, JSON strings, quotations). Identifier-shaped tokens (paths,
 * ids, camelCase fields) are names. The probes' reasons that findings quote are not masked: they
 * are catalogued messages, said in the report's language; only what they keep as written (paths,
 * commands, what the machine said) is. Each host is checked as recorded and with each way of
 * failing forced on it (every tool missing, every command timing out or refused, every read
 * denied, nothing there), so that every reason those paths give is read in every language.
 */
const root = new URL('../..', import.meta.url).pathname;
const hostsDir = join(root, 'fixtures', 'hosts');
const hosts = readdirSync(hostsDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const others = languages.filter((l): l is Exclude<Language, 'en'> => l !== 'en');
const now = new Date('2026-11-22T08:00:00.000Z');

/** Fact paths and the item fields named in conditions (`where: { approved: ... }`). */
const policyIdentifiers = (policy: Policy): Set<string> => {
  const out = new Set<string>(Object.keys(policy.themes));
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        if (key === 'fact' && typeof v === 'string') out.add(v);
        if (key === 'where' && typeof v === 'object' && v !== null) for (const field of Object.keys(v)) out.add(field);
        walk(v);
      }
    }
  };
  for (const rule of policy.rules) walk([rule.check, rule.when]);
  return out;
};

interface Checked {
  report: Report;
  masked: Set<string>;
}

/** Texts a reason keeps as written, except the names `SOURCE: REASON` puts first, which may be words. */
const keptAsWritten = (node: ReasonNode): string[] => {
  if ('text' in node) return [node.text];
  if ('parts' in node) return node.parts.flatMap(keptAsWritten);
  return Object.entries(node.params).flatMap(([name, p]) => (node.id === 'about' && name === 'source' ? [] : typeof p === 'string' ? [p] : keptAsWritten(p)));
};

/** What a check's report may leave as it was: what the probes read, less the reasons it says in its language. */
const maskedFor = (report: Report, facts: Json, policy: Policy): Set<string> => {
  const masked = stringsIn(facts);
  const unmask = (text: string): void => {
    masked.delete(text);
    for (const kept of keptAsWritten(parseReason(text))) masked.add(kept);
  };
  for (const finding of report.findings) {
    for (const e of finding.explanations ?? []) unmask(e.text);
    // How each listed item was found (an app's evidence lines), shown with --verbose.
    for (const e of finding.evidence) {
      if (!Array.isArray(e.actual)) continue;
      for (const item of e.actual) {
        if (typeof item !== 'object' || item === null || Array.isArray(item) || !Array.isArray(item.evidence)) continue;
        for (const line of item.evidence) if (typeof line === 'string') unmask(line);
      }
    }
  }
  masked.add(report.target.name);
  for (const id of policyIdentifiers(policy)) masked.add(id);
  return masked;
};

/** A host whose facts were collected once, checked in each language from them (as a snapshot is). */
const precollected = async (host: Host, name: string): Promise<Host> => {
  const platform = await host.platform();
  const facts = await collectFacts(host, [...Object.keys(probes), 'software', 'lifecycle'], { platform, catalog: policy.catalog, now, timeoutMs: 30_000 });
  return { ...host, name, platform: () => Promise.resolve(platform), precollected: { facts, collectedAt: now.toISOString() } };
};

let policy: Policy;
const checked = new Map<string, Checked>();
const provokedChecks = new Map<string, Checked>();

beforeAll(async () => {
  policy = await loadPolicy(join(root, 'policies', 'lu-state-charter.yaml'));
  for (const language of others) {
    for (const name of hosts) {
      const host = await openReplay(join(hostsDir, name));
      const result = await check({ policy, host, language, now: () => now, tool: testTool });
      checked.set(`${name}/${language}`, { report: result.report, masked: maskedFor(result.report, result.facts as unknown as Json, policy) });
    }
  }
  for (const name of hosts) {
    for (const how of provocations) {
      const base = await openReplay(join(hostsDir, name));
      const host = await precollected(provoked(base, how), `${name}-${how}`);
      for (const language of others) {
        const result = await check({ policy, host, language, now: () => now, tool: testTool });
        provokedChecks.set(`${name}/${how}/${language}`, { report: result.report, masked: maskedFor(result.report, result.facts as unknown as Json, policy) });
      }
    }
  }
}, 300_000);

describe('the stray-English detector', () => {
  it('finds English words and phrases, and none in French, German or Luxembourgish sentences', () => {
    expect(strayEnglish('Nicht konform: the firewall is off')).toHaveLength(2);
    expect(strayEnglish('non conforme : what to do')).toEqual(expect.arrayContaining([expect.stringMatching(/^what/)]));
    expect(strayEnglish('Net konform: d’Lëscht ass eidel, all Elementer, wou name gläich "x"')).toEqual([]);
    expect(strayEnglish('Aucun élément ne correspond ; sans objet : la règle couvre macos')).toEqual([]);
    expect(strayEnglish('Nicht konform: die Liste ist leer, was zu tun ist')).toEqual([]);
  });

  it('leaves what is cited, named or masked', () => {
    expect(strayEnglish('lancez `the check` ; attendu : "not found"')).toEqual([]);
    expect(strayEnglish('updates.automatic: false; --probe-timeout; isNotEmpty; /usr/share/the/file')).toEqual([]);
    expect(strayEnglish('Prozess sshd (user alice; the data directory)', ['user alice; the data directory'])).toEqual([]);
    // Masks are whole words: a masked "not" does not hide "nothing" nor keep "not" elsewhere.
    expect(strayEnglish('nothing and so on', ['and'])).toEqual([]);
    expect(strayEnglish('la règle is off', ['is off now'])).toHaveLength(1);
  });

  it('has no word of the other languages in its list', () => {
    const theirs = [
      'was',
      'of',
      'attestation',
      'in',
      'so',
      'also',
      'no',
      'on',
      'or',
      'all',
      'service',
      'status',
      'total',
      'source',
      'message',
      'absent',
      'audit',
    ];
    expect(theirs.filter((w) => englishWords.has(w))).toEqual([]);
  });
});

describe.each(others)('no English left in %s', (language) => {
  it.each(hosts)('the text report of %s', (name) => {
    const entry = checked.get(`${name}/${language}`);
    if (entry === undefined) throw new Error(`${name} was not checked`);
    const out = text.render(entry.report, renderOptions(policy, language, 'medium', 0, root));
    expect(out.length).toBeGreaterThan(500);
    expect(strayEnglish(out, entry.masked)).toEqual([]);
    // With --verbose: the raw evidence too, how each app was found included.
    const verbose = text.render(entry.report, { ...renderOptions(policy, language, 'medium', 0, root), verbose: true });
    expect(strayEnglish(verbose, entry.masked)).toEqual([]);
  });

  it.each(provocations)('the text reports of every host when %s (reasons said in the language)', (how: Provocation) => {
    const stray = hosts.flatMap((name) => {
      const entry = provokedChecks.get(`${name}/${how}/${language}`);
      if (entry === undefined) throw new Error(`${name} was not checked`);
      const out = text.render(entry.report, { ...renderOptions(policy, language, 'medium', 0, root), verbose: true });
      return strayEnglish(out, entry.masked).map((s) => `${name}: ${s}`);
    });
    expect(stray).toEqual([]);
    const quoted = hosts.reduce(
      (sum, name) => sum + (provokedChecks.get(`${name}/${how}/${language}`)?.report.findings.filter((f) => f.explanations !== undefined).length ?? 0),
      0,
    );
    expect(quoted).toBeGreaterThan(0);
  });

  const fleet = () => {
    const masked = new Set<string>();
    const results = hosts.map((name) => {
      const entry = checked.get(`${name}/${language}`);
      if (entry === undefined) throw new Error(`${name} was not checked`);
      for (const s of entry.masked) masked.add(s);
      masked.add(name);
      return checkedHost(entry.report, `replay:fixtures/hosts/${name}`, name);
    });
    // Why a host could not be checked is the transport's or the file's own text.
    const unchecked = [
      uncheckedHost('ws-0417.etat.lu', 'unreachable', 'ssh: connect to host ws-0417.etat.lu port 22: Connection refused'),
      uncheckedHost('ws-0420.etat.lu', 'timeout', 'no answer within 60 s'),
    ];
    for (const host of unchecked) masked.add(host.reason ?? '');
    return { audit: auditOf([...results, ...unchecked], { failOn: 'medium', language }), masked };
  };

  it('the fleet text report', () => {
    const { audit, masked } = fleet();
    const out = fleetText.render(audit, { messages: messagesFor(language), color: false });
    expect(out).toContain(fleetLabelsFor(language).title);
    expect(strayEnglish(out, masked)).toEqual([]);
  });

  it('the fleet HTML report (its text and its labels for screen readers)', () => {
    const { audit, masked } = fleet();
    const page = html.render(audit, { messages: messagesFor(language), color: false });
    const visible = page
      .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, ' ')
      .replace(/<[^>]*\b(?:aria-label|title|placeholder|alt)="([^"]*)"[^>]*>/g, ' $1 ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    expect(visible).toContain(fleetLabelsFor(language).title);
    expect(strayEnglish(visible, masked)).toEqual([]);
  });

  it("the CLI's own lines, explain's headings and the governance sentences", () => {
    const cli = cliMessagesFor(language);
    const counts = { pass: 11, fail: 1, error: 2, skip: 6, waived: 0, manual: 4 };
    const lines = [
      cli.wroteReport('report.html', counts),
      cli.wroteSnapshot('host.json', { total: 20, ok: 1, unsupported: 2, error: 0, redacted: true }),
      cli.incompleteSnapshot([{ probe: 'firewall', message: 'M1' }]),
      cli.probeOk('firewall'),
      cli.probeUnsupported('screen-lock', 'M2'),
      cli.probeError('firewall', 'M3'),
      cli.recorded('local', 'out', 1),
      cli.manualRule,
    ];
    const m = explainMessagesFor(language);
    const explain = Object.values(m)
      .filter((v): v is string => typeof v === 'string')
      .concat(Object.values(m.target), m.disabled('P', 'R'), m.unknownRule('X-01', 'P', ['X-02']));
    const g = governanceMessagesFor(language);
    const governance = [
      g.disabledBy('P', 'R'),
      g.waived('A', '2026-12-31', 'R', 'O'),
      g.waiverIgnored('expired', '2026-01-07', 'A'),
      g.waiverIgnored('not-yet-valid', '2026-01-07', 'A'),
      g.attested('A', '2026-01-07', '2026-12-31', 'S'),
      g.attestationIgnored('expired', '2026-01-07', 'A'),
      g.attestationIgnored('not-yet-valid', '2026-01-07', 'A'),
      g.attestationFact,
      g.attestationExpected,
    ];
    const toDecide = reasonCodes.map((code) => messagesFor(language).toDecide[code]('D'));
    expect(strayEnglish([...lines, ...explain, ...governance, ...toDecide].join('\n'))).toEqual([]);
  });
});
