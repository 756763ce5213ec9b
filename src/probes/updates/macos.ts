/**
 * updates on macOS, from files only (works live, at rest and in replays; no network call):
 * - /Library/Preferences/com.apple.SoftwareUpdate.plist: AutomaticCheckEnabled,
 *   AutomaticallyInstallMacOSUpdates, CriticalUpdateInstall, ConfigDataInstall, AutomaticDownload,
 *   LastSuccessfulDate (last successful check), RecommendedUpdates (pending, as found by that check);
 * - /Library/Managed Preferences/com.apple.SoftwareUpdate.plist: the same keys set by a profile;
 * - /Library/Receipts/InstallHistory.plist: the last install by Apple's software updater.
 * Restarts: macOS installs system updates during the restart itself, so with no recommended update
 * pending no update waits for one (rebootRequired false); otherwise it is null (not recorded in a file).
 */
import type { Host } from '../../hosts/host.js';
import type { JsonObject, ProbeOutcome } from '../../model.js';
import { readManaged } from '../../macos/managed.js';
import { plistDict, readPlist, parsePlist } from '../../macos/plist.js';
import { ok } from '../probe.js';
import { emptyFacts, toJson } from './facts.js';
import { judgeAutomatic, lastCheck, lastSystemUpdate, parseInstallHistory, pendingUpdates, recommendedCount } from './macos-parse.js';

export const softwareUpdatePath = '/Library/Preferences/com.apple.SoftwareUpdate.plist';
export const installHistoryPath = '/Library/Receipts/InstallHistory.plist';

const readHistory = async (host: Host): Promise<{ value: ReturnType<typeof parseInstallHistory>; problem?: string }> => {
  const bytes = await host.readFile(installHistoryPath);
  if (bytes === undefined) return { value: [], problem: `${installHistoryPath}: absent` };
  try {
    return { value: parseInstallHistory(parsePlist(bytes)) };
  } catch (error) {
    return { value: [], problem: `${installHistoryPath}: unreadable (${error instanceof Error ? error.message : String(error)})` };
  }
};

export const collectMacos = async (host: Host): Promise<ProbeOutcome> => {
  const facts = emptyFacts();
  facts.packageManager = 'softwareupdate';
  const [read, managed, history] = await Promise.all([readPlist(host, softwareUpdatePath), readManaged(host, 'com.apple.SoftwareUpdate'), readHistory(host)]);
  const local = plistDict(read);
  if (read.status !== 'ok') facts.reasons.push(read.status === 'absent' ? `${softwareUpdatePath}: absent` : read.message);

  const automatic = judgeAutomatic(local, managed?.dict);
  facts.automatic = read.status === 'ok' || managed ? automatic.automatic : null;
  facts.mechanism = facts.automatic === true ? 'softwareupdate' : null;
  facts.automaticEvidence = [`${[softwareUpdatePath, ...(managed?.paths ?? [])].join(', ')}: ${automatic.evidence.join(', ')}`];

  const pending = pendingUpdates(local?.RecommendedUpdates);
  if (pending !== null) {
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
