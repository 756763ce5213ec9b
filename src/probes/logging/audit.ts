import { readText } from '../../hosts/host.js';
import type { JsonObject } from '../../model.js';
import { countAuditRules, countLoadedAuditRules, parseAuditctlStatus } from './parse.js';
import { anyUnitEnabled, firstExisting, readDirFiles, running, type Scan } from './scan.js';

/**
 * The Linux audit daemon: installed, enabled at boot, running (live), rules configured (the files
 * augenrules merges, else audit.rules), and live as root what the kernel says (`auditctl -s`, `-l`).
 */
export const auditd = async (scan: Scan): Promise<JsonObject> => {
  const { host, evidence, reasons } = scan;
  const binary = await firstExisting(host, ['/sbin/auditd', '/usr/sbin/auditd']);
  const unit = await anyUnitEnabled(scan, ['auditd.service']);
  const installed = binary !== undefined || unit.installed;
  if (!installed) {
    reasons.push('auditd is not installed');
    return { installed: false, enabled: false, running: scan.live ? false : null, rules: 0, kernelEnabled: null, loadedRules: null };
  }
  evidence.push(`auditd installed (${binary ?? 'auditd.service'})${unit.enabled ? ', auditd.service enabled' : ''}`);
  if (!unit.enabled) reasons.push('auditd.service is not enabled');

  const parts = await readDirFiles(host, '/etc/audit/rules.d', '.rules');
  let rules: number | null;
  if (parts.length > 0) {
    rules = parts.reduce((sum, part) => sum + countAuditRules(part.text), 0);
    evidence.push(`${rules} audit rules in ${parts.map((part) => part.path).join(', ')}`);
  } else {
    const text = await readText(host, '/etc/audit/audit.rules');
    rules = text === undefined ? null : countAuditRules(text);
    if (rules !== null) evidence.push(`${rules} audit rules in /etc/audit/audit.rules`);
    else reasons.push('no audit rule file can be read');
  }
  if (rules === 0) reasons.push('no audit rules are configured (only control lines such as -D, -b, -f)');

  const active = await running(scan, ['auditd'], ['auditd.service']);
  if (active === false) reasons.push('auditd is not running');
  let kernelEnabled: number | null = null;
  let loadedRules: number | null = null;
  if (scan.live && scan.exec) {
    const status = await host.run('auditctl', ['-s'], { timeoutMs: 3_000 });
    if (status.exitCode === 0) {
      kernelEnabled = parseAuditctlStatus(status.stdout).enabled;
      evidence.push(`auditctl -s: enabled ${kernelEnabled ?? '?'}`);
      const list = await host.run('auditctl', ['-l'], { timeoutMs: 3_000 });
      if (list.exitCode === 0) loadedRules = countLoadedAuditRules(list.stdout);
    } else {
      reasons.push(`auditctl -s failed (${status.spawnError ?? (status.stderr.trim() || `exit ${status.exitCode}`)}): needs root`);
    }
  }
  return { installed, enabled: unit.enabled, running: active, rules, kernelEnabled, loadedRules };
};
