/** The `os` probe on Windows: Win32_OperatingSystem and the CurrentVersion registry key, through PowerShell. */
import type { Host } from '../../hosts/host.js';
import type { ProbeOutcome } from '../../model.js';
import { psScript, runPowerShell } from '../../platform/windows/powershell.js';
import { psRegistryFunctions } from '../../platform/windows/registry.js';
import { failed, ok, unsupported, type ProbeContext } from '../probe.js';
import { windowsOsFacts } from './windows-parse.js';

export const windowsOsScript = psScript(`
${psRegistryFunctions}
$os = Get-CimInstance -ClassName Win32_OperatingSystem
$cv = RegValues 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion'
$env0 = RegValues 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment'
$r = [ordered]@{
  Caption = $os.Caption; Version = $os.Version; BuildNumber = $os.BuildNumber; OSArchitecture = $os.OSArchitecture
  CSName = $os.CSName; ProductType = $os.ProductType
  DisplayVersion = $cv.DisplayVersion; UBR = $cv.UBR; EditionID = $cv.EditionID; CurrentBuild = $cv.CurrentBuild
  ProcessorArchitecture = $env0.PROCESSOR_ARCHITECTURE
}`);

export const collectWindows = async (host: Host, context: ProbeContext): Promise<ProbeOutcome> => {
  if (!context.capabilities.exec) return unsupported('on Windows the operating system is read through PowerShell, which cannot run on this target');
  const answer = await runPowerShell(host, 'Get-CimInstance Win32_OperatingSystem', windowsOsScript);
  if (!answer.ok) return failed(answer.reason);
  return ok(windowsOsFacts(answer.value));
};
