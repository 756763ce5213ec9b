/** login on Windows: Winlogon automatic logon values and the built-in guest account. */
import type { Host } from '../../hosts/host.js';
import type { ProbeOutcome } from '../../model.js';
import { psScript, runPowerShell } from '../../platform/windows/powershell.js';
import { psRegistryFunctions } from '../../platform/windows/registry.js';
import { failed, ok, unsupported, type ProbeContext } from '../probe.js';
import { windowsLoginFacts } from './windows-parse.js';

export const windowsLoginScript = psScript(`
${psRegistryFunctions}
$w = RegValues 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon'
$guest = $null; $guestError = $null
try {
  $g = @(Get-LocalUser | Where-Object { $_.SID.Value -match '^S-1-5-21-.+-501$' })[0]
  if ($g) { $guest = [ordered]@{ name = $g.Name; enabled = $g.Enabled; via = 'Get-LocalUser' } }
} catch {
  try {
    $g = @(Get-CimInstance -ClassName Win32_UserAccount -Filter 'LocalAccount = True' | Where-Object { $_.SID -match '^S-1-5-21-.+-501$' })[0]
    if ($g) { $guest = [ordered]@{ name = $g.Name; enabled = -not $g.Disabled; via = 'Win32_UserAccount' } }
  } catch { $guestError = $_.Exception.Message }
}
$r = [ordered]@{
  winlogonRead = ($null -ne $w); AutoAdminLogon = $w.AutoAdminLogon; DefaultUserName = $w.DefaultUserName; DefaultDomainName = $w.DefaultDomainName
  AutoLogonCount = $w.AutoLogonCount; HasDefaultPassword = ($null -ne $w -and $w.Contains('DefaultPassword'))
  guest = $guest; guestError = $guestError
}`);

export const collectWindows = async (host: Host, context: ProbeContext): Promise<ProbeOutcome> => {
  if (!context.capabilities.exec) return unsupported('on Windows the logon settings are read through PowerShell, which cannot run on this target');
  const answer = await runPowerShell(host, 'Winlogon and guest account', windowsLoginScript);
  if (!answer.ok) return failed(answer.reason);
  return ok(windowsLoginFacts(answer.value));
};
