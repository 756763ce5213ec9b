/**
 * updates on Windows: Windows Update policy and Automatic Updates settings, the last successful
 * search and installation, installed hotfixes and the local update history, and the reboot-pending
 * keys; and, in a second script so that its time never costs the rest, the pending updates from a
 * search of the local Windows Update data (windows-pending.ts). Local reads only: no online search.
 */
import type { Host } from '../../hosts/host.js';
import type { ProbeOutcome } from '../../model.js';
import { psScript, runPowerShell } from '../../platform/windows/powershell.js';
import { psRegistryFunctions } from '../../platform/windows/registry.js';
import { failed, ok, unsupported, type ProbeContext } from '../probe.js';
import { toJson } from './facts.js';
import { windowsPendingFacts } from './windows-pending.js';
import { windowsUpdateFacts } from './windows-parse.js';

export const windowsUpdatesScript = psScript(`
${psRegistryFunctions}
function Pick($values, [string[]]$names) { $o = [ordered]@{}; if ($values) { foreach ($n in $names) { if ($values.Contains($n)) { $o[$n] = $values[$n] } } }; $o }
$level = $null; $results = $null; $history = $null; $hotfixes = $null; $service = $null; $boot = $null
try { $au = New-Object -ComObject Microsoft.Update.AutoUpdate; $level = $au.Settings.NotificationLevel; $results = [ordered]@{ lastSearch = Iso $au.Results.LastSearchSuccessDate; lastInstall = Iso $au.Results.LastInstallationSuccessDate } } catch { }
try {
  $searcher = (New-Object -ComObject Microsoft.Update.Session).CreateUpdateSearcher()
  $count = [Math]::Min($searcher.GetTotalHistoryCount(), 100)
  if ($count -gt 0) { $history = @(foreach ($h in $searcher.QueryHistory(0, $count)) { [pscustomobject]@{ date = Iso $h.Date; title = $h.Title; operation = [int]$h.Operation; resultCode = [int]$h.ResultCode } }) } else { $history = @() }
} catch { }
try { $hotfixes = @(foreach ($h in Get-HotFix) { [pscustomobject]@{ id = $h.HotFixID; description = $h.Description; installedOn = Iso $h.InstalledOn } }) } catch { }
try { $service = [string](Get-Service -Name wuauserv).StartType } catch { }
try { $boot = Iso (Get-CimInstance -ClassName Win32_OperatingSystem).LastBootUpTime } catch { }
$r = [ordered]@{
  au = Pick (RegValues 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU') @('NoAutoUpdate', 'AUOptions', 'UseWUServer', 'ScheduledInstallDay', 'ScheduledInstallTime')
  wu = Pick (RegValues 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate') @('WUServer')
  ux = Pick (RegValues 'HKLM:\\SOFTWARE\\Microsoft\\WindowsUpdate\\UX\\Settings') @('PauseUpdatesExpiryTime', 'PauseQualityUpdatesEndTime', 'PauseFeatureUpdatesEndTime')
  notificationLevel = $level; serviceStartType = $service; results = $results; history = $history; hotfixes = $hotfixes; lastBoot = $boot
  reboot = [ordered]@{
    windowsUpdate = RegKeyExists 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired'
    componentServicing = RegKeyExists 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending'
  }
}`);

/** Searches the update metadata of the last scan only (Online = false): no network access of its own. */
export const windowsPendingUpdatesScript = psScript(`
$pending = $null; $err = $null
try {
  $searcher = (New-Object -ComObject Microsoft.Update.Session).CreateUpdateSearcher()
  $searcher.Online = $false
  $found = $searcher.Search('IsInstalled=0 and IsHidden=0')
  $pending = @(foreach ($u in $found.Updates) {
    [pscustomobject]@{
      title = [string]$u.Title; kb = @(foreach ($k in $u.KBArticleIDs) { [string]$k }); severity = $u.MsrcSeverity
      categories = @(foreach ($c in $u.Categories) { [string]$c.CategoryID })
    }
  })
} catch { $err = $_.Exception.Message }
$r = [ordered]@{ pending = $pending; error = $err }`);

export const collectWindows = async (host: Host, context: ProbeContext): Promise<ProbeOutcome> => {
  if (!context.capabilities.exec) return unsupported('on Windows the update state is read through PowerShell, which cannot run on this target');
  const [answer, pending] = await Promise.all([
    runPowerShell(host, 'Windows Update settings and history', windowsUpdatesScript),
    runPowerShell(host, 'Windows Update offline search', windowsPendingUpdatesScript),
  ]);
  if (!answer.ok) return failed(answer.reason);
  const facts = windowsUpdateFacts(answer.value, context.now);
  windowsPendingFacts(pending.ok ? pending.value : { pending: null, error: pending.reason }, facts);
  return ok(toJson(facts));
};
