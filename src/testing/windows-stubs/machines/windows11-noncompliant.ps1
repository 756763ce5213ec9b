# The fixture machine windows11-noncompliant (fixtures/hosts/windows11-noncompliant/README.md):
# what the stubs (stubs.ps1) answer on it. Its commands.json is what charter's scripts print when
# run under PowerShell with these answers (src/testing/windows-fixtures.ts). Shapes and their
# sources: shapes.ps1 and stubs.ps1; values are made up and illustrative. Dates are given in UTC, so
# the fixture does not depend on the time zone of the machine that generates it.
#
# Windows 11 Pro 22H2 in a workgroup, not enrolled, one user (bob): WhatsApp and Telegram from the
# Store, Dropbox, PostgreSQL listening on every address; no BitLocker, the Private and Public
# firewall profiles off, an insecure screen saver and no sleep on battery, automatic logon and the
# Guest account on, automatic updates off by policy and months old, a reboot pending.

$utc = [DateTimeKind]::Utc
$env:SystemDrive = 'C:'
$env:USERNAME = 'bob'
$sidBob = 'S-1-5-21-3623811015-3361044348-30300820-1001'
$pc = 'DESKTOP-7Q2M4KD'
$Stub = @{ Registry = [ordered]@{}; Cim = @{}; Services = @{}; Tasks = @{}; Com = @{}; Native = @{} }

# --- Operating system (Win32_OperatingSystem: https://learn.microsoft.com/en-us/windows/win32/cimwin32prov/win32-operatingsystem;
# CurrentVersion values: reference/probes.md §3.6).
$Stub.Cim.Win32_OperatingSystem = StubCim 'Win32_OperatingSystem' ([ordered]@{
    Caption = 'Microsoft Windows 11 Pro'; Version = '10.0.22621'; BuildNumber = '22621'; OSArchitecture = '64-bit'; CSName = $pc
    ProductType = [uint32]1; LastBootUpTime = [datetime]::new(2026, 7, 10, 8, 0, 0, $utc)
  })
$Stub.Registry['HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion'] = [ordered]@{ CurrentBuild = '22621'; DisplayVersion = '22H2'; EditionID = 'Professional'; UBR = [int]4317 }
$Stub.Registry['HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment'] = [ordered]@{ PROCESSOR_ARCHITECTURE = 'AMD64' }
$Stub.Cim.Win32_ComputerSystem = StubCim 'Win32_ComputerSystem' ([ordered]@{ PartOfDomain = $false; Domain = 'WORKGROUP' })

# --- Users (Win32_UserProfile: https://learn.microsoft.com/en-us/previous-versions/windows/desktop/usm/win32-userprofile).
$Stub.Cim.Win32_UserProfile = @(
  (StubCim 'Win32_UserProfile' ([ordered]@{ SID = 'S-1-5-18'; LocalPath = 'C:\Windows\system32\config\systemprofile'; Special = $true; LastUseTime = [datetime]::new(2026, 11, 20, 9, 0, 0, $utc) })),
  (StubCim 'Win32_UserProfile' ([ordered]@{ SID = $sidBob; LocalPath = (Join-Path $StubHomes 'bob'); Special = $false; LastUseTime = [datetime]::new(2026, 11, 20, 9, 0, 0, $utc) }))
)
$Stub.Registry['HKU\.DEFAULT\Control Panel\Desktop'] = [ordered]@{ ScreenSaveActive = '0' }
$Stub.Registry['HKU\S-1-5-18\Control Panel\Desktop'] = [ordered]@{ ScreenSaveActive = '0' }
$Stub.LocalUsers = @(
  [pscustomobject]@{ Name = 'Administrator'; Enabled = $false; SID = [pscustomobject]@{ Value = 'S-1-5-21-3623811015-3361044348-30300820-500' } },
  [pscustomobject]@{ Name = 'Guest'; Enabled = $true; SID = [pscustomobject]@{ Value = 'S-1-5-21-3623811015-3361044348-30300820-501' } },
  [pscustomobject]@{ Name = 'bob'; Enabled = $true; SID = [pscustomobject]@{ Value = $sidBob } }
)
$Stub.Cim.Win32_UserAccount = @()
# Automatic logon for bob, with the password in the registry (its value is never read; this one is made up).
$Stub.Registry['HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon'] = [ordered]@{ AutoAdminLogon = '1'; DefaultUserName = 'bob'; DefaultDomainName = $pc; DefaultPassword = 'not-a-real-password' }

# --- Installed software: Uninstall keys (https://learn.microsoft.com/en-us/windows/win32/msi/uninstall-registry-key), AppX packages.
$Stub.Registry['HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\PostgreSQL 16'] = [ordered]@{ DisplayName = 'PostgreSQL 16 '; DisplayVersion = '16.4-1'; Publisher = 'PostgreSQL Global Development Group'; InstallLocation = 'C:\Program Files\PostgreSQL\16' }
$w = 'HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall'
$Stub.Registry["$w\Dropbox"] = [ordered]@{ DisplayName = 'Dropbox'; DisplayVersion = '236.4.6110'; Publisher = 'Dropbox, Inc.'; InstallLocation = 'C:\Program Files (x86)\Dropbox' }
$Stub.Registry["$w\Dropbox Update Helper"] = [ordered]@{ DisplayName = 'Dropbox Update Helper'; DisplayVersion = '1.3.1007.1'; Publisher = 'Dropbox, Inc.'; SystemComponent = [int]1 }
$Stub.AppxAll = @(
  (StubAppx '5319275A.WhatsAppDesktop' '5319275A.WhatsAppDesktop_cv1g1gvanyjgm' '2.2546.3.0' @(, @("$pc\bob", $sidBob))),
  (StubAppx 'TelegramMessengerLLP.TelegramDesktop' 'TelegramMessengerLLP.TelegramDesktop_t4vj0pshhgkwm' '6.2.4.0' @(, @("$pc\bob", $sidBob))),
  # Provisioned for new users, installed for none.
  (StubAppx 'Microsoft.WindowsCalculator' 'Microsoft.WindowsCalculator_8wekyb3d8bbwe' '11.2409.0.0' @())
)
$Stub.AppxMine = @($Stub.AppxAll | Select-Object -First 2)

# --- Processes, one list for Win32_Process and Get-Process: pid, image name, path, owner.
$processes = @(
  @(4, 'System', $null, $null),
  @(1008, 'svchost.exe', 'C:\Windows\System32\svchost.exe', 'NT AUTHORITY\NETWORK SERVICE'),
  @(1320, 'svchost.exe', 'C:\Windows\System32\svchost.exe', 'NT AUTHORITY\NETWORK SERVICE'),
  @(3120, 'postgres.exe', 'C:\Program Files\PostgreSQL\16\bin\postgres.exe', 'NT AUTHORITY\NETWORK SERVICE'),
  @(5904, 'Dropbox.exe', 'C:\Program Files (x86)\Dropbox\Client\Dropbox.exe', "$pc\bob"),
  @(6612, 'WhatsApp.exe', 'C:\Program Files\WindowsApps\5319275A.WhatsAppDesktop_2.2546.3.0_x64__cv1g1gvanyjgm\WhatsApp.exe', "$pc\bob")
)
$Stub.Cim.Win32_Process = @(foreach ($p in $processes) { StubWin32Process $p[0] $p[1] $p[2] })
$Stub.Processes = @(foreach ($p in $processes) { StubProcess $p[0] ($p[1] -replace '\.exe$', '') $p[3] })
# SMB (445, 139), NetBIOS (137), RDP (3389) and PostgreSQL on the network (PID 4 System owns SMB: reference/probes.md §3.8).
$Stub.Tcp = @((StubSock '0.0.0.0' 135 1008), (StubSock '0.0.0.0' 445 4), (StubSock '0.0.0.0' 3389 1320), (StubSock '0.0.0.0' 5432 3120), (StubSock '::' 5432 3120), (StubSock '192.168.1.23' 139 4))
$Stub.Udp = @(StubSock '192.168.1.23' 137 4)

# --- Disk encryption: BitLocker off on C:, the paging file on C:.
$Stub.BitLockerVolume = @(StubVolume 'C:' 'OperatingSystem' 'FullyDecrypted' 'Off' 'None' 0 @())
$Stub.Cim.Win32_EncryptableVolume = @()
$Stub.Cim.Win32_PageFileUsage = @(StubCim 'Win32_PageFileUsage' ([ordered]@{ Name = 'C:\pagefile.sys' }))
$Stub.Registry['HKLM\SYSTEM\CurrentControlSet\Control\FileSystem'] = [ordered]@{ NtfsEncryptPagingFile = [int]0 }

# --- Firewall: Private and Public off, Private allows inbound.
$Stub.FirewallActive = @((StubFw 'Domain' 'True' 'Block' 'Allow'), (StubFw 'Private' 'False' 'Allow' 'Allow'), (StubFw 'Public' 'False' 'NotConfigured' 'NotConfigured'))
$Stub.FirewallLocal = @((StubFw 'Domain' 'True' 'NotConfigured' 'NotConfigured'), (StubFw 'Private' 'False' 'Allow' 'NotConfigured'), (StubFw 'Public' 'False' 'NotConfigured' 'NotConfigured'))
$Stub.Services = @{ MpsSvc = (StubService 'Running' 'Automatic'); wuauserv = (StubService 'Stopped' 'Manual') }

# --- Screen lock: bob's screen saver without a password, no inactivity limit; powercfg (real captures,
# src/probes/screen-lock/testdata/README.md): password on wake-up (Hyper-V Server), but the Sleep and
# Display queries built from documentation: never sleeps on battery (STANDBYIDLE DC 0).
$Stub.Registry["HKU\$sidBob\Control Panel\Desktop"] = [ordered]@{ ScreenSaveActive = '1'; ScreenSaverIsSecure = '0'; ScreenSaveTimeOut = '1800' }
$built = StubPowercfgQueries $StubCaptures['powercfg-display-lock.txt']
$Stub.Native['powercfg.exe /qh SCHEME_CURRENT SUB_NONE CONSOLELOCK'] = @{ text = $StubCaptures['powercfg-query-hyperv.txt']; exit = 0 }
$Stub.Native['powercfg.exe /qh SCHEME_CURRENT SUB_SLEEP STANDBYIDLE'] = @{ text = $built[1]; exit = 0 }
$Stub.Native['powercfg.exe /qh SCHEME_CURRENT SUB_VIDEO'] = @{ text = $built[0]; exit = 0 }

# --- Updates: turned off by policy, last searched in August, last installed in July, a reboot
# pending since; the local Windows Update data lists two security updates and a driver.
$Stub.Registry['HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU'] = [ordered]@{ NoAutoUpdate = [int]1 }
$Stub.Registry['HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired'] = [ordered]@{}
$Stub.Com['Microsoft.Update.AutoUpdate'] = StubAutoUpdate 1 ([datetime]::new(2026, 8, 2, 11, 20, 0, $utc)) ([datetime]::new(2026, 7, 15, 2, 10, 0, $utc))
$Stub.Com['Microsoft.Update.Session'] = StubUpdateSession @(
  (StubHistory ([datetime]::new(2026, 7, 15, 2, 10, 0, $utc)) '2026-07 Cumulative Update for Windows 11 Version 22H2 for x64-based Systems (KB0000003)' 1 2)
) @(
  (StubUpdate '2026-11 Cumulative Update for Windows 11 Version 22H2 for x64-based Systems (KB0000005)' @('0000005') 'Critical' @('0fa1201d-4330-4fa8-8ae9-b877473b6441')),
  (StubUpdate '2026-10 Cumulative Update for Windows 11 Version 22H2 for x64-based Systems (KB0000004)' @('0000004') 'Important' @('0fa1201d-4330-4fa8-8ae9-b877473b6441')),
  (StubUpdate 'Intel Corporation - Display - 31.0.101.4502' @() $null @('ebfc1fc5-71a4-4f7b-9aca-3b9a503104a0'))
)
$Stub.HotFixes = @([pscustomobject]@{ HotFixID = 'KB0000003'; Description = 'Security Update'; InstalledOn = [datetime]::new(2026, 7, 14, 22, 0, 0, $utc) })

# --- Management: not enrolled (the Enrollments key holds only its bookkeeping subkeys), not joined.
foreach ($k in @('Context', 'Ownership', 'Status', 'ValidNodePaths')) { $Stub.Registry["HKLM\SOFTWARE\Microsoft\Enrollments\$k"] = [ordered]@{} }
$Stub.Native['dsregcmd.exe /status'] = @{ exit = 0; text = (StubDsregcmd -Device $pc) }

# --- Browsers: the files are bob's real home (machine-homes.ts); his Chrome app shortcut points to WhatsApp Web.
$Stub.Com['WScript.Shell'] = StubShell @{
  'WhatsApp Web.lnk' = @{ TargetPath = 'C:\Program Files\Google\Chrome\Application\chrome_proxy.exe'; Arguments = '--profile-directory=Default --app-id=hnpfjngllnobngcgfapefoaidbinmjnm' }
}
