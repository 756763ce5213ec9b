/**
 * Registry reading inside PowerShell scripts, and interpreting the values that come back.
 *
 * `psRegistryFunctions` defines two functions a script body can use:
 *   RegValues 'HKLM:\...'  → an ordered hashtable of the key's values (value name → data), or $null
 *                            when the key is absent or unreadable;
 *   RegKeyExists 'HKLM:\...' → $true / $false.
 * Data keep their registry types through ConvertTo-Json: REG_DWORD/QWORD as numbers, REG_SZ as
 * strings, REG_MULTI_SZ as arrays, REG_BINARY as arrays of bytes.
 * Per-user keys are read under `Registry::HKEY_USERS\<SID>` for every loaded hive (HKCU would only be
 * the user running the check); `psLoadedUserHives` lists them with their profile user names.
 */
import type { Json } from '../../model.js';
import { booleanOf, numberOf, stringOf } from './json.js';

export const psRegistryFunctions = `
function RegValues([string]$Path) {
  try {
    $k = Get-Item -LiteralPath $Path -ErrorAction Stop
    $o = [ordered]@{}
    foreach ($n in $k.GetValueNames()) { $o[$(if ($n -eq '') { '(default)' } else { $n })] = $k.GetValue($n, $null, 'DoNotExpandEnvironmentNames') }
    $o
  } catch { $null }
}
function RegKeyExists([string]$Path) { Test-Path -LiteralPath $Path }
`.trim();

/**
 * Sets `$hives`: one object per loaded user hive under HKEY_USERS whose name is a user SID
 * (S-1-5-21-…, S-1-12-1-… for Entra ID accounts; not the `_Classes` hives, not the service
 * accounts S-1-5-18/19/20), with `sid` and `user` (profile folder name, or $null).
 */
export const psLoadedUserHives = `
$profiles = @{}
try { foreach ($p in Get-CimInstance -ClassName Win32_UserProfile) { $profiles[$p.SID] = Split-Path -Leaf $p.LocalPath } } catch { }
$hives = @(foreach ($h in Get-ChildItem -LiteralPath 'Registry::HKEY_USERS' -ErrorAction SilentlyContinue) {
  $sid = $h.PSChildName
  if ($sid -match '^S-1-(5-21|12-1)-[\\d-]+$') { [pscustomobject]@{ sid = $sid; user = $profiles[$sid] } }
})
`.trim();

/** A registry flag: DWORD 1/0 or REG_SZ "1"/"0"; null when absent or anything else. */
export const regFlag = (value: Json | undefined): boolean | null => booleanOf(value ?? null);

/** A registry number: DWORD/QWORD, or a REG_SZ holding digits (ScreenSaveTimeOut is REG_SZ). */
export const regNumber = (value: Json | undefined): number | null => numberOf(value ?? null);

/** A registry string (REG_SZ/REG_EXPAND_SZ), trimmed; null when absent or empty. */
export const regString = (value: Json | undefined): string | null => stringOf(value ?? null);
