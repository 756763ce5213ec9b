/**
 * The text report's sections on groups (each group's non-compliant hosts and every rule failing in
 * it) and on the comparison with a baseline audit. Strings from the machines and the baseline are
 * made terminal-safe here.
 */
import { formatInstant } from '../../i18n/intl.js';
import { terminalSafe } from '../escape.js';
import type { ColorStyles } from '../reporter.js';
import type { AuditReport, HostChange, RuleAggregate } from '../../fleet/model.js';
import { changeLabelsFor } from './change-labels.js';

/** Hosts named per list (newly failing, fixed, new, missing) before "… and N more". */
export const hostsListed = 20;

const width = (text: string): number => Array.from(text).length;
const pad = (text: string, columns: number): string => text + ' '.repeat(Math.max(0, columns - width(text)));

/** Rules that fail or err on some host of the group, most failing hosts first, then in the policy's order. */
export const failuresOf = (rules: readonly RuleAggregate[]): { ruleId: string; hosts: number }[] =>
  rules
    .map((r) => ({ ruleId: r.ruleId, hosts: r.counts.fail + r.counts.error }))
    .filter((r) => r.hosts > 0)
    .sort((a, b) => b.hosts - a.hosts);

export const groupLines = (audit: AuditReport, s: ColorStyles): string[] => {
  const groups = audit.groups;
  if (groups === undefined || groups.length === 0) return [];
  const c = changeLabelsFor(audit.language);
  const nameWidth = Math.min(40, Math.max(5, ...groups.map((g) => width(terminalSafe(g.group)))));
  const countWidth = Math.max(...groups.map((g) => width(c.groupHosts(g.summary.nonCompliant, g.summary.total))));
  const lines = ['', s.bold(`${c.groups} (${groups.length})`)];
  for (const g of groups) {
    const failing = failuresOf(g.rules);
    const counts = c.groupHosts(g.summary.nonCompliant, g.summary.total);
    lines.push(
      `  ${s.bold(pad(terminalSafe(g.group), nameWidth))}  ${(g.summary.nonCompliant > 0 ? s.red : s.green)(pad(counts, countWidth))}  ` +
        (failing.length === 0 ? s.green(c.noFailure) : failing.map((f) => `${terminalSafe(f.ruleId)} ${f.hosts}`).join(' · ')),
    );
  }
  return lines;
};

const listed = (names: readonly string[], more: (n: number) => string): string =>
  names.slice(0, hostsListed).join(', ') + (names.length > hostsListed ? ` ${more(names.length - hostsListed)}` : '');

export const changeLines = (audit: AuditReport, s: ColorStyles, more: (n: number) => string): string[] => {
  const changes = audit.changes;
  if (changes === undefined) return [];
  const c = changeLabelsFor(audit.language);
  const n = changes.hostCounts;
  const lines = ['', s.bold(c.since(formatInstant(audit.language, changes.baseline.startedAt))) + s.dim(` (${terminalSafe(changes.baseline.file)})`)];
  if (!changes.samePolicy) {
    const p = changes.baseline.policy;
    lines.push(s.yellow(`  ${c.otherPolicy(`${terminalSafe(p.id)} ${terminalSafe(p.version)}, sha256 ${terminalSafe(p.sha256.slice(0, 12))}`)}`));
    if (changes.rulesOnlyInBaseline.length > 0) lines.push(`  ${c.rulesOnlyInBaseline}: ${changes.rulesOnlyInBaseline.map(terminalSafe).join(', ')}`);
    if (changes.rulesOnlyNow.length > 0) lines.push(`  ${c.rulesOnlyNow}: ${changes.rulesOnlyNow.map(terminalSafe).join(', ')}`);
  }
  lines.push(
    `  ${c.hostsWith(n.compared)} ${c.compared} · ${(n.new > 0 ? s.yellow : s.dim)(`${n.new} ${c.newHosts}`)} · ${(n.missing > 0 ? s.yellow : s.dim)(`${n.missing} ${c.missingHosts}`)}` +
      (n.uncompared > 0 ? ` · ${s.yellow(`${n.uncompared} ${c.uncompared}`)}` : ''),
  );
  if (changes.rules.length > 0) {
    const idWidth = Math.max(4, ...changes.rules.map((r) => width(terminalSafe(r.ruleId))));
    const heads = [c.newlyFailing, c.fixed, c.stillFailing];
    lines.push(s.dim(`  ${pad('', idWidth)}  ${heads.map((h, i) => (i === heads.length - 1 ? h : pad(h, Math.max(8, width(h))))).join('  ')}`));
    for (const r of changes.rules) {
      const cells = [r.newlyFailing, r.fixed, r.stillFailing].map((value, i) => pad(String(value), Math.max(8, width(heads[i] ?? ''))));
      lines.push(
        `  ${s.bold(pad(terminalSafe(r.ruleId), idWidth))}  ${(r.newlyFailing > 0 ? s.red : s.dim)(cells[0] ?? '')}  ${(r.fixed > 0 ? s.green : s.dim)(cells[1] ?? '')}  ${String(r.stillFailing)}`,
      );
    }
  }
  const withRules = (pick: (change: HostChange) => string[] | undefined): string[] =>
    audit.hosts.flatMap((h) => {
      const ids = h.change === undefined ? [] : (pick(h.change) ?? []);
      return ids.length === 0 ? [] : [`${terminalSafe(h.name)} (${ids.map(terminalSafe).join(', ')})`];
    });
  const newly = withRules((change) => change.newlyFailing);
  const fixed = withRules((change) => change.fixed);
  if (newly.length > 0) lines.push(`  ${s.red(`${c.newlyFailing}:`)} ${listed(newly, more)}`);
  if (fixed.length > 0) lines.push(`  ${s.green(`${c.fixed}:`)} ${listed(fixed, more)}`);
  const uncompared = audit.hosts.filter((h) => h.change?.kind === 'uncompared').map((h) => terminalSafe(h.name));
  if (uncompared.length > 0) lines.push(`  ${s.yellow(`${c.kind.uncompared}:`)} ${listed(uncompared, more)}`);
  if (changes.newHosts.length > 0) lines.push(`  ${s.yellow(`${c.newHosts}:`)} ${listed(changes.newHosts.map(terminalSafe), more)}`);
  if (changes.missingHosts.length > 0) {
    const missing = changes.missingHosts.map((h) => (h.name === h.source ? terminalSafe(h.name) : `${terminalSafe(h.name)} (${terminalSafe(h.source)})`));
    lines.push(`  ${s.yellow(`${c.missingHosts}:`)} ${listed(missing, more)}`);
  }
  return lines;
};
