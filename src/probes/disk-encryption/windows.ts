/**
 * disk-encryption on Windows: BitLocker state of every volume (Get-BitLockerVolume; the
 * Win32_EncryptableVolume CIM class when the BitLocker module is absent; `manage-bde -status` when
 * neither answers, its text parsed by parse-manage-bde.ts in any display language, with the exit
 * code of `manage-bde -status <system drive> -protectionaserrorlevel`; the Shell property
 * System.Volume.BitLockerProtection of the system drive when neither is allowed without an
 * administrator), the paging files (Win32_PageFileUsage) and NtfsEncryptPagingFile. Only the listed
 * properties are selected: Get-BitLockerVolume objects also carry recovery passwords.
 */
import type { Host } from '../../hosts/host.js';
import type { ProbeOutcome } from '../../model.js';
import { psScript, runPowerShell } from '../../platform/windows/powershell.js';
import { psRegistryFunctions } from '../../platform/windows/registry.js';
import { failed, ok, unsupported, type ProbeContext } from '../probe.js';
import { windowsEncryptionFacts } from './windows-parse.js';

export const windowsEncryptionScript = psScript(`
${psRegistryFunctions}
$bl = $null; $blError = $null; $cim = $null; $cimError = $null; $shell = $null
try {
  $bl = @(foreach ($v in Get-BitLockerVolume) {
    [pscustomobject]@{
      MountPoint = $v.MountPoint; VolumeType = $v.VolumeType; VolumeStatus = $v.VolumeStatus; ProtectionStatus = $v.ProtectionStatus
      EncryptionMethod = $v.EncryptionMethod; EncryptionPercentage = $v.EncryptionPercentage; LockStatus = $v.LockStatus
      KeyProtector = @(foreach ($k in $v.KeyProtector) { [string]$k.KeyProtectorType })
    }
  })
} catch { $blError = $_.Exception.Message }
if ($null -eq $bl) {
  try {
    $cim = @(foreach ($v in Get-CimInstance -Namespace 'root/CIMV2/Security/MicrosoftVolumeEncryption' -ClassName Win32_EncryptableVolume) {
      [pscustomobject]@{ DriveLetter = $v.DriveLetter; VolumeType = $v.VolumeType; ConversionStatus = $v.ConversionStatus; ProtectionStatus = $v.ProtectionStatus; EncryptionMethod = $v.EncryptionMethod }
    })
  } catch { $cimError = $_.Exception.Message }
}
$bde = $null
if ($null -eq $bl -and $null -eq $cim) {
  $bde = [ordered]@{ text = $null; exit = $null; systemProtectionExit = $null; error = $null }
  try {
    $t = @(& manage-bde.exe -status); $bde.exit = $LASTEXITCODE
    $bde.text = ($t | ForEach-Object { [string]$_ }) -join [char]10
    $null = & manage-bde.exe -status $env:SystemDrive -protectionaserrorlevel; $bde.systemProtectionExit = $LASTEXITCODE
  } catch { $bde.error = $_.Exception.Message }
}
if ($null -eq $bl -and $null -eq $cim) {
  try { $shell = (New-Object -ComObject Shell.Application).NameSpace($env:SystemDrive + '\\').Self.ExtendedProperty('System.Volume.BitLockerProtection') } catch { }
}
$pf = $null
try { $pf = @(foreach ($p in Get-CimInstance -ClassName Win32_PageFileUsage) { [string]$p.Name }) } catch { }
$fs = RegValues 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\FileSystem'
$r = [ordered]@{
  systemDrive = $env:SystemDrive; bitlocker = $bl; bitlockerError = $blError; cim = $cim; cimError = $cimError; manageBde = $bde; shellProtection = $shell
  pagingFiles = $pf; ntfsEncryptPagingFile = $fs.NtfsEncryptPagingFile
}`);

export const collectWindows = async (host: Host, context: ProbeContext): Promise<ProbeOutcome> => {
  if (!context.capabilities.exec || !context.capabilities.live) {
    return unsupported('BitLocker state is read from the running Windows system (a mounted volume was decrypted to be mounted)');
  }
  const answer = await runPowerShell(host, 'Get-BitLockerVolume', windowsEncryptionScript);
  if (!answer.ok) return failed(answer.reason);
  return ok(windowsEncryptionFacts(answer.value));
};
