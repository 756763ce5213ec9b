/**
 * updates on macOS, from files only (works live, at rest and in replays; no network call):
 * - /Library/Preferences/com.apple.SoftwareUpdate.plist: AutomaticCheckEnabled,
 *   AutomaticallyInstallMacOSUpdates, CriticalUpdateInstall, ConfigDataInstall, AutomaticDownload,
 *   LastSuccessfulDate (last successful check), RecommendedUpdates (pending, as found by that check);
 * - /Library/Managed Preferences/com.apple.SoftwareUpdate.plist: the same keys set by a profile;
 * - /Library/Receipts/InstallHistory.plist: the last install by Apple's software updater;
 * - on a running Mac, `softwareupdate --list --no-scan` (the cached catalog, no network call): when it
 *   answers, it decides the pending updates over RecommendedUpdates; when it fails the plist is used.
 * Restarts: macOS installs system updates during the restart itself, so with no recommended update
 * pending no update waits for one (rebootRequired false); otherwise it is null (not recorded in a file).
 */
import type { Host } from '../../hosts/host.js';
import type { JsonObject, ProbeOutcome } from '../../model.js';
import { readManaged } from '../../platform/macos/managed.js';
import { plistDict, readPlist, parsePlist } from '../../platform/macos/plist.js';
import { failure, runTool, succeeded } from '../../platform/macos/run.js';
import { ok } from '../probe.js';
import { emptyFacts, toJson } from './facts.js';
import { judgeAutomatic, lastCheck, lastSystemUpdate, parseInstallHistory, pendingUpdates, recommendedCount, type PendingUpdate } from './macos-parse.js';
import { parseSoftwareUpdateList } from './softwareupdate-list.js';

export const softwareUpdatePath = '/Library/Preferences/com.apple.SoftwareUpdate.plist';
export const installHistoryPath = '/Library/Receipts/InstallHistory.plist';

const readHistory = async (host: Host): Promise<{ value: ReturnType<typeof parseInstallHistory>; problem?: string }> => {
  const bytes = await host.readFile(installHistoryPath);
  if (bytes === undefined) return { value: [], problem: `${installHistoryPath}: absent` };
  try {
    return { value: parseInstallHistory(await parsePlist(bytes)) };
  } catch (error) {
    return { value: [], problem: `${installHistoryPath}: unreadable (${error instanceof Error ? error.message : String(error)})` };
  }
};

const listCommand = ['--list', '--no-scan'] as const;
const listLabel = `softwareupdate ${listCommand.join(' ')}`;

/** The pending updates `softwareupdate --list --no-scan` reports; undefined (with the reason) when it gives no answer. */
const listedUpdates = async (host: Host): Promise<{ pending?: PendingUpdate[]; evidence: string }> => {
  if (!host.capabilities.live || !host.capabilities.exec) return { evidence: `${listLabel}: not run (the target is not a running Mac)` };
  const result = await runTool(host, 'softwareupdate', listCommand);
  // The tool prints the list on stdout and some notices on stderr; both are read.
  const text = `${result.stdout}\n${result.stderr}`;
  if (!succeeded(result)) return { evidence: failure(listLabel, result) };
  const list = parseSoftwareUpdateList(text);
  if (list.status === 'unrecognised') return { evidence: `${listLabel}: ${list.reason}` };
  if (list.status === 'none') return { pending: [], evidence: `${listLabel}: No new software available.` };
  const pending = list.items.map((item): PendingUpdate => ({
    package: item.title ?? item.label,
    candidate: item.version,
    // Apple's recommended updates carry security fixes (see pendingUpdates); optional ones are not counted as such.
    security: item.recommended,
    source: 'softwareupdate',
    productKey: item.label,
  }));
  const restart = list.items.filter((item) => item.action !== null).map((item) => `${item.label} (${item.action ?? ''})`);
  return {
    pending,
    evidence: `${listLabel}: ${pending.length} update(s): ${list.items.map((item) => item.label).join(', ')}${restart.length > 0 ? `; needing a restart or shut-down: ${restart.join(', ')}` : ''}`,
  };
};

export const collectMacos = async (host: Host): Promise<ProbeOutcome> => {
  const facts = emptyFacts();
  facts.packageManager = 'softwareupdate';
  const [read, managed, history, listed] = await Promise.all([
    readPlist(host, softwareUpdatePath),
    readManaged(host, 'com.apple.SoftwareUpdate'),
    readHistory(host),
    listedUpdates(host),
  ]);
  const local = plistDict(read);
  if (read.status !== 'ok') facts.reasons.push(read.status === 'absent' ? `${softwareUpdatePath}: absent` : read.message);

  const automatic = judgeAutomatic(local, managed?.dict);
  facts.automatic = read.status === 'ok' || managed ? automatic.automatic : null;
  facts.mechanism = facts.automatic === true ? 'softwareupdate' : null;
  facts.automaticEvidence = [`${[softwareUpdatePath, ...(managed?.paths ?? [])].join(', ')}: ${automatic.evidence.join(', ')}`];

  facts.pendingEvidence.push(listed.evidence);
  const pending = listed.pending ?? pendingUpdates(local?.RecommendedUpdates);
  if (listed.pending !== undefined) {
    facts.pending = listed.pending.map((p): JsonObject => ({ ...p }));
    facts.pendingUpdates = listed.pending.length;
    facts.pendingSecurityUpdates = listed.pending.filter((p) => p.security).length;
  } else if (pending !== null) {
    facts.pending = pending.map((p): JsonObject => ({ ...p }));
    facts.pendingUpdates = pending.length;
    facts.pendingSecurityUpdates = pending.filter((p) => p.security).length;
    facts.pendingEvidence.push(`${softwareUpdatePath}: RecommendedUpdates lists ${pending.length} update(s) found at the last check`);
  } else {
    const count = recommendedCount(local);
    if (count !== null) {
      facts.pendingUpdates = count;
      facts.pendingSecurityUpdates = count;
      facts.pendingEvidence.push(`${softwareUpdatePath}: LastRecommendedUpdatesAvailable = ${count}`);
    } else if (local !== undefined) {
      facts.reasons.push(`${softwareUpdatePath}: neither RecommendedUpdates nor LastRecommendedUpdatesAvailable: pending updates unknown`);
    }
  }

  facts.listsUpdatedAt = lastCheck(local);
  facts.listsUpdatedAtSource = facts.listsUpdatedAt === null ? null : `${softwareUpdatePath} LastSuccessfulDate`;
  if (facts.listsUpdatedAt === null && local !== undefined) facts.reasons.push(`${softwareUpdatePath}: no LastSuccessfulDate`);

  if (history.problem !== undefined) facts.reasons.push(history.problem);
  const last = lastSystemUpdate(history.value);
  if (last) {
    facts.lastUpgradeAt = last.date;
    facts.lastUpgradeCommand = [last.displayName, last.displayVersion].filter(Boolean).join(' ') || null;
    facts.lastUpgradeSource = `${installHistoryPath} (${last.processName ?? '?'})`;
    facts.upToDateSince = last.date;
  } else if (history.problem === undefined) {
    facts.reasons.push(`${installHistoryPath}: no install by the software updater`);
  }
  const firstInstall = history.value.map((i) => i.date).sort()[0];
  facts.installedAt = firstInstall ?? null;
  if (facts.upToDateSince === null && facts.pendingSecurityUpdates === 0 && firstInstall !== undefined) facts.upToDateSince = firstInstall;

  // macOS installs system updates during the restart itself, and an update stays in
  // RecommendedUpdates until it is installed: with none pending, no update waits for a restart.
  if (facts.pendingUpdates === 0) {
    facts.rebootRequired = false;
    facts.rebootEvidence.push(`${softwareUpdatePath}: no recommended update pending, so none waits for a restart (macOS installs updates during the restart)`);
  } else {
    facts.rebootEvidence.push('macOS records no pending restart in a documented file (a pending update may already be staged for the next restart)');
    facts.reasons.push('rebootRequired: an update is pending or unknown, and whether it waits for a restart is not recorded in a readable place');
  }
  return ok(toJson(facts));
};
