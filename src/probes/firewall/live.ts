/**
 * The rules loaded in the kernel now, on a live machine: `nft -j list ruleset` (every nftables
 * table, including the ones iptables-nft writes), plus iptables-legacy tables when the kernel has
 * any (/proc/net/ip_tables_names lists them), or iptables-save alone where nft is not installed.
 * All of it needs root (CAP_NET_ADMIN); without it the commands fail and the reasons say so.
 */
import { readText, type Host, type RunResult } from '../../hosts/host.js';
import { assessRuleset, combineAssessments, type Assessment } from './assess.js';
import { parseIptables } from './iptables.js';
import { parseNftJson } from './nft-json.js';

const timeoutMs = 5_000;

export interface LoadedRules {
  /** Undefined when no rule set could be read. */
  assessment?: Assessment;
  /** `<source>: <chain line>` for every input chain seen. */
  evidence: string[];
  /** Why a command gave nothing. */
  reasons: string[];
  /** Some command refused for lack of privileges. */
  notPermitted: boolean;
}

const refused = (result: RunResult): boolean => /not permitted|must be root|permission denied/i.test(result.stderr);
const firstLine = (text: string): string =>
  text
    .split('\n')
    .find((line) => line.trim() !== '')
    ?.trim() ?? '';

const describe = (command: string, result: RunResult): string =>
  result.spawnError !== undefined
    ? `${command}: not installed (${result.spawnError})`
    : result.timedOut
      ? `${command}: timed out`
      : `${command}: exit ${result.exitCode}${firstLine(result.stderr) ? `: ${firstLine(result.stderr)}` : ''}`;

/** Run an iptables-save variant; falls back to the next program name when one is not installed. */
const iptablesSave = async (host: Host, programs: readonly string[], family: 'ip' | 'ip6', out: LoadedRules, parts: Assessment[]): Promise<boolean> => {
  for (const program of programs) {
    const result = await host.run(program, [], { timeoutMs });
    if (result.spawnError !== undefined) continue;
    if (result.exitCode !== 0) {
      out.reasons.push(describe(program, result));
      out.notPermitted ||= refused(result);
      return false;
    }
    const assessment = assessRuleset(parseIptables(result.stdout, family));
    parts.push(assessment);
    for (const verdict of assessment.chains) out.evidence.push(`${program}: ${verdict.line}`);
    return true;
  }
  out.reasons.push(`${programs.join(', ')}: not installed`);
  return false;
};

const legacyTables = async (host: Host, file: string): Promise<boolean> => ((await readText(host, file)) ?? '').trim() !== '';

export const readLoadedRules = async (host: Host): Promise<LoadedRules> => {
  const out: LoadedRules = { evidence: [], reasons: [], notPermitted: false };
  const parts: Assessment[] = [];
  const nft = await host.run('nft', ['-j', 'list', 'ruleset'], { timeoutMs });
  const nftRules = nft.exitCode === 0 ? parseNftJson(nft.stdout) : undefined;
  if (nftRules) {
    const assessment = assessRuleset(nftRules);
    parts.push(assessment);
    for (const verdict of assessment.chains) out.evidence.push(`nft: ${verdict.line}`);
  } else {
    out.reasons.push(nft.exitCode === 0 ? 'nft -j list ruleset: output is not nft JSON' : describe('nft -j list ruleset', nft));
    out.notPermitted ||= refused(nft);
  }
  const nftAbsent = nft.spawnError !== undefined;
  const legacy4 = await legacyTables(host, '/proc/net/ip_tables_names');
  const legacy6 = await legacyTables(host, '/proc/net/ip6_tables_names');
  if (nftAbsent) {
    // No nft: iptables-save shows whichever backend the iptables alternative uses.
    await iptablesSave(host, ['iptables-save'], 'ip', out, parts);
    await iptablesSave(host, ['ip6tables-save'], 'ip6', out, parts);
  } else if (nftRules) {
    if (legacy4) await iptablesSave(host, ['iptables-legacy-save', 'iptables-save'], 'ip', out, parts);
    if (legacy6) await iptablesSave(host, ['ip6tables-legacy-save', 'ip6tables-save'], 'ip6', out, parts);
  }
  if (parts.length > 0) out.assessment = combineAssessments(...parts);
  return out;
};
