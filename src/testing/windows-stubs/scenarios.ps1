# What the stubs (stubs.ps1) answer, per scenario:
#   typical: several of everything, a non-ASCII user (Zoë) and app (Ünïcödé), dates;
#   one:     exactly one element in every collection (ConvertTo-Json unwraps a lone pipeline object),
#            and nulls where Windows leaves values unset;
#   empty:   no elements anywhere, registry keys absent, and the cmdlets that need rights throwing.
# $StubHomes is a directory of real user homes the harness built (Zoë, Bob), with browser and app data.

$sidZoe = 'S-1-5-21-1004336348-1177238915-682003330-1001'
$sidBob = 'S-1-5-21-1004336348-1177238915-682003330-1002'
$typical = $StubScenario -eq 'typical'
$one = $StubScenario -eq 'one'
$empty = $StubScenario -eq 'empty'
$env:SystemDrive = 'C:'
$env:USERNAME = 'Zoë'
$utc = [DateTimeKind]::Utc

# Win32_UserProfile: SID string, LocalPath string, Special boolean, LastUseTime DATETIME
# (https://learn.microsoft.com/en-us/previous-versions/windows/desktop/usm/win32-userprofile).
$profileRows = @(
  (StubObject 'Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_UserProfile' ([ordered]@{ SID = 'S-1-5-18'; LocalPath = 'C:\Windows\system32\config\systemprofile'; Special = $true; LastUseTime = [datetime]::new(2026, 11, 20, 9, 0, 0, $utc) })),
  (StubObject 'Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_UserProfile' ([ordered]@{ SID = $sidZoe; LocalPath = (Join-Path $StubHomes 'Zoë'); Special = $false; LastUseTime = [datetime]::new(2026, 11, 20, 9, 0, 0, $utc) })),
  (StubObject 'Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_UserProfile' ([ordered]@{ SID = $sidBob; LocalPath = (Join-Path $StubHomes 'Bob'); Special = $false; LastUseTime = $null }))
)
$profiles = if ($typical) { $profileRows } elseif ($one) { @($profileRows[1]) } else { @() }

$Stub = @{
  Registry = [ordered]@{}
  Cim = @{
    # Win32_OperatingSystem: Caption/Version/BuildNumber/OSArchitecture/CSName strings, ProductType
    # uint32, LastBootUpTime datetime (https://learn.microsoft.com/en-us/windows/win32/cimwin32prov/win32-operatingsystem).
    Win32_OperatingSystem = if ($empty) { { throw [Microsoft.Management.Infrastructure.CimException]::new('Access denied') } } else {
      StubObject 'Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_OperatingSystem' ([ordered]@{
          Caption = 'Microsoft Windows 11 Pro'; Version = '10.0.22631'; BuildNumber = '22631'; OSArchitecture = '64-bit'
          CSName = $(if ($one) { $null } else { 'PC-ZOË' }); ProductType = [uint32]1; LastBootUpTime = [datetime]::new(2026, 11, 19, 7, 30, 0, [DateTimeKind]::Local)
        }) }
    Win32_UserProfile = $profiles
    # Win32_Process: ProcessId uint32, Name string, ExecutablePath string (null for protected processes)
    # (https://learn.microsoft.com/en-us/windows/win32/cimwin32prov/win32-process).
    Win32_Process = @(
      (StubObject 'Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_Process' ([ordered]@{ ProcessId = [uint32]4; Name = 'System'; ExecutablePath = $null })),
      (StubObject 'Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_Process' ([ordered]@{ ProcessId = [uint32]4242; Name = 'Signal.exe'; ExecutablePath = 'C:\Users\Zoë\AppData\Local\Programs\signal-desktop\Signal.exe' }))
    ) | Select-Object -First $(if ($typical) { 2 } elseif ($one) { 1 } else { 0 })
    # Win32_EncryptableVolume: DriveLetter string, VolumeType/ConversionStatus/ProtectionStatus/EncryptionMethod uint32
    # (https://learn.microsoft.com/en-us/windows/win32/secprov/win32-encryptablevolume).
    Win32_EncryptableVolume = @()
    # Win32_PageFileUsage: Name string (https://learn.microsoft.com/en-us/windows/win32/cimwin32prov/win32-pagefileusage).
    Win32_PageFileUsage = @(
      (StubObject 'Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_PageFileUsage' ([ordered]@{ Name = 'C:\pagefile.sys' })),
      (StubObject 'Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_PageFileUsage' ([ordered]@{ Name = 'D:\pagefile.sys' }))
    ) | Select-Object -First $(if ($typical) { 2 } elseif ($one) { 1 } else { 0 })
    # Win32_ComputerSystem: PartOfDomain boolean, Domain string
    # (https://learn.microsoft.com/en-us/windows/win32/cimwin32prov/win32-computersystem).
    Win32_ComputerSystem = StubObject 'Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_ComputerSystem' ([ordered]@{ PartOfDomain = (-not $empty); Domain = $(if ($empty) { 'WORKGROUP' } else { 'corp.example.lu' }) })
    # Win32_UserAccount: Name, SID strings, Disabled boolean (https://learn.microsoft.com/en-us/windows/win32/cimwin32prov/win32-useraccount).
    Win32_UserAccount = @(StubObject 'Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_UserAccount' ([ordered]@{ Name = 'Invité'; SID = 'S-1-5-21-1004336348-1177238915-682003330-501'; Disabled = $true }))
  }
  Services = @{}
  Tasks = @{}
  Com = @{}
  Native = @{}
}

# --- Registry (values typed as RegistryKey.GetValue returns them; see stubs.ps1).
if (-not $empty) {
  $Stub.Registry['HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion'] = [ordered]@{ DisplayVersion = '23H2'; UBR = [int]4460; EditionID = 'Professional'; CurrentBuild = '22631'; DigitalProductId = [byte[]](1, 2, 3); '' = $null }
  $Stub.Registry['HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment'] = [ordered]@{ PROCESSOR_ARCHITECTURE = 'AMD64'; Path = '%SystemRoot%\system32' }
  $Stub.Registry['HKLM\SYSTEM\CurrentControlSet\Control\FileSystem'] = [ordered]@{ NtfsEncryptPagingFile = [int]0 }
  $Stub.Registry['HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon'] = [ordered]@{ AutoAdminLogon = '0'; DefaultUserName = 'Zoë'; DefaultDomainName = 'PC-ZOË'; ScreenSaverGracePeriod = '5' }
  $Stub.Registry['HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System'] = [ordered]@{ InactivityTimeoutSecs = [int]900 }
  $Stub.Registry['HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU'] = [ordered]@{ NoAutoUpdate = [int]0; AUOptions = [int]4; ScheduledInstallDay = [int]0; ScheduledInstallTime = [int]3 }
  $Stub.Registry['HKLM\SOFTWARE\Microsoft\WindowsUpdate\UX\Settings'] = [ordered]@{ PauseUpdatesExpiryTime = '2026-11-25T09:00:00Z' }
  $Stub.Registry['HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired'] = [ordered]@{ '' = $null }
  $Stub.Registry['HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\{6F320B93-EE3C-4826-85E0-ADF79F8D4C61}'] = [ordered]@{ DisplayName = 'Ünïcödé Editor'; DisplayVersion = '1.2.3'; Publisher = 'Zoë Ltd'; InstallLocation = 'C:\Program Files\Ünïcödé'; SystemComponent = $null }
  $Stub.Registry['HKLM\SOFTWARE\Microsoft\Enrollments\C1A3D2B4-1111-4A4A-9B9B-0123456789AB'] = [ordered]@{ ProviderID = 'MS DM Server'; EnrollmentState = [int]1; EnrollmentType = [int]6; UPN = 'zoë@example.lu'; DiscoveryServiceFullURL = 'https://enrollment.manage.microsoft.com/enrollmentserver/discovery.svc' }
  $Stub.Registry['HKLM\SOFTWARE\Microsoft\Enrollments\Context'] = [ordered]@{}
  $Stub.Registry['HKU\.DEFAULT\Control Panel\Desktop'] = [ordered]@{ ScreenSaveActive = '0' }
  $Stub.Registry['HKU\S-1-5-18\Control Panel\Desktop'] = [ordered]@{ ScreenSaveActive = '0' }
  $Stub.Registry["HKU\$sidZoe\Control Panel\Desktop"] = [ordered]@{ ScreenSaveActive = '1'; ScreenSaverIsSecure = '1'; ScreenSaveTimeOut = '600'; 'SCRNSAVE.EXE' = 'C:\Windows\system32\scrnsave.scr' }
  $Stub.Registry["HKU\$sidZoe\Software\Microsoft\Windows\CurrentVersion\Uninstall\Signal"] = [ordered]@{ DisplayName = 'Signal 7.1'; DisplayVersion = '7.1.0'; Publisher = 'Signal Messenger, LLC'; InstallLocation = 'C:\Users\Zoë\AppData\Local\Programs\signal-desktop' }
}
if ($typical) {
  $Stub.Registry['HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall\Notepad++'] = [ordered]@{ DisplayName = 'Notepad++ (32-bit x86)'; DisplayVersion = '8.6'; Publisher = 'Notepad++ Team'; SystemComponent = [int]0 }
  $Stub.Registry['HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\KB5031455'] = [ordered]@{ DisplayName = 'Update for Windows'; SystemComponent = [int]1; ParentKeyName = 'OperatingSystem' }
  $Stub.Registry['HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending'] = [ordered]@{}
  $Stub.Registry["HKU\$sidBob\Control Panel\Desktop"] = [ordered]@{ ScreenSaveActive = '1'; ScreenSaveTimeOut = '300' }
  $Stub.Registry["HKU\$sidBob\Software\Policies\Microsoft\Windows\Control Panel\Desktop"] = [ordered]@{ ScreenSaverIsSecure = '1'; ScreenSaveTimeOut = '900' }
  $Stub.Registry["HKU\$sidBob\Software\Microsoft\Windows\CurrentVersion\Policies\System"] = [ordered]@{ DisableLockWorkstation = [int]0 }
  # A key the user cannot read.
  $Stub.Registry['HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate'] = { throw [System.Security.SecurityException]::new('Requested registry access is not allowed.') }
}

# --- Get-BitLockerVolume: MountPoint string, VolumeType, VolumeStatus, ProtectionStatus,
# EncryptionMethod, LockStatus enums, EncryptionPercentage single, KeyProtector list of
# BitLockerVolumeKeyProtector with KeyProtectorType (https://learn.microsoft.com/en-us/powershell/module/bitlocker/get-bitlockervolume).
$Stub.BitLockerVolume = if ($typical) {
  @((StubVolume 'C:' 'OperatingSystem' 'FullyEncrypted' 'On' 'XtsAes128' 100 @('Tpm', 'RecoveryPassword')), (StubVolume 'D:' 'Data' 'FullyDecrypted' 'Off' 'None' 0 @()))
} elseif ($one) { @(StubVolume 'C:' 'OperatingSystem' 'FullyEncrypted' 'On' 'XtsAes256' 100 @('Tpm')) } else { { throw [System.UnauthorizedAccessException]::new('Access denied. (Exception from HRESULT: 0x80070005)') } }
if ($empty) {
  $Stub.Cim.Win32_EncryptableVolume = { throw [Microsoft.Management.Infrastructure.CimException]::new('Access denied') }
}

# --- Get-NetFirewallProfile: Name string, Enabled GpoBoolean, DefaultInboundAction/DefaultOutboundAction Action
# (https://learn.microsoft.com/en-us/powershell/module/netsecurity/get-netfirewallprofile).
$Stub.FirewallActive = if ($empty) { @() } elseif ($one) { @(StubFw 'Public' 'True' 'Block' 'Allow') } else { @((StubFw 'Domain' 'True' 'NotConfigured' 'NotConfigured'), (StubFw 'Private' 'True' 'Block' 'Allow'), (StubFw 'Public' 'True' 'Block' 'Allow')) }
$Stub.FirewallLocal = if ($empty) { { throw 'Access is denied.' } } else { $Stub.FirewallActive }

# --- Get-Service: Status ServiceControllerStatus, StartType ServiceStartMode.
if (-not $empty) {
  $Stub.Services = @{ MpsSvc = (StubService 'Running' 'Automatic'); wuauserv = (StubService 'Stopped' 'Manual'); IntuneManagementExtension = (StubService 'Running' 'Automatic') }
}

# --- Get-NetTCPConnection / Get-NetUDPEndpoint: LocalAddress string, LocalPort uint16, OwningProcess uint32
# (https://learn.microsoft.com/en-us/powershell/module/nettcpip/get-nettcpconnection).
$Stub.Tcp = if ($typical) { @((StubSock '0.0.0.0' 135 1016), (StubSock '::' 445 4), (StubSock '127.0.0.1' 5939 4242)) } elseif ($one) { @(StubSock '0.0.0.0' 3389 1016) } else { @() }
$Stub.Udp = if ($typical) { @((StubSock '0.0.0.0' 5353 2020), (StubSock '::1' 1900 4242)) } elseif ($one) { @(StubSock '0.0.0.0' 5353 2020) } else { @() }
# Get-Process: Id int, ProcessName string, UserName string (with -IncludeUserName, administrators only)
# (https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.management/get-process).
$Stub.Processes = @(
  [pscustomobject]@{ Id = 4; ProcessName = 'System'; UserName = 'NT AUTHORITY\SYSTEM' },
  [pscustomobject]@{ Id = 1016; ProcessName = 'svchost'; UserName = 'NT AUTHORITY\NETWORK SERVICE' },
  [pscustomobject]@{ Id = 4242; ProcessName = 'Signal'; UserName = 'PC-ZOË\Zoë' }
) | Select-Object -First $(if ($typical) { 3 } elseif ($one) { 1 } else { 0 })
if ($empty) { $Stub.ProcessOwnersDenied = 'The ''IncludeUserName'' parameter requires elevated user rights.' }

# --- Get-AppxPackage: Name, PackageFamilyName, PackageFullName, InstallLocation strings, Version
# string, IsFramework bool, PackageUserInformation list of { UserSecurityId { Username, Sid }, InstallState }
# (https://learn.microsoft.com/en-us/powershell/module/appx/get-appxpackage).
$Stub.AppxAll = if ($typical) {
  @((StubAppx 'MSTeams' 'MSTeams_8wekyb3d8bbwe' '24.1.0.0' @(, @('PC-ZOË\Zoë', $sidZoe))), (StubAppx '5319275A.WhatsAppDesktop' '5319275A.WhatsAppDesktop_cv1g1gvanyjgm' '2.2400.0.0' @(@('PC-ZOË\Zoë', $sidZoe), @('PC-ZOË\Bob', $sidBob))))
} elseif ($one) { @(StubAppx 'MSTeams' 'MSTeams_8wekyb3d8bbwe' '24.1.0.0' @(, @('PC-ZOË\Zoë', $sidZoe))) } else { { throw [System.UnauthorizedAccessException]::new('Access is denied.') } }
$Stub.AppxMine = @()

# --- Get-LocalUser: Name string, Enabled bool, SID SecurityIdentifier (its .Value the text)
# (https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.localaccounts/get-localuser).
$Stub.LocalUsers = if ($empty) { { throw 'Get-LocalUser: the Microsoft.PowerShell.LocalAccounts module could not be loaded.' } } else {
  @([pscustomobject]@{ Name = 'Administrateur'; Enabled = $false; SID = [pscustomobject]@{ Value = 'S-1-5-21-1004336348-1177238915-682003330-500' } },
    [pscustomobject]@{ Name = 'Invité'; Enabled = $false; SID = [pscustomobject]@{ Value = 'S-1-5-21-1004336348-1177238915-682003330-501' } },
    [pscustomobject]@{ Name = 'Zoë'; Enabled = $true; SID = [pscustomobject]@{ Value = $sidZoe } }) | Select-Object -First $(if ($one) { 2 } else { 3 })
}

# --- Get-HotFix: HotFixID, Description strings, InstalledOn datetime (local time, date only)
# (https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.management/get-hotfix).
$Stub.HotFixes = if ($typical) {
  @([pscustomobject]@{ HotFixID = 'KB5032190'; Description = 'Security Update'; InstalledOn = [datetime]::new(2026, 11, 15, 0, 0, 0, [DateTimeKind]::Local) },
    [pscustomobject]@{ HotFixID = 'KB5031455'; Description = 'Update'; InstalledOn = $null })
} elseif ($one) { @([pscustomobject]@{ HotFixID = 'KB5032190'; Description = 'Security Update'; InstalledOn = [datetime]::new(2026, 11, 15, 0, 0, 0, [DateTimeKind]::Local) }) } else { @() }

# --- Get-ScheduledTask / Get-ScheduledTaskInfo: TaskName string; LastRunTime datetime, LastTaskResult uint32
# (https://learn.microsoft.com/en-us/powershell/module/scheduledtasks/get-scheduledtaskinfo).
$taskInfo = [pscustomobject]@{ LastRunTime = [datetime]::new(2026, 11, 20, 8, 0, 0, $utc); LastTaskResult = [uint32]0 }
$Stub.Tasks['\Microsoft\Windows\EnterpriseMgmt\C1A3D2B4-1111-4A4A-9B9B-0123456789AB\'] = if ($typical) {
  @([pscustomobject]@{ TaskName = 'Schedule #3 created by enrollment client'; StubInfo = $taskInfo },
    [pscustomobject]@{ TaskName = 'Schedule to run OMADMClient by client'; StubInfo = [pscustomobject]@{ LastRunTime = [datetime]::new(1999, 11, 30, 0, 0, 0); LastTaskResult = [uint32]267011 } })
} else { @([pscustomobject]@{ TaskName = 'Schedule #3 created by enrollment client'; StubInfo = $taskInfo }) }

# --- COM: Microsoft.Update.AutoUpdate, Microsoft.Update.Session, WScript.Shell (shapes.ps1).
if (-not $empty) {
  $Stub.Com['Microsoft.Update.AutoUpdate'] = StubAutoUpdate 4 ([datetime]::new(2026, 11, 20, 6, 0, 0, $utc)) $(if ($one) { $null } else { [datetime]::new(2026, 11, 15, 3, 0, 0, $utc) })
  $history = @((StubHistory ([datetime]::new(2026, 11, 15, 3, 0, 0, $utc)) '2026-11 Cumulative Update for Windows 11 (KB5032190) – Sécurité' 1 2),
    (StubHistory ([datetime]::new(2026, 10, 12, 3, 0, 0, $utc)) 'Security Intelligence Update' 1 4)) | Select-Object -First $(if ($one) { 1 } else { 2 })
  $pendingUpdates = @((StubUpdate '2026-11 Mise à jour cumulative pour Windows 11 (KB5046617)' @('5046617') 'Critical' @('0fa1201d-4330-4fa8-8ae9-b877473b6441')),
    (StubUpdate 'Intel - Display - 31.0.101.5590' @() $null @('ebfc1fc5-71a4-4f7b-9aca-3b9a503104a0'))) | Select-Object -Last $(if ($one) { 1 } else { 2 })
  $Stub.Com['Microsoft.Update.Session'] = StubUpdateSession $history $pendingUpdates
  $Stub.Com['WScript.Shell'] = StubShell @{ 'Zoë Chat.lnk' = @{ TargetPath = 'C:\Program Files\Google\Chrome\Application\chrome_proxy.exe'; Arguments = '--profile-directory=Default --app-id=mjoklplbddabcmpepnokjaffbmgbkkgg' } }
}

# --- powercfg.exe: real captures ($StubCaptures, from src/probes/screen-lock/testdata, cited in its
# README): CONSOLELOCK 1/1 (Hyper-V Server), STANDBYIDLE 1800/900 s (MicrosoftDocs DTrace sample), the
# Display subgroup built from documentation. typical: /qh works; one: /qh is refused (exit 1, as on
# systems without it) and /query answers; empty: powercfg fails.
$pcQueries = [ordered]@{
  'SCHEME_CURRENT SUB_NONE CONSOLELOCK' = $StubCaptures['powercfg-query-hyperv.txt']
  'SCHEME_CURRENT SUB_SLEEP STANDBYIDLE' = $StubCaptures['powercfg-qh-standbyidle.txt']
  # The Display query only: that file then holds a Sleep query too (used by a fixture).
  'SCHEME_CURRENT SUB_VIDEO' = (StubPowercfgQueries $StubCaptures['powercfg-display-lock.txt'])[0]
}
foreach ($q in $pcQueries.Keys) {
  if ($typical) { $Stub.Native["powercfg.exe /qh $q"] = @{ text = $pcQueries[$q]; exit = 0 } }
  elseif ($one) { $Stub.Native["powercfg.exe /query $q"] = @{ text = $pcQueries[$q]; exit = 0 } }
}

# --- dsregcmd /status as an Azure AD joined device prints it (Microsoft Learn, "Troubleshoot
# devices by using the dsregcmd command": https://learn.microsoft.com/en-us/entra/identity/devices/troubleshoot-device-dsregcmd).
$Stub.Native['dsregcmd.exe /status'] = @{ exit = 0; text = @(
    '+----------------------------------------------------------------------+'
    '| Device State                                                         |'
    '+----------------------------------------------------------------------+'
    ''
    '             AzureAdJoined : YES'
    '          EnterpriseJoined : NO'
    '              DomainJoined : NO'
    '               Device Name : PC-ZOË'
    ''
  ) -join "`r`n" }
