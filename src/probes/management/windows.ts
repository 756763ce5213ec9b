/**
 * management on Windows: MDM enrolments (registry) with their scheduled tasks' last runs, the Intune
 * Management Extension and Configuration Manager services, the AD domain, and `dsregcmd /status`
 * for the Microsoft Entra join.
 */
import type { Host } from '../../hosts/host.js';
import type { ProbeOutcome } from '../../model.js';
import { psScript, runNative, runPowerShell } from '../../platform/windows/powershell.js';
import { failed, ok, unsupported, type ProbeContext } from '../probe.js';
import { windowsManagementFacts } from './windows-parse.js';

export const windowsManagementScript = psScript(`
$enr = $null
try {
  $enr = @(foreach ($k in Get-ChildItem -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\Enrollments' -ErrorAction Stop) {
    $id = $k.PSChildName
    if ($id -notmatch '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-') { continue }
    $tasks = $null
    try {
      $tasks = @(foreach ($t in Get-ScheduledTask -TaskPath "\\Microsoft\\Windows\\EnterpriseMgmt\\$id\\" -ErrorAction Stop) {
        $i = Get-ScheduledTaskInfo -InputObject $t
        [pscustomobject]@{ name = $t.TaskName; lastRun = Iso $i.LastRunTime; lastResult = $i.LastTaskResult }
      })
    } catch { }
    [pscustomobject]@{
      id = $id; ProviderID = $k.GetValue('ProviderID'); EnrollmentState = $k.GetValue('EnrollmentState'); EnrollmentType = $k.GetValue('EnrollmentType')
      UPN = $k.GetValue('UPN'); DiscoveryServiceFullURL = $k.GetValue('DiscoveryServiceFullURL'); tasks = $tasks
    }
  })
} catch { }
$cs = $null; try { $cs = Get-CimInstance -ClassName Win32_ComputerSystem } catch { }
$ime = $null; try { $ime = ([string](Get-Service -Name IntuneManagementExtension -ErrorAction Stop).Status) -eq 'Running' } catch { }
$ccm = $null; try { $ccm = [string](Get-Service -Name CcmExec -ErrorAction Stop).Status } catch { }
$r = [ordered]@{ enrollments = $enr; partOfDomain = $cs.PartOfDomain; domain = $cs.Domain; imeRunning = $ime; ccmExec = $ccm }`);

export const collectWindows = async (host: Host, context: ProbeContext): Promise<ProbeOutcome> => {
  if (!context.capabilities.exec) return unsupported('on Windows management enrolment is read through PowerShell, which cannot run on this target');
  const [answer, dsreg] = await Promise.all([runPowerShell(host, 'MDM enrolments', windowsManagementScript), runNative(host, 'dsregcmd.exe', ['/status'])]);
  if (!answer.ok) return failed(answer.reason);
  return ok(windowsManagementFacts(answer.value, dsreg));
};
