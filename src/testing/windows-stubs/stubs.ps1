# Stand-ins for the Windows-only cmdlets, COM objects, registry and native programs that charter's
# PowerShell scripts call, so that each script can be run for real under PowerShell 7 on Linux
# (src/platform/windows/powershell-run.test.ts; src/testing/windows-fixtures.ts, which makes the Windows
# fixtures from these runs). Prepended to a script by stub-host.ts, after `$StubScenario` (the stub
# set: typical | one | empty, or a fixture machine's name) and `$StubHomes` (a directory of user
# homes with real files) are set; then come shapes.ps1 (the objects' builders) and the set's data,
# scenarios.ps1 or machines/<name>.ps1, which fills `$Stub`.
#
# Each stub returns objects with the types the real ones have (enums, [datetime], UInt32, nested
# objects); the source of each shape is cited beside it. Values come from `$Stub`.
# A value that is a scriptblock is invoked, so a stub can also throw like the real cmdlet
# does when access is denied. File-system paths go to the real cmdlets.

# --- Enums: ConvertTo-Json writes an enum as its number (5.1 and 7 alike); [string] gives its name.
# NetSecurity GpoBoolean / Action (Get-NetFirewallProfile, MSFT_NetFirewallProfile:
# https://learn.microsoft.com/en-us/powershell/module/netsecurity/get-netfirewallprofile).
enum StubGpoBoolean { False = 0; True = 1; NotConfigured = 2 }
enum StubFwAction { NotConfigured = 0; Allow = 2; Block = 4 }
# BitLocker volume enums (https://learn.microsoft.com/en-us/powershell/module/bitlocker/get-bitlockervolume;
# numbers as Win32_EncryptableVolume GetConversionStatus / GetProtectionStatus / GetEncryptionMethod:
# https://learn.microsoft.com/en-us/windows/win32/secprov/getprotectionstatus-win32-encryptablevolume).
enum StubVolumeType { OperatingSystem = 0; Data = 1 }
enum StubVolumeStatus { FullyDecrypted = 0; FullyEncrypted = 1; EncryptionInProgress = 2; DecryptionInProgress = 3; EncryptionSuspended = 4; DecryptionSuspended = 5 }
enum StubProtectionStatus { Off = 0; On = 1; Unknown = 2 }
enum StubEncryptionMethod { None = 0; Aes128Diffuser = 1; Aes256Diffuser = 2; Aes128 = 3; Aes256 = 4; Hardware = 5; XtsAes128 = 6; XtsAes256 = 7 }
enum StubLockStatus { Unlocked = 0; Locked = 1 }
enum StubKeyProtectorType { Unknown = 0; Tpm = 1; ExternalKey = 2; RecoveryPassword = 3; TpmPin = 4; TpmStartupKey = 5; TpmPinStartupKey = 6; PublicKey = 7; Password = 8; TpmNetworkKey = 9; AdAccountOrGroup = 10 }
# System.ServiceProcess.ServiceControllerStatus / ServiceStartMode (Get-Service:
# https://learn.microsoft.com/en-us/dotnet/api/system.serviceprocess.servicecontrollerstatus).
enum StubServiceStatus { Stopped = 1; StartPending = 2; StopPending = 3; Running = 4; ContinuePending = 5; PausePending = 6; Paused = 7 }
enum StubStartMode { Boot = 0; System = 1; Automatic = 2; Manual = 3; Disabled = 4 }
# Windows.Management.Deployment.PackageInstallState (Get-AppxPackage PackageUserInformation:
# https://learn.microsoft.com/en-us/uwp/api/windows.management.deployment.packageinstallstate).
enum StubPackageInstallState { NotInstalled = 0; Staged = 1; Installed = 2; Paused = 6 }

function StubValue($v) { if ($v -is [scriptblock]) { & $v } else { $v } }
function StubQuiet($ea) { $null -ne $ea -and [string]$ea -in @('SilentlyContinue', 'Ignore') }

# --- Registry: keys of $Stub.Registry are 'HKLM\...', 'HKCU\...', 'HKU\...'; values an ordered
# hashtable name -> value, typed as RegistryKey.GetValue returns them: REG_SZ [string], REG_DWORD
# [int], REG_QWORD [long], REG_MULTI_SZ [string[]], REG_BINARY [byte[]]
# (https://learn.microsoft.com/en-us/dotnet/api/microsoft.win32.registrykey.getvalue).
# A key whose value is a scriptblock throws when read (access denied).
class StubKey {
  [string]$PSChildName
  [string]$Name
  [string]$PSPath
  hidden [System.Collections.IDictionary]$Values
  StubKey([string]$path, [System.Collections.IDictionary]$values) {
    $this.Name = $path; $this.PSChildName = ($path -split '\\')[-1]; $this.PSPath = "Microsoft.PowerShell.Core\Registry::$path"; $this.Values = $values
  }
  [string[]] GetValueNames() { return [string[]]@($this.Values.Keys) }
  [object] GetValue([string]$n) { if ($this.Values.Contains($n)) { return $this.Values[$n] }; return $null }
  [object] GetValue([string]$n, [object]$default, [object]$options) { if ($this.Values.Contains($n)) { return $this.Values[$n] }; return $default }
}

function StubRegPath([string]$Path) {
  $p = $Path -replace '^Microsoft\.PowerShell\.Core\\', ''
  $p = $p -replace '^Registry::', ''
  $p = $p -replace '^HKEY_LOCAL_MACHINE', 'HKLM' -replace '^HKEY_CURRENT_USER', 'HKCU' -replace '^HKEY_USERS', 'HKU'
  $p = $p -replace '^(HKLM|HKCU):', '$1'
  if ($p -match '^(HKLM|HKCU|HKU)(\\|$)') { return $p.TrimEnd('\') }
  return $null
}
function StubRegExists([string]$key) {
  if ($key -in @('HKLM', 'HKCU', 'HKU')) { return $true }
  foreach ($k in $Stub.Registry.Keys) { if ($k -eq $key -or $k.StartsWith("$key\", [StringComparison]::OrdinalIgnoreCase)) { return $true } }
  return $false
}
function StubRegKey([string]$key) {
  $v = $Stub.Registry[$key]
  if ($v -is [scriptblock]) { & $v }
  if ($null -eq $v) { $v = [ordered]@{} }
  [StubKey]::new($key, $v)
}
function StubRegChildren([string]$key) {
  $names = [ordered]@{}
  foreach ($k in $Stub.Registry.Keys) {
    if ($k.StartsWith("$key\", [StringComparison]::OrdinalIgnoreCase)) { $names[($k.Substring($key.Length + 1) -split '\\')[0]] = $true }
  }
  foreach ($n in $names.Keys) { StubRegKey "$key\$n" }
}

function Get-Item {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [switch]$Force)
  $target = @($LiteralPath) + @($Path) | Where-Object { $_ } | Select-Object -First 1
  $key = StubRegPath $target
  if ($null -eq $key) { return Microsoft.PowerShell.Management\Get-Item @PSBoundParameters }
  if (StubRegExists $key) { return StubRegKey $key }
  if (StubQuiet $PSBoundParameters['ErrorAction']) { return }
  throw [System.Management.Automation.ItemNotFoundException]::new("Cannot find path '$target' because it does not exist.")
}

function Get-ChildItem {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [switch]$Force, [switch]$Directory, [switch]$File)
  $target = @($LiteralPath) + @($Path) | Where-Object { $_ } | Select-Object -First 1
  $key = StubRegPath $target
  if ($null -eq $key) { return Microsoft.PowerShell.Management\Get-ChildItem @PSBoundParameters }
  if (StubRegExists $key) { return StubRegChildren $key }
  if (StubQuiet $PSBoundParameters['ErrorAction']) { return }
  throw [System.Management.Automation.ItemNotFoundException]::new("Cannot find path '$target' because it does not exist.")
}

function Test-Path {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [string]$PathType)
  $target = @($LiteralPath) + @($Path) | Where-Object { $_ } | Select-Object -First 1
  $key = StubRegPath $target
  if ($null -eq $key) { return Microsoft.PowerShell.Management\Test-Path @PSBoundParameters }
  StubRegExists $key
}

# --- CIM classes: $Stub.Cim['Win32_...'] holds the instances (or a scriptblock that throws).
# Property types from the classes' MOF on Microsoft Learn, cited in scenarios.ps1.
function Get-CimInstance {
  [CmdletBinding()]
  param([string]$ClassName, [string]$Namespace, [string]$Filter)
  if (-not $Stub.Cim.Contains($ClassName)) { throw [Microsoft.Management.Infrastructure.CimException]::new("Invalid class $ClassName") }
  foreach ($o in @(StubValue $Stub.Cim[$ClassName])) { if ($null -ne $o) { $o } }
}

function StubList([string]$name) { foreach ($o in @(StubValue $Stub[$name])) { if ($null -ne $o) { $o } } }

function Get-BitLockerVolume { [CmdletBinding()] param([string[]]$MountPoint) StubList 'BitLockerVolume' }
function Get-NetFirewallProfile {
  [CmdletBinding()] param([string]$PolicyStore)
  if ($PolicyStore -eq 'ActiveStore') { StubList 'FirewallActive' } else { StubList 'FirewallLocal' }
}
function Get-Service {
  [CmdletBinding()] param([string]$Name)
  $s = StubValue $Stub.Services[$Name]
  if ($null -eq $s) { throw "Cannot find any service with service name '$Name'." }
  $s
}
function Get-NetTCPConnection { [CmdletBinding()] param([string]$State) StubList 'Tcp' }
function Get-NetUDPEndpoint { [CmdletBinding()] param() StubList 'Udp' }
function Get-Process {
  [CmdletBinding()] param([switch]$IncludeUserName)
  if ($IncludeUserName -and $null -ne $Stub.ProcessOwnersDenied) { throw $Stub.ProcessOwnersDenied }
  StubList 'Processes'
}
function Get-AppxPackage {
  [CmdletBinding()] param([switch]$AllUsers)
  if ($AllUsers) { StubList 'AppxAll' } else { StubList 'AppxMine' }
}
function Get-LocalUser { [CmdletBinding()] param() StubList 'LocalUsers' }
function Get-HotFix { [CmdletBinding()] param() StubList 'HotFixes' }
function Get-ScheduledTask {
  [CmdletBinding()] param([string]$TaskPath)
  $t = $Stub.Tasks[$TaskPath]
  if ($null -eq $t) { throw "No MSFT_ScheduledTask objects found with property 'TaskPath' equal to '$TaskPath'." }
  foreach ($x in @(StubValue $t)) { $x }
}
function Get-ScheduledTaskInfo { [CmdletBinding()] param($InputObject) $InputObject.StubInfo }

# --- COM objects: the scenario's stand-ins, or the error New-Object gives where COM is unavailable.
function New-Object {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$TypeName, [Parameter(Position = 1)][object[]]$ArgumentList, [string]$ComObject, [hashtable]$Property)
  if ($ComObject) {
    $o = $Stub.Com[$ComObject]
    if ($null -eq $o) { throw "Retrieving the COM class factory for component with CLSID for $ComObject failed (stub: not provided)." }
    return (StubValue $o)
  }
  Microsoft.PowerShell.Utility\New-Object @PSBoundParameters
}

# --- Native programs (powercfg.exe, manage-bde.exe, dsregcmd.exe): a function named like the program shadows it
# (PowerShell looks functions up before applications). $Stub.Native maps the command line (program
# and arguments joined by spaces) to { text; exit }: the text is printed as lines, exit becomes
# $LASTEXITCODE. A command line the scenario does not answer exits 1 with a message on stderr, as
# the real programs do for an unknown setting or volume.
function StubNative([string]$program, [object[]]$argv) {
  $key = (@($program) + @(foreach ($a in $argv) { [string]$a })) -join ' '
  $answer = $Stub.Native[$key]
  if ($null -eq $answer) { [Console]::Error.WriteLine("${program}: stub has no answer for '$key'"); $global:LASTEXITCODE = 1; return }
  $answer = StubValue $answer
  $global:LASTEXITCODE = [int]$answer.exit
  if ($answer.text) { [string]$answer.text -split "\r?\n" }
}
function powercfg.exe { StubNative 'powercfg.exe' $args }
function manage-bde.exe { StubNative 'manage-bde.exe' $args }
function dsregcmd.exe { StubNative 'dsregcmd.exe' $args }
