/**
 * installed-apps on Windows: the Uninstall keys (HKLM 64-bit view, HKLM WOW6432Node, and every
 * loaded user hive under HKEY_USERS) and the AppX/MSIX packages of all users (Get-AppxPackage
 * -AllUsers needs an administrator; otherwise the current user's packages only, and it says so).
 */
import type { Host } from '../../hosts/host.js';
import type { Json, ProbeOutcome } from '../../model.js';
import { booleanOf, isObject, stringOf } from '../../platform/windows/json.js';
import { psScript, runPowerShell } from '../../platform/windows/powershell.js';
import { psLoadedUserHives } from '../../platform/windows/registry.js';
import { failed, ok, unsupported, type ProbeContext } from '../probe.js';
import { allSchemes, windowsNoMetadata } from './declared-sources.js';
import { appxApps, byAppOrder, uninstallApps, type WindowsApp } from './windows-parse.js';

export const windowsUninstallScript = psScript(`
${psLoadedUserHives}
$roots = @(
  @{ root = 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall'; hive = 'HKLM'; sid = $null; user = $null },
  @{ root = 'HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall'; hive = 'HKLM-WOW6432Node'; sid = $null; user = $null }
)
foreach ($h in $hives) { $roots += @{ root = "Registry::HKEY_USERS\\$($h.sid)\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall"; hive = 'HKU'; sid = $h.sid; user = $h.user } }
$r = @(foreach ($x in $roots) {
  foreach ($k in Get-ChildItem -LiteralPath $x.root -ErrorAction SilentlyContinue) {
    [pscustomobject]@{
      root = $x.hive; sid = $x.sid; user = $x.user; key = $k.PSChildName
      DisplayName = $k.GetValue('DisplayName'); DisplayVersion = $k.GetValue('DisplayVersion'); Publisher = $k.GetValue('Publisher')
      InstallLocation = $k.GetValue('InstallLocation'); SystemComponent = $k.GetValue('SystemComponent'); ParentKeyName = $k.GetValue('ParentKeyName')
    }
  }
})`);

export const windowsAppxScript = psScript(`
$all = $true; $note = $null
try { $packages = @(Get-AppxPackage -AllUsers) } catch { $all = $false; $note = $_.Exception.Message; $packages = @(Get-AppxPackage) }
$r = [ordered]@{
  allUsers = $all; currentUser = $env:USERNAME; note = $note
  packages = @(foreach ($p in $packages) {
    [pscustomobject]@{
      Name = $p.Name; PackageFamilyName = $p.PackageFamilyName; PackageFullName = $p.PackageFullName; Version = [string]$p.Version
      InstallLocation = $p.InstallLocation; IsFramework = $p.IsFramework
      Users = @(foreach ($u in $p.PackageUserInformation) { [pscustomobject]@{ user = [string]$u.UserSecurityId.Username; sid = [string]$u.UserSecurityId.Sid; state = [string]$u.InstallState } })
    }
  })
}`);

type SourceReport = { source: string; status: 'ok' | 'absent' | 'error'; detail: string };

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const readAppx = (value: Json): { apps: WindowsApp[]; detail: string } => {
  const o = isObject(value) ? value : { packages: value };
  const allUsers = booleanOf(o.allUsers ?? null) !== false;
  const currentUser = stringOf(o.currentUser);
  const apps = appxApps(o.packages ?? null, allUsers ? null : currentUser);
  const scope = allUsers
    ? 'Get-AppxPackage -AllUsers'
    : `Get-AppxPackage for ${currentUser ?? 'the current user'} only (-AllUsers needs an administrator: ${stringOf(o.note) ?? 'refused'})`;
  return { apps, detail: `${plural(apps.length, 'package entry', 'package entries')} from ${scope}; framework packages left out` };
};

export const collectWindows = async (host: Host, context: ProbeContext): Promise<ProbeOutcome> => {
  if (!context.capabilities.exec) return unsupported('on Windows installed applications are read through PowerShell, which cannot run on this target');
  const [uninstall, appx] = await Promise.all([
    runPowerShell(host, 'Uninstall registry keys', windowsUninstallScript),
    runPowerShell(host, 'Get-AppxPackage', windowsAppxScript),
  ]);
  const apps: WindowsApp[] = [];
  const sources: SourceReport[] = [];
  if (uninstall.ok) {
    const found = uninstallApps(uninstall.value);
    apps.push(...found);
    sources.push({
      source: 'windows-uninstall',
      status: 'ok',
      detail: `${plural(found.length, 'entry', 'entries')} from HKLM, HKLM\\WOW6432Node and the loaded user hives (hidden system components, updates and entries without DisplayName left out)`,
    });
  } else sources.push({ source: 'windows-uninstall', status: 'error', detail: uninstall.reason });
  if (appx.ok) {
    const found = readAppx(appx.value);
    apps.push(...found.apps);
    sources.push({ source: 'appx', status: 'ok', detail: found.detail });
  } else sources.push({ source: 'appx', status: 'error', detail: appx.reason });
  if (!uninstall.ok && !appx.ok) return failed(`no source could be read: ${uninstall.reason}; ${appx.reason}`);
  apps.sort(byAppOrder);
  // Neither AppX manifests nor Uninstall keys declare a category (app-metadata.md §5): nothing is collected.
  const metadataSources = allSchemes([], () => windowsNoMetadata).map((m) => ({ ...m }));
  return ok({ apps: apps.map((a) => ({ ...a })), sources, count: apps.length, metadataSources });
};
