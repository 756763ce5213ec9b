/** Fedora/RHEL: dnf-automatic configuration at rest; pending updates and history only by running dnf. */
import { readText, type Host } from '../../hosts/host.js';
import type { ProbeContext } from '../probe.js';
import { unitState } from '../../platform/linux/units.js';
import { dnfBoolean, parseDnfCheckUpdate, parseDnfHistoryList, parseDnfSecurityUpdateinfo, parseIni } from './dnf-parse.js';
import type { UpdateFacts } from './facts.js';
import { newestIso } from './facts.js';
import { localTimeToIso } from './history.js';

const automaticConf = '/etc/dnf/automatic.conf';
const timeoutMs = 5_000;

const dnfAutomatic = async (host: Host, context: ProbeContext): Promise<Pick<UpdateFacts, 'automatic' | 'mechanism' | 'automaticEvidence'>> => {
  const evidence: string[] = [];
  const [install, plain, dnf5] = await Promise.all(
    ['dnf-automatic-install.timer', 'dnf-automatic.timer', 'dnf5-automatic.timer'].map((unit) => unitState(host, unit, context)),
  );
  const binary = (await host.stat('/usr/bin/dnf-automatic')) !== undefined || plain?.installed === true || dnf5?.installed === true;
  if (!binary) {
    return { automatic: false, mechanism: null, automaticEvidence: ['dnf-automatic is not installed (no /usr/bin/dnf-automatic, no dnf-automatic.timer)'] };
  }
  const conf = await readText(host, automaticConf);
  const commands = conf === undefined ? undefined : parseIni(conf).get('commands');
  const apply = dnfBoolean(commands?.get('apply_updates'));
  const upgradeType = commands?.get('upgrade_type') ?? 'default';
  evidence.push(
    conf === undefined
      ? `${automaticConf} is missing (apply_updates defaults to no)`
      : `${automaticConf}: apply_updates = ${commands?.get('apply_updates') ?? '(not set, default no)'}, upgrade_type = ${upgradeType}`,
  );
  let automatic = false;
  for (const state of [install, plain, dnf5]) {
    if (state === undefined) continue;
    const status = state.masked ? 'is masked' : state.enabled ? 'is enabled' : state.installed ? 'is not enabled' : 'is not installed';
    evidence.push(`${state.unit} ${status}`);
    if (!state.enabled) continue;
    if (state.unit === 'dnf-automatic-install.timer') automatic = true;
    else if (apply === true) automatic = true;
    else evidence.push(`${state.unit} runs with apply_updates off: it only downloads or notifies`);
  }
  return { automatic, mechanism: automatic ? 'dnf-automatic' : null, automaticEvidence: evidence };
};

const firstLine = (text: string): string =>
  text
    .split('\n')
    .find((l) => l.trim() !== '')
    ?.trim() ?? '';

const dnfCache = async (host: Host): Promise<string | null> => {
  const times: (number | undefined)[] = [];
  const entries = (await host.readDir('/var/cache/dnf')) ?? [];
  for (const name of entries.filter((n) => n.endsWith('.solv') || n === 'last_makecache')) times.push((await host.stat(`/var/cache/dnf/${name}`))?.mtimeMs);
  for (const dir of (await host.readDir('/var/cache/libdnf5')) ?? []) times.push((await host.stat(`/var/cache/libdnf5/${dir}/repodata/repomd.xml`))?.mtimeMs);
  return newestIso(times);
};

export const collectDnf = async (host: Host, context: ProbeContext, timeZone: string): Promise<Partial<UpdateFacts>> => {
  const reasons: string[] = [];
  const pendingEvidence: string[] = [];
  const facts: Partial<UpdateFacts> = { ...(await dnfAutomatic(host, context)) };
  facts.listsUpdatedAt = await dnfCache(host);
  facts.listsUpdatedAtSource = facts.listsUpdatedAt === null ? null : 'newest mtime of /var/cache/dnf/*.solv, last_makecache or libdnf5 repomd.xml';
  if (facts.listsUpdatedAt === null) reasons.push('no dnf metadata cache found');
  if (!context.capabilities.exec) {
    reasons.push('pending updates on dnf systems need `dnf check-update --cacheonly`, which cannot run on this target');
    reasons.push('the last upgrade on dnf systems needs `dnf history list` (history.sqlite is not read)');
    return { ...facts, pendingEvidence, reasons };
  }
  const check = await host.run('dnf', ['-q', '--cacheonly', 'check-update'], { timeoutMs });
  if (check.exitCode === 0 || check.exitCode === 100) {
    const updates = check.exitCode === 0 ? [] : parseDnfCheckUpdate(check.stdout);
    pendingEvidence.push(`dnf check-update --cacheonly exited ${check.exitCode}`);
    const security = await host.run('dnf', ['-q', '--cacheonly', 'updateinfo', 'list', '--security', '--available'], { timeoutMs });
    const securityNames = security.exitCode === 0 ? parseDnfSecurityUpdateinfo(security.stdout) : undefined;
    if (securityNames === undefined)
      reasons.push(`dnf updateinfo failed: ${security.timedOut ? 'timed out' : firstLine(security.stderr) || `exit ${security.exitCode}`}`);
    facts.pending = updates.map((u) => ({
      package: u.package,
      architecture: u.architecture,
      installed: null,
      candidate: u.candidate,
      security: securityNames === undefined ? null : securityNames.has(u.package),
      source: u.repository,
      held: false,
    }));
    facts.pendingUpdates = updates.length;
    facts.pendingSecurityUpdates = securityNames === undefined ? null : updates.filter((u) => securityNames.has(u.package)).length;
  } else {
    reasons.push(`dnf check-update failed: ${check.timedOut ? 'timed out' : firstLine(check.stderr) || `exit ${check.exitCode}`}`);
  }
  const history = await host.run('dnf', ['-q', 'history', 'list'], { timeoutMs });
  const last = history.exitCode === 0 ? parseDnfHistoryList(history.stdout) : undefined;
  const date = last === undefined ? null : localTimeToIso(/:\d\d:\d\d$/.test(last.date) ? last.date : `${last.date}:00`, timeZone);
  if (last !== undefined && date !== null) {
    facts.lastUpgradeAt = date;
    facts.lastUpgradeCommand = last.command;
    facts.lastUpgradeSource = `dnf history list (transaction ${last.id})`;
  } else {
    reasons.push('dnf history list shows no install or upgrade');
  }
  return { ...facts, pendingEvidence, reasons };
};
