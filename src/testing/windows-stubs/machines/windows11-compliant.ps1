# The fixture machine windows11-compliant (fixtures/hosts/windows11-compliant/README.md): what the
# stubs (stubs.ps1) answer on it. Its commands.json is what charter's scripts print when run under
# PowerShell with these answers (src/testing/windows-fixtures.ts). Shapes and their sources:
# shapes.ps1 and stubs.ps1; values are made up and illustrative. Dates are given in UTC, so the
# fixture does not depend on the time zone of the machine that generates it.
#
# Windows 11 Enterprise 24H2, Entra ID joined and enrolled in Intune, one user (alice) who runs
# Luxchat4Gov; BitLocker on C:, every firewall profile on, screen saver with a password after
# 10 minutes by policy, updates automatic and current.

$utc = [DateTimeKind]::Utc
$env:SystemDrive = 'C:'
$env:USERNAME = 'alice'
$sidAlice = 'S-1-5-21-1004336348-1177238915-682003330-1001'
$pc = 'LU-PC-0142'
$Stub = @{ Registry = [ordered]@{}; Cim = @{}; Services = @{}; Tasks = @{}; Com = @{}; Native = @{} }

# --- Operating system (Win32_OperatingSystem: https://learn.microsoft.com/en-us/windows/win32/cimwin32prov/win32-operatingsystem;
# CurrentVersion values: reference/probes.md §3.6).
$Stub.Cim.Win32_OperatingSystem = StubCim 'Win32_OperatingSystem' ([ordered]@{
    Caption = 'Microsoft Windows 11 Enterprise'; Version = '10.0.26100'; BuildNumber = '26100'; OSArchitecture = '64-bit'; CSName = $pc
    ProductType = [uint32]1; LastBootUpTime = [datetime]::new(2026, 11, 13, 7, 50, 12, $utc)
  })
$Stub.Registry['HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion'] = [ordered]@{ CurrentBuild = '26100'; DisplayVersion = '24H2'; EditionID = 'Enterprise'; UBR = [int]7171 }
$Stub.Registry['HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment'] = [ordered]@{ PROCESSOR_ARCHITECTURE = 'AMD64' }
$Stub.Cim.Win32_ComputerSystem = StubCim 'Win32_ComputerSystem' ([ordered]@{ PartOfDomain = $false; Domain = 'WORKGROUP' })

# --- Users: the system profile and alice's (Win32_UserProfile: https://learn.microsoft.com/en-us/previous-versions/windows/desktop/usm/win32-userprofile),
# their loaded hives under HKEY_USERS, local accounts (Get-LocalUser, stubs.ps1).
$Stub.Cim.Win32_UserProfile = @(
  (StubCim 'Win32_UserProfile' ([ordered]@{ SID = 'S-1-5-18'; LocalPath = 'C:\Windows\system32\config\systemprofile'; Special = $true; LastUseTime = [datetime]::new(2026, 11, 20, 9, 0, 0, $utc) })),
  (StubCim 'Win32_UserProfile' ([ordered]@{ SID = $sidAlice; LocalPath = (Join-Path $StubHomes 'alice'); Special = $false; LastUseTime = [datetime]::new(2026, 11, 20, 9, 0, 0, $utc) }))
)
$Stub.Registry['HKU\.DEFAULT\Control Panel\Desktop'] = [ordered]@{ ScreenSaveActive = '0' }
$Stub.Registry['HKU\S-1-5-18\Control Panel\Desktop'] = [ordered]@{ ScreenSaveActive = '0' }
$Stub.LocalUsers = @(
  [pscustomobject]@{ Name = 'Administrator'; Enabled = $false; SID = [pscustomobject]@{ Value = 'S-1-5-21-1004336348-1177238915-682003330-500' } },
  [pscustomobject]@{ Name = 'Guest'; Enabled = $false; SID = [pscustomobject]@{ Value = 'S-1-5-21-1004336348-1177238915-682003330-501' } },
  [pscustomobject]@{ Name = 'alice'; Enabled = $true; SID = [pscustomobject]@{ Value = $sidAlice } }
)
$Stub.Cim.Win32_UserAccount = @()
$Stub.Registry['HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon'] = [ordered]@{ AutoAdminLogon = '0'; DefaultUserName = 'alice'; DefaultDomainName = $pc }

# --- Installed software: Uninstall keys (https://learn.microsoft.com/en-us/windows/win32/msi/uninstall-registry-key), AppX packages.
$u = 'HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall'
$Stub.Registry["$u\{5C1E3F2A-9B7D-4E1A-8C3B-2F0D6A7E9B11}"] = [ordered]@{ DisplayName = 'Microsoft Edge'; DisplayVersion = '142.0.3595.80'; Publisher = 'Microsoft Corporation'; InstallLocation = 'C:\Program Files (x86)\Microsoft\Edge\Application' }
$Stub.Registry["$u\AddressBook"] = [ordered]@{}
$Stub.Registry["$u\{8C2E4B3D-1111-4A2B-9C3D-5E6F7A8B9C0D}"] = [ordered]@{ DisplayName = 'Windows SDK AddOn'; DisplayVersion = '10.1.0.0'; Publisher = 'Microsoft Corporation'; SystemComponent = [int]1 }
$Stub.Registry['HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall\7-Zip'] = [ordered]@{ DisplayName = '7-Zip 24.08 (x64)'; DisplayVersion = '24.08'; Publisher = 'Igor Pavlov'; InstallLocation = 'C:\Program Files\7-Zip\' }
$Stub.Registry["HKU\$sidAlice\Software\Microsoft\Windows\CurrentVersion\Uninstall\luxchat4gov"] = [ordered]@{ DisplayName = 'Luxchat4Gov'; DisplayVersion = '1.11.52'; Publisher = 'CTIE'; InstallLocation = 'C:\Users\alice\AppData\Local\luxchat4gov' }
$Stub.AppxAll = @(
  (StubAppx 'Microsoft.WindowsCalculator' 'Microsoft.WindowsCalculator_8wekyb3d8bbwe' '11.2409.0.0' @(, @("$pc\alice", $sidAlice))),
  (StubAppx 'Microsoft.VCLibs.140.00' 'Microsoft.VCLibs.140.00_8wekyb3d8bbwe' '14.0.33519.0' @(, @("$pc\alice", $sidAlice)) $true)
)
$Stub.AppxMine = $Stub.AppxAll

# --- Processes, one list for Win32_Process and Get-Process: pid, image name, path, owner.
$processes = @(
  @(4, 'System', $null, $null),
  @(720, 'wininit.exe', 'C:\Windows\System32\wininit.exe', 'NT AUTHORITY\SYSTEM'),
  @(868, 'lsass.exe', 'C:\Windows\System32\lsass.exe', 'NT AUTHORITY\SYSTEM'),
  @(1012, 'svchost.exe', 'C:\Windows\System32\svchost.exe', 'NT AUTHORITY\NETWORK SERVICE'),
  @(2248, 'svchost.exe', 'C:\Windows\System32\svchost.exe', 'NT AUTHORITY\NETWORK SERVICE'),
  @(3300, 'svchost.exe', 'C:\Windows\System32\svchost.exe', 'NT AUTHORITY\LOCAL SERVICE'),
  @(5120, 'explorer.exe', 'C:\Windows\explorer.exe', "$pc\alice"),
  @(6020, 'svchost.exe', 'C:\Windows\System32\svchost.exe', 'NT AUTHORITY\SYSTEM'),
  @(7344, 'Luxchat4Gov.exe', 'C:\Users\alice\AppData\Local\luxchat4gov\app-1.11.52\Luxchat4Gov.exe', "$pc\alice"),
  @(7410, 'Luxchat4Gov.exe', 'C:\Users\alice\AppData\Local\luxchat4gov\app-1.11.52\Luxchat4Gov.exe', "$pc\alice")
)
$Stub.Cim.Win32_Process = @(foreach ($p in $processes) { StubWin32Process $p[0] $p[1] $p[2] })
$Stub.Processes = @(foreach ($p in $processes) { StubProcess $p[0] ($p[1] -replace '\.exe$', '') $p[3] })
$Stub.Tcp = @((StubSock '0.0.0.0' 135 1012), (StubSock '::' 135 1012), (StubSock '0.0.0.0' 5040 6020), (StubSock '0.0.0.0' 49664 868), (StubSock '0.0.0.0' 49665 720), (StubSock '127.0.0.1' 49710 7344))
$Stub.Udp = @((StubSock '0.0.0.0' 5353 2248), (StubSock '0.0.0.0' 5355 2248), (StubSock '127.0.0.1' 56021 3300))

# --- Disk encryption: BitLocker on C: (XTS-AES 128, TPM and recovery password), the paging file on C:.
$Stub.BitLockerVolume = @(StubVolume 'C:' 'OperatingSystem' 'FullyEncrypted' 'On' 'XtsAes128' 100 @('Tpm', 'RecoveryPassword'))
$Stub.Cim.Win32_EncryptableVolume = @()
$Stub.Cim.Win32_PageFileUsage = @(StubCim 'Win32_PageFileUsage' ([ordered]@{ Name = 'C:\pagefile.sys' }))
$Stub.Registry['HKLM\SYSTEM\CurrentControlSet\Control\FileSystem'] = [ordered]@{ NtfsEncryptPagingFile = [int]0 }

# --- Firewall: every profile on; the local store leaves the actions NotConfigured (Block inbound by default).
$Stub.FirewallActive = @((StubFw 'Domain' 'True' 'Block' 'Allow'), (StubFw 'Private' 'True' 'Block' 'Allow'), (StubFw 'Public' 'True' 'NotConfigured' 'NotConfigured'))
$Stub.FirewallLocal = @((StubFw 'Domain' 'True' 'NotConfigured' 'NotConfigured'), (StubFw 'Private' 'True' 'NotConfigured' 'NotConfigured'), (StubFw 'Public' 'True' 'NotConfigured' 'NotConfigured'))
$Stub.Services = @{ MpsSvc = (StubService 'Running' 'Automatic'); wuauserv = (StubService 'Stopped' 'Manual'); IntuneManagementExtension = (StubService 'Running' 'Automatic') }

# --- Screen lock: machine inactivity limit 600 s, alice's secure screen saver (900 s, 600 s by policy);
# powercfg (real captures, src/probes/screen-lock/testdata/README.md): password on wake-up (Hyper-V
# Server), sleep after 1800 s / 900 s (DTrace sample), and the Display subgroup (built from documentation).
$Stub.Registry['HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System'] = [ordered]@{ InactivityTimeoutSecs = [int]600 }
$Stub.Registry["HKU\$sidAlice\Control Panel\Desktop"] = [ordered]@{ ScreenSaveActive = '1'; ScreenSaverIsSecure = '1'; ScreenSaveTimeOut = '900' }
$Stub.Registry["HKU\$sidAlice\Software\Policies\Microsoft\Windows\Control Panel\Desktop"] = [ordered]@{ ScreenSaveActive = '1'; ScreenSaverIsSecure = '1'; ScreenSaveTimeOut = '600'; 'SCRNSAVE.EXE' = 'scrnsave.scr' }
$Stub.Native['powercfg.exe /qh SCHEME_CURRENT SUB_NONE CONSOLELOCK'] = @{ text = $StubCaptures['powercfg-query-hyperv.txt']; exit = 0 }
$Stub.Native['powercfg.exe /qh SCHEME_CURRENT SUB_SLEEP STANDBYIDLE'] = @{ text = $StubCaptures['powercfg-qh-standbyidle.txt']; exit = 0 }
$Stub.Native['powercfg.exe /qh SCHEME_CURRENT SUB_VIDEO'] = @{ text = (StubPowercfgQueries $StubCaptures['powercfg-display-lock.txt'])[0]; exit = 0 }

# --- Updates: automatic (AUOptions 4), searched this morning, installed last week, nothing pending.
$Stub.Registry['HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU'] = [ordered]@{ NoAutoUpdate = [int]0; AUOptions = [int]4; ScheduledInstallDay = [int]0; ScheduledInstallTime = [int]3 }
$Stub.Com['Microsoft.Update.AutoUpdate'] = StubAutoUpdate 4 ([datetime]::new(2026, 11, 20, 6, 12, 33, $utc)) ([datetime]::new(2026, 11, 12, 3, 5, 10, $utc))
$Stub.Com['Microsoft.Update.Session'] = StubUpdateSession @(
  (StubHistory ([datetime]::new(2026, 11, 12, 3, 5, 10, $utc)) '2026-11 Cumulative Update for Windows 11 Version 24H2 for x64-based Systems (KB0000002)' 1 2),
  (StubHistory ([datetime]::new(2026, 11, 12, 2, 58, 41, $utc)) 'Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version 1.441.0.0)' 1 2),
  (StubHistory ([datetime]::new(2026, 10, 15, 3, 1, 0, $utc)) '2026-10 Cumulative Update for Windows 11 Version 24H2 for x64-based Systems (KB0000001)' 1 2)
) @()
$Stub.HotFixes = @(
  [pscustomobject]@{ HotFixID = 'KB0000001'; Description = 'Security Update'; InstalledOn = [datetime]::new(2026, 10, 14, 22, 0, 0, $utc) },
  [pscustomobject]@{ HotFixID = 'KB0000002'; Description = 'Security Update'; InstalledOn = [datetime]::new(2026, 11, 11, 23, 0, 0, $utc) }
)

# --- Management: enrolled in Intune (Enrollments key and its EnterpriseMgmt tasks; reference/probes.md §3.7),
# a leftover enrolment key without a provider, the Intune Management Extension running.
$e = 'HKLM\SOFTWARE\Microsoft\Enrollments'
$enrolment = '4E1C5F2A-7B3D-4C9E-A1F0-2D3E4F5A6B7C'
$Stub.Registry["$e\$enrolment"] = [ordered]@{ ProviderID = 'MS DM Server'; EnrollmentState = [int]1; EnrollmentType = [int]6; UPN = 'alice@ctie.etat.lu'; DiscoveryServiceFullURL = 'https://enrollment.manage.microsoft.com/enrollmentserver/discovery.svc' }
$Stub.Registry["$e\C1A2B3D4-0000-4000-8000-00000000A1B2"] = [ordered]@{ EnrollmentType = [int]0 }
$Stub.Registry["$e\Context"] = [ordered]@{}
$Stub.Tasks["\Microsoft\Windows\EnterpriseMgmt\$enrolment\"] = @(
  (StubTask 'Schedule #1 created by enrollment client' ([datetime]::new(2026, 11, 3, 8, 2, 11, $utc)) 0),
  (StubTask 'Schedule #3 created by enrollment client' ([datetime]::new(2026, 11, 20, 5, 41, 12, $utc)) 0),
  (StubTask 'PushLaunch' ([datetime]::new(1999, 11, 30, 0, 0, 0, $utc)) 267011)
)
$Stub.Native['dsregcmd.exe /status'] = @{ exit = 0; text = (StubDsregcmd -Device $pc -Tenant 'CTIE' -MdmUrl 'https://enrollment.manage.microsoft.com/enrollmentserver/discovery.svc') }

# --- Browsers: the files are alice's real home (machine-homes.ts); no Chrome app shortcut.
$Stub.Com['WScript.Shell'] = StubShell @{}
