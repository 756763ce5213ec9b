import { stylesFor } from '../colors.js';
import { formatInstant, formatNumber } from '../../i18n/intl.js';
import type { Severity } from '../../model.js';
import { terminalSafe } from '../escape.js';
import type { ColorStyles } from '../reporter.js';
import type { HostState } from './host-view.js';
import { failingRules, hostViews, incompleteHosts, notChecked, worstHosts } from './host-view.js';
import { hostIdentityView } from './host-identity.js';
import { identityLabelsFor, stateLabel } from './identity-labels.js';
import { fleetLabelsFor } from './labels.js';
import { defineFleetReporter } from './reporter.js';
import { changeLines, groupLines } from './text-changes.js';

export const topRuleCount = 10;
export const worstHostCount = 10;

const severityPaint = (severity: Severity, s: ColorStyles): ((text: string) => string) =>
  ({ info: s.gray, low: s.cyan, medium: s.yellow, high: s.red, critical: (t: string) => s.bold(s.red(t)) })[severity];

const statePaint = (state: HostState, s: ColorStyles): ((text: string) => string) =>
  state === 'compliant' ? s.green : state === 'non-compliant' ? s.red : state === 'undetermined' ? s.magenta : s.yellow;

/** Width in code points: close enough for names; terminals differ on wide characters anyway. */
const width = (text: string): number => Array.from(text).length;

const pad = (text: string, columns: number): string => text + ' '.repeat(Math.max(0, columns - width(text)));

/** Terminal summary of an audit: totals, completeness, the most failed rules, the worst hosts, the hosts not checked. */
export const text = defineFleetReporter({
  name: 'text',
  extension: '.txt',
  description: 'terminal summary: totals, most failed rules, worst hosts, hosts not checked',
  render: (audit, options) => {
    const s = stylesFor(options.color ? 1 : 0);
    const m = options.messages;
    const l = fleetLabelsFor(audit.language);
    const il = identityLabelsFor(audit.language);
    const sum = audit.summary;
    const lines: string[] = [];
    lines.push(
      s.bold(`${l.title}: ${terminalSafe(audit.policy.title || audit.policy.id)}`) +
        s.dim(` (${terminalSafe(audit.policy.id)} ${terminalSafe(audit.policy.version)}, sha256 ${audit.policy.sha256.slice(0, 12)})`),
    );
    lines.push(
      `${l.started} ${formatInstant(audit.language, audit.startedAt)} · ${m.duration} ${formatNumber(audit.language, audit.durationMs)} ms · ${m.threshold(audit.failOn)}`,
    );
    lines.push(
      '',
      `${s.bold(`${l.hosts}:`)} ${l.hostCount('total', sum.total)} · ${l.hostCount('checked', sum.checked)} · ${s.green(l.hostCount('compliant', sum.compliant))} · ` +
        `${(sum.nonCompliant - sum.undetermined > 0 ? s.red : s.dim)(l.hostCount('nonCompliant', sum.nonCompliant - sum.undetermined))} · ` +
        (sum.undetermined > 0 ? `${s.magenta(`${sum.undetermined} ${il.undetermined}`)} · ` : '') +
        (sum.notChecked > 0 ? s.yellow : s.dim)(l.hostCount('notChecked', sum.notChecked)) +
        (sum.incomplete > 0 ? ` · ${s.yellow(l.hostCount('incomplete', sum.incomplete))}` : '') +
        (sum.stale > 0 ? ` · ${s.yellow(`${sum.stale} ${il.staleHosts}`)}` : '') +
        (sum.duplicates > 0 ? ` · ${s.dim(`${sum.duplicates} ${il.duplicateTargets}`)}` : ''),
    );
    if (!audit.complete) lines.push(s.bold(s.yellow(`⚠ ${l.incomplete(sum.notChecked)}`)));

    const rules = failingRules(audit);
    lines.push('', s.bold(l.topRules));
    if (rules.length === 0) lines.push(`  ${s.green(l.noRuleFails)}`);
    const idWidth = Math.max(4, ...rules.slice(0, topRuleCount).map((r) => r.ruleId.length));
    for (const r of rules.slice(0, topRuleCount)) {
      lines.push(
        `  ${s.bold(pad(terminalSafe(r.ruleId), idWidth))}  ${severityPaint(r.severity, s)(pad(m.severity[r.severity], 8))}  ${pad(il.failsAndErrors(r.counts.fail, r.counts.error, sum.checked), 24)}  ${terminalSafe(r.title)}`,
      );
    }
    if (rules.length > topRuleCount) lines.push(s.dim(`  ${l.more(rules.length - topRuleCount)}`));
    for (const line of [...groupLines(audit, s), ...changeLines(audit, s, l.more)]) lines.push(line);

    const views = hostViews(audit);
    const worst = worstHosts(views);
    lines.push('', s.bold(l.worstHosts));
    if (worst.length === 0) lines.push(`  ${s.green('—')}`);
    else lines.push(s.dim(`  ${il.scoreExplained}`));
    const shown = worst.slice(0, worstHostCount);
    const nameWidth = Math.min(40, Math.max(4, ...shown.map((v) => width(terminalSafe(v.host.name)))));
    for (const v of shown) {
      const who = hostIdentityView(v.host, il, audit.staleAfterDays);
      lines.push(
        `  ${pad(terminalSafe(v.host.name), nameWidth)}  ${statePaint(v.state, s)(pad(stateLabel(l, il, v.state), 13))}  ` +
          `${s.red(m.counted.fail(v.counts.fail))} · ${s.magenta(m.counted.error(v.counts.error))} · ` +
          `${l.worstSeverityInline} ${v.worst === undefined ? '—' : severityPaint(v.worst, s)(m.severity[v.worst])} · ${l.score} ${v.score}`,
      );
      if (who.hostName !== '')
        lines.push(
          s.dim(`  ${pad('', nameWidth)}  ${terminalSafe(who.hostName)} · ${terminalSafe(who.system)} · ${il.collected.toLowerCase()} ${who.collected}`),
        );
    }
    if (worst.length > worstHostCount) lines.push(s.dim(`  ${l.more(worst.length - worstHostCount)}`));

    const noted = views.filter((v) => hostIdentityView(v.host, il, audit.staleAfterDays).notes.length > 0);
    if (noted.length > 0) {
      lines.push('', s.bold(`${il.notes} (${noted.length})`));
      for (const v of noted) {
        const who = hostIdentityView(v.host, il, audit.staleAfterDays);
        const name =
          who.hostName === ''
            ? terminalSafe(v.host.name)
            : `${terminalSafe(v.host.name)} ${s.dim(`(${terminalSafe(who.hostName)}, ${terminalSafe(who.system)}, ${who.collected})`)}`;
        lines.push(`  ${name}`);
        for (const note of who.notes) lines.push(s.yellow(`    ${terminalSafe(note)}`));
      }
    }

    const missing = notChecked(audit);
    if (missing.length > 0) {
      lines.push('', s.bold(`${l.hosts} ${l.notChecked} (${missing.length})`));
      for (const host of missing) {
        const name = host.name === host.source ? terminalSafe(host.name) : `${terminalSafe(host.name)} ${s.dim(`(${terminalSafe(host.source)})`)}`;
        lines.push(`  ${name}  ${s.yellow(l.state[host.status === 'checked' ? 'error' : host.status])}: ${terminalSafe(host.reason ?? '')}`);
      }
    }
    const incomplete = incompleteHosts(audit);
    if (incomplete.length > 0) {
      lines.push('', s.bold(`${l.hosts} ${l.incompleteHosts} (${incomplete.length})`));
      for (const host of incomplete) {
        const name = host.name === host.source ? terminalSafe(host.name) : `${terminalSafe(host.name)} ${s.dim(`(${terminalSafe(host.source)})`)}`;
        const probes = host.incomplete ?? [];
        lines.push(`  ${name}  ${s.yellow(l.incompleteProbes(probes.map((p) => terminalSafe(p.probe)).join(', ')))}`);
        for (const p of probes) lines.push(s.dim(`    ${terminalSafe(p.probe)}: ${terminalSafe(p.message)}`));
      }
    }
    lines.push('', sum.nonCompliant > 0 || !audit.complete ? s.red(l.verdictFail) : s.green(l.verdictPass));
    return `${lines.join('\n')}\n`;
  },
});
