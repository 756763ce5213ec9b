/**
 * Pure interpretation of the Windows updates script's answer. Sources (Microsoft Learn unless said):
 * - policy HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU: NoAutoUpdate (1 = off),
 *   AUOptions (2 notify before download, 3 download and notify to install, 4 download and install
 *   on a schedule, 5 local administrator chooses, 7 download, notify to install, notify to restart),
 *   UseWUServer (1 = WSUS named by ...\WindowsUpdate\WUServer) ("Manage additional Windows Update settings");
 * - IAutomaticUpdatesSettings.NotificationLevel (0 not configured, 1 disabled, 2 notify before
 *   download, 3 notify before installation, 4 scheduled installation) and
 *   IAutomaticUpdatesResults LastSearchSuccessDate / LastInstallationSuccessDate (UTC), local COM
 *   objects, no network;
 * - paused updates: HKLM\SOFTWARE\Microsoft\WindowsUpdate\UX\Settings PauseUpdatesExpiryTime (probes.md §3.6);
 * - Get-HotFix (Win32_QuickFixEngineering) InstalledOn, and the Windows Update history
 *   (IUpdateSearcher.QueryHistory, local: ResultCode 2 succeeded, 3 succeeded with errors;
 *   Operation 1 installation);
 * - reboot pending: the keys ...\WindowsUpdate\Auto Update\RebootRequired and
 *   ...\Component Based Servicing\RebootPending exist (probes.md §3.6).
 * Pending updates come from a separate offline search (windows-pending.ts), never an online one.
 */
import type { Json } from '../../model.js';
import { dateOf, isObject, numberOf, objectsOf, stringOf } from '../../platform/windows/json.js';
import { regFlag, regNumber, regString } from '../../platform/windows/registry.js';
import { emptyFacts, type UpdateFacts } from './facts.js';

const auOptions: Record<number, string> = {
  2: 'notify before download',
  3: 'download automatically, notify before installation',
  4: 'download and install automatically on a schedule',
  5: 'the local administrator chooses',
  7: 'download automatically, notify before installation and restart',
};
const notificationLevels: Record<number, string> = {
  0: 'not configured (Windows 10 and 11 then download and install automatically)',
  1: 'disabled',
  2: 'notify before download',
  3: 'notify before installation',
  4: 'scheduled installation',
};

const latest = (dates: readonly (string | null)[]): string | null => {
  const times = dates
    .filter((d): d is string => d !== null)
    .map((d) => Date.parse(d))
    .filter(Number.isFinite);
  return times.length === 0 ? null : new Date(Math.max(...times)).toISOString();
};
const earliest = (dates: readonly string[]): string | null => {
  const times = dates.map((d) => Date.parse(d)).filter(Number.isFinite);
  return times.length === 0 ? null : new Date(Math.min(...times)).toISOString();
};

const automaticFrom = (o: Record<string, Json>, now: Date, facts: UpdateFacts): void => {
  const policy = isObject(o.au) ? o.au : {};
  const evidence = facts.automaticEvidence;
  const noAuto = regFlag(policy.NoAutoUpdate);
  const option = regNumber(policy.AUOptions);
  const level = numberOf(o.notificationLevel ?? null);
  const service = stringOf(o.serviceStartType);
  const wsus = regFlag(policy.UseWUServer) === true ? (regString(isObject(o.wu) ? o.wu.WUServer : undefined) ?? 'a WSUS server') : null;
  const pause = dateOf(isObject(o.ux) ? (o.ux.PauseUpdatesExpiryTime ?? null) : null);
  facts.mechanism = wsus === null ? 'windows-update' : 'wsus';
  if (wsus !== null) evidence.push(`UseWUServer = 1: updates come from ${wsus}`);
  if (service !== null) evidence.push(`wuauserv start type ${service}`);
  if (noAuto !== null) evidence.push(`policy NoAutoUpdate = ${noAuto ? 1 : 0}`);
  if (option !== null) evidence.push(`policy AUOptions = ${option} (${auOptions[option] ?? 'unknown value'})`);
  if (level !== null) evidence.push(`Automatic Updates NotificationLevel = ${level} (${notificationLevels[level] ?? 'unknown value'})`);
  if (pause !== null) evidence.push(`updates paused until ${pause}`);
  if (service !== null && /^disabled$/i.test(service)) facts.automatic = false;
  else if (noAuto === true) facts.automatic = false;
  else if (pause !== null && Date.parse(pause) > now.getTime()) facts.automatic = false;
  else if (option === 4) facts.automatic = true;
  else if (option === 2 || option === 3 || option === 7) facts.automatic = false;
  else if (level === 4 || level === 0) facts.automatic = true;
  else if (level !== null && level >= 1 && level <= 3) facts.automatic = false;
  else facts.reasons.push('neither the Windows Update policy nor the Automatic Updates settings could be read');
  if (facts.automatic === false) facts.mechanism = null;
};

export const windowsUpdateFacts = (value: Json, now: Date): UpdateFacts => {
  const facts = emptyFacts();
  facts.packageManager = 'windows-update';
  const o = isObject(value) ? value : {};
  automaticFrom(o, now, facts);

  const results = isObject(o.results) ? o.results : {};
  const lastSearch = dateOf(results.lastSearch ?? null);
  const lastInstall = dateOf(results.lastInstall ?? null);
  facts.listsUpdatedAt = lastSearch;
  facts.listsUpdatedAtSource = lastSearch === null ? null : 'Microsoft.Update.AutoUpdate Results.LastSearchSuccessDate';
  if (lastSearch === null) facts.reasons.push('the last successful Windows Update search is unknown');

  const hotfixes = objectsOf(o.hotfixes).map((h) => ({ id: stringOf(h.id), installedOn: dateOf(h.installedOn ?? null) }));
  const history = objectsOf(o.history)
    .filter((h) => numberOf(h.operation ?? null) === 1 && [2, 3].includes(numberOf(h.resultCode ?? null) ?? -1))
    .map((h) => ({ title: stringOf(h.title), date: dateOf(h.date ?? null) }));
  const hotfixLatest = latest(hotfixes.map((h) => h.installedOn));
  const historyLatest = latest(history.map((h) => h.date));
  facts.lastUpgradeAt = latest([lastInstall, hotfixLatest, historyLatest]);
  facts.lastUpgradeSource =
    facts.lastUpgradeAt === null
      ? null
      : facts.lastUpgradeAt === lastInstall
        ? 'Microsoft.Update.AutoUpdate Results.LastInstallationSuccessDate'
        : facts.lastUpgradeAt === historyLatest
          ? 'Windows Update history (QueryHistory)'
          : 'Get-HotFix InstalledOn';
  const lastTitle = history.find((h) => h.date === facts.lastUpgradeAt)?.title ?? null;
  facts.lastUpgradeCommand = lastTitle;
  facts.upToDateSince = facts.lastUpgradeAt;
  if (facts.lastUpgradeAt === null) facts.reasons.push('no successful update installation is recorded');

  const reboot = isObject(o.reboot) ? o.reboot : {};
  const wu = reboot.windowsUpdate === true;
  const cbs = reboot.componentServicing === true;
  const known = typeof reboot.windowsUpdate === 'boolean' || typeof reboot.componentServicing === 'boolean';
  facts.rebootRequired = known ? wu || cbs : null;
  if (wu) facts.rebootEvidence.push('HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired exists');
  if (cbs) facts.rebootEvidence.push('HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending exists');
  if (known && !wu && !cbs) facts.rebootEvidence.push('no RebootRequired or RebootPending key');
  if (facts.rebootRequired === true) {
    const boot = dateOf(o.lastBoot ?? null);
    const since =
      boot === null
        ? []
        : [...history.map((h) => h.date), ...hotfixes.map((h) => h.installedOn), lastInstall].filter(
            (d): d is string => d !== null && Date.parse(d) > Date.parse(boot),
          );
    facts.rebootRequiredSince = earliest(since);
    if (boot !== null) facts.rebootEvidence.push(`last boot ${boot}`);
    if (facts.rebootRequiredSince === null)
      facts.reasons.push('a reboot is required, but since when is unknown (no installation recorded after the last boot)');
    else facts.rebootEvidence.push(`first installation after the last boot: ${facts.rebootRequiredSince}`);
  }
  if (!known) facts.reasons.push('the reboot-required keys could not be read');
  return facts;
};
