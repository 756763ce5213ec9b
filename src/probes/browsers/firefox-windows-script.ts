/**
 * The Firefox part of the Windows browsers script (chromium-windows.ts runs it, once per user
 * profile folder, in the same PowerShell process as the Chromium part). `FirefoxOf <home>` answers,
 * for `<home>\AppData\Roaming\Mozilla\Firefox` (firefox-profiles.ts): whether `AppData\Roaming`
 * could be listed (without administrator rights another user's cannot, and Test-Path then says
 * "absent"), the text of profiles.ini, and for every existing folder profiles.ini names (Path= and
 * [Install*] Default=, relative to the root unless rooted) or that holds prefs.js (in the root and in
 * `Profiles\`, at most `rootEntryLimit` entries each): its `permissions.sqlite` and `-wal` as base64
 * (over `limits.browserDatabaseBytes`: only the size), the first 8 bytes of a `-journal`, and whether
 * a file changed while read. Files are opened read-only with read/write/delete sharing (a running
 * Firefox keeps them open). Which folders are profiles, and what the bytes hold, is decided in
 * TypeScript by the same parsers as on Linux and macOS (firefox-windows.ts). Only run against replays.
 */
import { limits } from '../../limits.js';
import { profilesIniBytes, rootEntryLimit } from './firefox-profiles.js';

export const firefoxWindowsFunctions = `
$ffMax = ${String(limits.browserDatabaseBytes)}
$ffIniMax = ${String(profilesIniBytes)}
$ffLimit = ${String(rootEntryLimit)}
function FfOpen($p) { return [IO.File]::Open($p, [IO.FileMode]::Open, [IO.FileAccess]::Read, [IO.FileShare]'ReadWrite, Delete') }
function FfRead($p, $max, $asText) {
  if (-not (Test-Path -LiteralPath $p -PathType Leaf)) { return $null }
  try {
    $i = Get-Item -LiteralPath $p -Force; $t = $i.LastWriteTimeUtc.Ticks
    if ($i.Length -gt $max) { return [ordered]@{ size = $i.Length; error = $null; changed = $false } }
    $f = FfOpen $p
    try { $b = New-Object byte[] $i.Length; $n = 0; while ($n -lt $b.Length) { $k = $f.Read($b, $n, $b.Length - $n); if ($k -le 0) { break }; $n += $k } } finally { $f.Close() }
    $j = Get-Item -LiteralPath $p -Force
    $c = ($n -ne $b.Length -or $j.Length -ne $i.Length -or $j.LastWriteTimeUtc.Ticks -ne $t)
    if ($asText) { return [ordered]@{ size = $i.Length; text = [Text.Encoding]::UTF8.GetString($b, 0, $n); error = $null; changed = $c } }
    return [ordered]@{ size = $i.Length; b64 = [Convert]::ToBase64String($b, 0, $n); error = $null; changed = $c }
  } catch { return [ordered]@{ size = $null; error = $_.Exception.Message; changed = $false } }
}
function FfHead($p) {
  if (-not (Test-Path -LiteralPath $p -PathType Leaf)) { return $null }
  try { $f = FfOpen $p; try { $b = New-Object byte[] 8; $n = $f.Read($b, 0, 8); return [ordered]@{ head = [Convert]::ToBase64String($b, 0, $n); error = $null } } finally { $f.Close() } } catch { return [ordered]@{ head = $null; error = $_.Exception.Message } }
}
function FirefoxOf($userHome) {
  $root = Join-Path $userHome 'AppData\\Roaming\\Mozilla\\Firefox'
  $homeError = $null; try { Get-ChildItem -LiteralPath (Join-Path $userHome 'AppData\\Roaming') -Force -ErrorAction Stop | Out-Null } catch { $homeError = $_.Exception.Message }
  if (-not (Test-Path -LiteralPath $root -PathType Container)) { return [pscustomobject]@{ root = $root; homeError = $homeError; present = $false } }
  $ini = FfRead (Join-Path $root 'profiles.ini') $ffIniMax $true
  $cands = @()
  if ($ini -and $ini.text) { foreach ($line in ($ini.text -split '\\r?\\n')) { if ($line -match '^\\s*(Path|Default)\\s*=\\s*(.+?)\\s*$') { $v = $Matches[2] -replace '/', '\\'; if (-not [IO.Path]::IsPathRooted($v)) { $v = Join-Path $root ($v.Trim('\\')) }; $cands += $v.TrimEnd('\\') } } }
  $listError = $null; $truncated = $false
  foreach ($d in @($root, (Join-Path $root 'Profiles'))) {
    if (Test-Path -LiteralPath $d -PathType Container) {
      try { $all = @(Get-ChildItem -LiteralPath $d -Directory -Force -ErrorAction Stop); if ($all.Count -gt $ffLimit) { $truncated = $true }
        foreach ($e in @($all | Select-Object -First $ffLimit)) { if (Test-Path -LiteralPath (Join-Path $e.FullName 'prefs.js') -PathType Leaf) { $cands += $e.FullName } } }
      catch { $listError = $_.Exception.Message }
    } }
  $seen = @{}
  $folders = @(foreach ($c in $cands) { if (-not $seen.ContainsKey($c) -and (Test-Path -LiteralPath $c -PathType Container)) { $seen[$c] = $true; $db = Join-Path $c 'permissions.sqlite'
    [pscustomobject]@{ path = $c; db = (FfRead $db $ffMax $false); wal = (FfRead "$db-wal" $ffMax $false); journal = (FfHead "$db-journal") } } })
  [pscustomobject]@{ root = $root; homeError = $homeError; present = $true; ini = $ini; listError = $listError; truncated = $truncated; folders = $folders }
}
`;
