/**
 * screen-lock on Windows: the machine inactivity limit and, for every loaded user hive, the screen
 * saver settings, their Group Policy overrides and DisableLockWorkstation (registry, through
 * PowerShell); and the power settings that lock by sleeping (`powercfg /qh`, or `/query` where
 * `/qh` fails, for CONSOLELOCK, STANDBYIDLE and the Display subgroup, returned as text for
 * parse-powercfg.ts, with their Group Policy values).
 */
import type { Host } from '../../hosts/host.js';
import type { ProbeOutcome } from '../../model.js';
import { psScript, runPowerShell } from '../../platform/windows/powershell.js';
import { psLoadedUserHives, psRegistryFunctions } from '../../platform/windows/registry.js';
import { failed, ok, unsupported, type ProbeContext } from '../probe.js';
import { windowsLockFacts } from './windows-parse.js';

export const windowsScreenLockScript = psScript(`
${psRegistryFunctions}
${psLoadedUserHives}
function Pick($values, [string[]]$names) { $o = [ordered]@{}; if ($values) { foreach ($n in $names) { if ($values.Contains($n)) { $o[$n] = $values[$n] } } }; $o }
$saver = @('ScreenSaveActive', 'ScreenSaverIsSecure', 'ScreenSaveTimeOut', 'SCRNSAVE.EXE')
$power = [ordered]@{ text = $null; error = $null }
try {
  $out = @(foreach ($q in @(@('SCHEME_CURRENT', 'SUB_NONE', 'CONSOLELOCK'), @('SCHEME_CURRENT', 'SUB_SLEEP', 'STANDBYIDLE'), @('SCHEME_CURRENT', 'SUB_VIDEO'))) {
    $o = @(& powercfg.exe /qh @q)
    if ($LASTEXITCODE -ne 0) { $o = @(& powercfg.exe /query @q) }
    if ($LASTEXITCODE -eq 0) { $o } else { $power.error = "powercfg /query $($q -join ' '): exit code $LASTEXITCODE" }
  })
  $power.text = ($out | ForEach-Object { [string]$_ }) -join [char]10
} catch { $power.error = $_.Exception.Message }
$pp = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Power\\PowerSettings'
$r = [ordered]@{
  power = $power
  powerPolicy = [ordered]@{
    consoleLock = Pick (RegValues "$pp\\0e796bdb-100d-47d6-a2d5-f7d2daa51f51") @('ACSettingIndex', 'DCSettingIndex')
    standbyIdle = Pick (RegValues "$pp\\29f6c1db-86da-48c5-9fdb-f2b67b1f44da") @('ACSettingIndex', 'DCSettingIndex')
  }
  machine = Pick (RegValues 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System') @('InactivityTimeoutSecs')
  winlogon = Pick (RegValues 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon') @('ScreenSaverGracePeriod')
  users = @(foreach ($h in $hives) {
    $b = "Registry::HKEY_USERS\\$($h.sid)"
    [pscustomobject]@{
      sid = $h.sid; user = $h.user
      desktop = Pick (RegValues "$b\\Control Panel\\Desktop") $saver
      policy = Pick (RegValues "$b\\Software\\Policies\\Microsoft\\Windows\\Control Panel\\Desktop") $saver
      system = Pick (RegValues "$b\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System") @('DisableLockWorkstation')
    }
  })
}`);

export const collectWindows = async (host: Host, context: ProbeContext): Promise<ProbeOutcome> => {
  if (!context.capabilities.exec)
    return unsupported('on Windows the lock settings are read from the registry through PowerShell, which cannot run on this target');
  const answer = await runPowerShell(host, 'screen saver and inactivity registry values', windowsScreenLockScript);
  if (!answer.ok) return failed(answer.reason);
  return ok(windowsLockFacts(answer.value));
};
