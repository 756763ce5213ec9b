import type { Waiver } from '../governance/load.js';
import { loadWaivers } from '../governance/load.js';
import { describeScope } from '../governance/host-scope.js';
import { daysLeft, dayOf, validity } from '../governance/validity.js';
import { terminalSafe } from '../reporters/escape.js';
import type { Io } from './io.js';
import { loadPolicyForRun, type PolicyFlags } from './load-policy.js';

export interface WaiversLintFlags extends Pick<PolicyFlags, 'policy' | 'policySha256'> {
  within: number;
  format: 'text' | 'json';
}

type Standing = 'expired' | 'expiring' | 'active' | 'not-yet-valid';

interface Row {
  waiver: Waiver;
  standing: Standing;
  daysLeft: number;
}

const standing = (waiver: Waiver, now: Date, within: number): Row => {
  const left = daysLeft(waiver.expires, now);
  const state = validity(waiver.granted, waiver.expires, now);
  const kind: Standing = state === 'active' && left <= within ? 'expiring' : state;
  return { waiver, standing: kind, daysLeft: left };
};

const order: Record<Standing, number> = { expired: 0, expiring: 1, 'not-yet-valid': 2, active: 3 };

const when = (row: Row): string => {
  const { waiver, daysLeft: left } = row;
  if (row.standing === 'expired') return `ended ${waiver.expires} (${String(-left)} day${left === -1 ? '' : 's'} ago)`;
  if (row.standing === 'not-yet-valid') return `starts ${waiver.granted}, ends ${waiver.expires}`;
  return `ends ${waiver.expires} (${left === 0 ? 'today' : `in ${String(left)} day${left === 1 ? '' : 's'}`})`;
};

/**
 * `charter waivers lint FILE`: every waiver checked against the policy (unknown rules stop it, exit
 * 2), then listed by urgency. Exit 1 when one has expired or ends within `--within` days, so a
 * scheduled CI job can remind whoever renews them.
 */
export const waiversLintCommand = async (file: string, flags: WaiversLintFlags, io: Io): Promise<number> => {
  const { policy } = await loadPolicyForRun(flags, io);
  const waivers = await loadWaivers(file, policy, io.cwd);
  const now = io.now();
  const rows = waivers.map((w) => standing(w, now, flags.within)).sort((a, b) => order[a.standing] - order[b.standing] || a.daysLeft - b.daysLeft);
  const expired = rows.filter((r) => r.standing === 'expired').length;
  const expiring = rows.filter((r) => r.standing === 'expiring').length;
  if (flags.format === 'json') {
    const json = {
      file,
      asOf: dayOf(now),
      within: flags.within,
      policy: { id: policy.id, version: policy.version },
      waivers: rows.map((r) => ({
        rule: r.waiver.rule,
        hosts: describeScope(r.waiver.hosts),
        approver: r.waiver.approver,
        reason: r.waiver.reason,
        granted: r.waiver.granted,
        expires: r.waiver.expires,
        ...(r.waiver.ticket === undefined ? {} : { ticket: r.waiver.ticket }),
        standing: r.standing,
        daysLeft: r.daysLeft,
        source: `${file}:${String(r.waiver.line)}`,
      })),
      expired,
      expiring,
    };
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    // Waiver files and policies are input: every string from them is escaped for the terminal.
    const t = terminalSafe;
    const lines = [`${t(file)}: ${String(rows.length)} waiver${rows.length === 1 ? '' : 's'} for ${t(policy.id)}, as of ${dayOf(now)}`];
    const ruleWidth = Math.max(0, ...rows.map((r) => t(r.waiver.rule).length));
    for (const r of rows) {
      lines.push(
        `  ${r.standing.padEnd(13)} ${t(r.waiver.rule).padEnd(ruleWidth)}  ${t(when(r))}  ${t(describeScope(r.waiver.hosts))}  approved by ${t(r.waiver.approver)}  (${t(file)}:${String(r.waiver.line)})`,
      );
    }
    lines.push(
      expired + expiring === 0
        ? `No waiver has expired or ends within ${String(flags.within)} days.`
        : `${String(expired + expiring)} need${expired + expiring === 1 ? 's' : ''} attention: ${String(expired)} expired, ${String(expiring)} ending within ${String(flags.within)} days.`,
    );
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  return expired + expiring > 0 ? 1 : 0;
};
