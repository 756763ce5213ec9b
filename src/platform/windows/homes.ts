/**
 * People's home directories on Windows, for a PowerShell script that reads in them: every user
 * profile (Win32_UserProfile) that is not a special one (system, network and local service) and has
 * a path, as `$homes`, objects with `user` (the profile folder's name) and `home` (its path).
 * The same job as ../linux/homes.ts and ../macos/homes.ts, done on the machine by the script.
 */
export const psHomes =
  '$homes = @(foreach ($p in Get-CimInstance -ClassName Win32_UserProfile) { if (-not $p.Special -and $p.LocalPath) { [pscustomobject]@{ user = Split-Path -Leaf $p.LocalPath; home = $p.LocalPath } } })';
