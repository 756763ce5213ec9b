# Builders of the objects the Windows-only cmdlets and COM objects return, shared by the test
# scenarios (scenarios.ps1) and the fixture machines (machines/*.ps1): each gives the properties
# and types of the real object, with its source beside it. Loaded after stubs.ps1 (its enums).

# A [pscustomobject] that carries the real object's type name (as Get-CimInstance and the module
# cmdlets' objects do: PSObject.TypeNames[0]).
function StubObject([string]$typeName, [System.Collections.IDictionary]$props) {
  $o = [pscustomobject]$props; $o.PSObject.TypeNames.Insert(0, $typeName); $o
}
# A CIM instance of a root/cimv2 class (Get-CimInstance: Microsoft.Management.Infrastructure.CimInstance#root/cimv2/<class>).
function StubCim([string]$class, [System.Collections.IDictionary]$props) { StubObject "Microsoft.Management.Infrastructure.CimInstance#root/cimv2/$class" $props }

# Get-BitLockerVolume: MountPoint string, VolumeType, VolumeStatus, ProtectionStatus,
# EncryptionMethod, LockStatus enums, EncryptionPercentage single, KeyProtector list of
# BitLockerVolumeKeyProtector with KeyProtectorType (https://learn.microsoft.com/en-us/powershell/module/bitlocker/get-bitlockervolume).
function StubVolume($mount, $type, $status, $protection, $method, [single]$pct, $protectors) {
  StubObject 'Microsoft.BitLocker.Structures.BitLockerVolume' ([ordered]@{
      MountPoint = $mount; VolumeType = [StubVolumeType]$type; VolumeStatus = [StubVolumeStatus]$status; ProtectionStatus = [StubProtectionStatus]$protection
      EncryptionMethod = [StubEncryptionMethod]$method; EncryptionPercentage = $pct; LockStatus = [StubLockStatus]::Unlocked
      KeyProtector = @(foreach ($p in $protectors) { [pscustomobject]@{ KeyProtectorId = '{0B7A7E37-0000-0000-0000-000000000000}'; KeyProtectorType = [StubKeyProtectorType]$p } })
    })
}

# Get-NetFirewallProfile: Name string, Enabled GpoBoolean, DefaultInboundAction/DefaultOutboundAction Action
# (https://learn.microsoft.com/en-us/powershell/module/netsecurity/get-netfirewallprofile).
function StubFw($name, $enabled, $in, $out) {
  StubObject 'Microsoft.Management.Infrastructure.CimInstance#root/standardcimv2/MSFT_NetFirewallProfile' ([ordered]@{ Name = $name; Enabled = [StubGpoBoolean]$enabled; DefaultInboundAction = [StubFwAction]$in; DefaultOutboundAction = [StubFwAction]$out })
}

# Get-Service: Status ServiceControllerStatus, StartType ServiceStartMode.
function StubService($status, $start) { [pscustomobject]@{ Status = [StubServiceStatus]$status; StartType = [StubStartMode]$start } }

# Get-NetTCPConnection / Get-NetUDPEndpoint: LocalAddress string, LocalPort uint16, OwningProcess uint32
# (https://learn.microsoft.com/en-us/powershell/module/nettcpip/get-nettcpconnection).
function StubSock($addr, $port, $owner) { [pscustomobject]@{ LocalAddress = $addr; LocalPort = [uint16]$port; OwningProcess = [uint32]$owner } }

# Get-Process: Id int, ProcessName string (the image name without .exe), UserName string (with
# -IncludeUserName, administrators only; empty for some system processes)
# (https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.management/get-process).
function StubProcess([int]$id, [string]$name, $user) { [pscustomobject]@{ Id = $id; ProcessName = $name; UserName = $user } }

# Win32_Process: ProcessId uint32, Name string (the image name), ExecutablePath string (null for
# protected processes) (https://learn.microsoft.com/en-us/windows/win32/cimwin32prov/win32-process).
function StubWin32Process([uint32]$id, [string]$name, $path) { StubCim 'Win32_Process' ([ordered]@{ ProcessId = $id; Name = $name; ExecutablePath = $path }) }

# Get-AppxPackage: Name, PackageFamilyName, PackageFullName (name_version_arch__publisherId),
# InstallLocation strings, Version, IsFramework bool, PackageUserInformation list of
# { UserSecurityId { Username, Sid }, InstallState } (https://learn.microsoft.com/en-us/powershell/module/appx/get-appxpackage).
# $users: pairs (user name, SID); a package staged for no user has none.
function StubAppx($name, $family, $version, $users, [bool]$framework = $false) {
  $full = "$($name)_$($version)_x64__$(($family -split '_')[-1])"
  StubObject 'Microsoft.Windows.Appx.PackageManager.Commands.AppxPackage' ([ordered]@{
      Name = $name; PackageFamilyName = $family; PackageFullName = $full; Version = $version
      InstallLocation = "C:\Program Files\WindowsApps\$full"; IsFramework = $framework
      PackageUserInformation = @(foreach ($u in $users) { [pscustomobject]@{ UserSecurityId = [pscustomobject]@{ Username = $u[0]; Sid = $u[1] }; InstallState = [StubPackageInstallState]::Installed } })
    })
}

# Microsoft.Update.AutoUpdate: Settings.NotificationLevel int, Results.LastSearchSuccessDate /
# LastInstallationSuccessDate DATE (https://learn.microsoft.com/en-us/windows/win32/api/wuapi/nn-wuapi-iautomaticupdatesresults).
function StubAutoUpdate([int]$level, $lastSearch, $lastInstall) {
  [pscustomobject]@{ Settings = [pscustomobject]@{ NotificationLevel = $level }; Results = [pscustomobject]@{ LastSearchSuccessDate = $lastSearch; LastInstallationSuccessDate = $lastInstall } }
}
# A QueryHistory entry: Date DATE, Title string, Operation and ResultCode enums
# (https://learn.microsoft.com/en-us/windows/win32/api/wuapi/nn-wuapi-iupdatehistoryentry;
# ResultCode: https://learn.microsoft.com/en-us/previous-versions/windows/desktop/aa386473(v=vs.85)).
function StubHistory($date, [string]$title, [int]$operation, [int]$result) { [pscustomobject]@{ Date = $date; Title = $title; Operation = $operation; ResultCode = $result } }
# An IUpdate a search answers: Title string, KBArticleIDs strings, MsrcSeverity string, Categories with
# CategoryID (https://learn.microsoft.com/en-us/windows/win32/api/wuapi/nn-wuapi-iupdate).
function StubUpdate([string]$title, [string[]]$kb, $severity, [string[]]$categories) {
  [pscustomobject]@{ Title = $title; KBArticleIDs = @($kb); MsrcSeverity = $severity; Categories = @(foreach ($c in $categories) { [pscustomobject]@{ CategoryID = $c } }) }
}
# Microsoft.Update.Session's searcher: Search (criteria string; Online bool:
# https://learn.microsoft.com/en-us/windows/win32/api/wuapi/nn-wuapi-iupdatesearcher) answers the
# pending updates, and throws if asked to go online: a check must never search online.
# GetTotalHistoryCount and QueryHistory(start, count) answer the history.
function StubUpdateSession($history, $pending) {
  $searcher = [pscustomobject]@{ History = @($history); Online = $true; Pending = @($pending) }
  $searcher | Add-Member -MemberType ScriptMethod -Name Search -Value { param($criteria) if ($this.Online) { throw 'stub: the searcher was asked to go online' }; [pscustomobject]@{ Updates = @($this.Pending) } }
  $searcher | Add-Member -MemberType ScriptMethod -Name GetTotalHistoryCount -Value { @($this.History).Count }
  $searcher | Add-Member -MemberType ScriptMethod -Name QueryHistory -Value { param($start, $count) , @($this.History | Select-Object -Skip $start -First $count) }
  $session = [pscustomobject]@{ Searcher = $searcher }
  $session | Add-Member -MemberType ScriptMethod -Name CreateUpdateSearcher -Value { $this.Searcher }
  $session
}

# WScript.Shell CreateShortcut: TargetPath, Arguments strings
# (CreateShortcut: https://learn.microsoft.com/en-us/previous-versions/xsy6k3ys(v=vs.85);
# Arguments: https://learn.microsoft.com/en-us/previous-versions/yf7kaky2(v=vs.80)). The .lnk files
# are real (empty) files in the homes; what each points to is looked up by its file name in $links
# (file name -> @{ TargetPath; Arguments }).
function StubShell([System.Collections.IDictionary]$links) {
  $shell = [pscustomobject]@{ Links = $links }
  $shell | Add-Member -MemberType ScriptMethod -Name CreateShortcut -Value {
    param($p)
    $l = $this.Links[(Split-Path -Leaf $p)]
    if ($null -eq $l) { throw "stub: no shortcut $p" }
    [pscustomobject]@{ TargetPath = $l.TargetPath; Arguments = $l.Arguments }
  }
  $shell
}

# Get-ScheduledTask: TaskName string; Get-ScheduledTaskInfo (stubs.ps1 answers the task's StubInfo):
# LastRunTime datetime, LastTaskResult uint32 (https://learn.microsoft.com/en-us/powershell/module/scheduledtasks/get-scheduledtaskinfo).
function StubTask([string]$name, $lastRun, [uint32]$lastResult) {
  [pscustomobject]@{ TaskName = $name; StubInfo = [pscustomobject]@{ LastRunTime = $lastRun; LastTaskResult = $lastResult } }
}

# The queries of a powercfg capture that holds several printed one after the other (each starts
# with "Power Scheme GUID"), in order.
function StubPowercfgQueries([string]$text) { @($text -split '(?m)^(?=Power Scheme GUID)' | Where-Object { $_.Trim() }) }

# `dsregcmd /status`: the Device State, Tenant Details (for an Entra ID joined device) and User
# State sections, as Microsoft Learn shows them ("Troubleshoot devices by using the dsregcmd
# command": https://learn.microsoft.com/en-us/entra/identity/devices/troubleshoot-device-dsregcmd).
# CRLF line ends, as Windows prints them.
function StubDsregcmd([string]$Device, [string]$Tenant, [string]$MdmUrl) {
  $joined = [bool]$Tenant
  $rule = '+----------------------------------------------------------------------+'
  $lines = @($rule, '| Device State                                                         |', $rule, '',
    "             AzureAdJoined : $(if ($joined) { 'YES' } else { 'NO' })", '          EnterpriseJoined : NO', '              DomainJoined : NO',
    "               Device Name : $Device", '')
  if ($joined) {
    $lines += @($rule, '| Tenant Details                                                       |', $rule, '',
      "                TenantName : $Tenant", '                  TenantId : 6f1c2a7e-0000-4000-8000-000000000000', "                    MdmUrl : $MdmUrl", '')
  }
  $lines += @($rule, '| User State                                                           |', $rule, '',
    "                    NgcSet : $(if ($joined) { 'YES' } else { 'NO' })", '           WorkplaceJoined : NO', '',
    'For more information, please visit https://www.microsoft.com/aadjerrors')
  $lines -join "`r`n"
}
