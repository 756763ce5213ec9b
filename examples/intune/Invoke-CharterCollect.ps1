<#
.SYNOPSIS
  Runs `charter.exe collect` on this Windows machine and puts the snapshot where the auditor
  collects snapshots (a file share, or a local folder another tool picks up).

.DESCRIPTION
  For Microsoft Intune, as a platform script (Devices > Scripts and remediations > Platform scripts)
  or as the detection script of a remediation run on a schedule. Runs as SYSTEM, in 64-bit
  PowerShell. Windows PowerShell 5.1 compatible.

  1. `charter.exe collect --redact --output <temporary file>` (host and user names replaced by
     stable pseudonyms; read-only, no network of its own);
  2. the snapshot is copied to `<Destination>\<Name>.json` (with -Group, to
     `<Destination>\<Group>\<Name>.json`) as `<Name>.json.partial` and then renamed, so the
     auditor never reads half a file; the temporary file is removed.

  With -Group, `--group <Group>` is passed to collect too, so that the snapshot names its group
  (its `group` field) wherever it is copied later; `charter audit <Destination>` reads the snapshots
  of every group folder below it and reports each rule's failures per group.

  Exit codes (what Intune reports):
    0  the snapshot was delivered (also when charter's collect exited 3: written, but some probes
       could not see everything; the snapshot lists them under "incomplete", the audit shows them);
    1  no snapshot was delivered: charter.exe missing, collect failed (its exit code 2), or the copy
       to the destination failed. A platform script is then reported as failed; a remediation's
       detection script as "with issues". The last line printed says why.

.PARAMETER CharterPath
  charter.exe, the single executable from `npm run package` (release/charter-win-x64.exe), deployed
  e.g. as a Win32 app.

.PARAMETER Destination
  Where snapshots are collected: a share the computer accounts may write to
  (e.g. \\files.example.lu\charter$\snapshots), or a local folder.

.PARAMETER Name
  File name of the snapshot, without .json: by default the computer name.

.PARAMETER Group
  The group (ministry, department) of the machines the script is assigned to, e.g. `MinFin` or
  `MinFin/Treasury` (`/` nests groups): the snapshot goes to that folder under -Destination and
  carries the group. Empty by default (no group). Intune passes no parameters: give each device
  group its own copy of the script with this default edited.
#>
param(
  [string]$CharterPath = (Join-Path $env:ProgramFiles 'charter\charter.exe'),
  [string]$Destination = (Join-Path $env:ProgramData 'charter\snapshots'),
  [string]$Name = [Environment]::MachineName,
  [string]$Group = ''
)

$ErrorActionPreference = 'Stop'

function Finish([int]$code, [string]$message) {
  # Intune shows the last line of the output in its report.
  Write-Output $message
  exit $code
}

if (-not (Test-Path -LiteralPath $CharterPath -PathType Leaf)) { Finish 1 "charter not found at $CharterPath" }
if ($Name -notmatch '^[A-Za-z0-9][A-Za-z0-9._-]*$') { Finish 1 "unusable snapshot name '$Name'" }
# Names of folders under the destination: no `..`, no drive, no backslash.
if ($Group -ne '' -and $Group -notmatch '^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*$') { Finish 1 "unusable group name '$Group'" }
$folder = $Destination
foreach ($part in @($Group -split '/' | Where-Object { $_ -ne '' })) { $folder = Join-Path $folder $part }
$collectArgs = @('collect', '--redact', '--output')

$work = Join-Path ([IO.Path]::GetTempPath()) ('charter-' + [guid]::NewGuid().ToString('N'))
$null = New-Item -ItemType Directory -Path $work
$snapshot = Join-Path $work "$Name.json"
try {
  if ($Group -ne '') { & $CharterPath @collectArgs $snapshot --group $Group } else { & $CharterPath @collectArgs $snapshot }
  $collectExit = $LASTEXITCODE
  if (($collectExit -ne 0 -and $collectExit -ne 3) -or -not (Test-Path -LiteralPath $snapshot -PathType Leaf)) {
    Finish 1 "charter collect failed with exit code $collectExit; no snapshot delivered"
  }
  try {
    if (-not (Test-Path -LiteralPath $folder -PathType Container)) { $null = New-Item -ItemType Directory -Path $folder -Force }
    $partial = Join-Path $folder "$Name.json.partial"
    $final = Join-Path $folder "$Name.json"
    Copy-Item -LiteralPath $snapshot -Destination $partial -Force
    Move-Item -LiteralPath $partial -Destination $final -Force
  } catch {
    Finish 1 "snapshot written but not delivered to ${Destination}: $($_.Exception.Message)"
  }
  if ($collectExit -eq 3) { Finish 0 "snapshot delivered to $final (incomplete: some probes could not see everything, listed in the snapshot)" }
  Finish 0 "snapshot delivered to $final"
} finally {
  Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
