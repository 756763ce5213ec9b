/** Pure interpretation of the Windows installed-apps scripts' answers (Uninstall keys, Get-AppxPackage). */
import type { Json } from '../../model.js';
import { booleanOf, objectsOf, stringOf } from '../../platform/windows/json.js';

export type WindowsAppSource = 'windows-uninstall' | 'appx';

/** Same shape as the Linux entries (app.ts), with the Windows sources. */
export type WindowsApp = {
  name: string;
  version: string | null;
  source: WindowsAppSource;
  scope: 'system' | 'user';
  user: string | null;
  path: string | null;
  id: string | null;
};

/** The user part of `DOMAIN\user` or `AzureAD\user`. */
const userPart = (name: string | null): string | null => {
  if (name === null) return null;
  const part = name.split('\\').pop() ?? name;
  return part === '' ? null : part;
};

/**
 * Uninstall entries → apps. Entries without DisplayName, with SystemComponent = 1 (hidden from
 * "Installed apps"), and updates of another entry (ParentKeyName set) are left out (Microsoft Learn,
 * "Uninstall Registry Key"; probes.md §3.1).
 */
export const uninstallApps = (value: Json): WindowsApp[] => {
  const apps: WindowsApp[] = [];
  for (const entry of objectsOf(value)) {
    const name = stringOf(entry.DisplayName);
    if (name === null) continue;
    if (booleanOf(entry.SystemComponent ?? null) === true) continue;
    if (stringOf(entry.ParentKeyName) !== null) continue;
    const hive = stringOf(entry.root) ?? '';
    const perUser = hive.toUpperCase() === 'HKU';
    apps.push({
      name,
      version: stringOf(entry.DisplayVersion),
      source: 'windows-uninstall',
      scope: perUser ? 'user' : 'system',
      user: perUser ? (userPart(stringOf(entry.user)) ?? stringOf(entry.sid)) : null,
      path: stringOf(entry.InstallLocation),
      id: stringOf(entry.key),
    });
  }
  return apps;
};

/**
 * Get-AppxPackage objects → apps: one entry per user the package is installed for (from
 * PackageUserInformation with -AllUsers), or one `system` entry when no user is named. Framework
 * packages (runtimes such as VCLibs) are left out. `currentUser` is set when the listing is of the
 * current user only (plain Get-AppxPackage, without -AllUsers): every package is then theirs.
 */
export const appxApps = (value: Json, currentUser: string | null): WindowsApp[] => {
  const apps: WindowsApp[] = [];
  for (const p of objectsOf(value)) {
    const name = stringOf(p.Name);
    if (name === null) continue;
    if (booleanOf(p.IsFramework ?? null) === true) continue;
    const base = {
      name,
      version: stringOf(p.Version),
      source: 'appx' as const,
      path: stringOf(p.InstallLocation),
      id: stringOf(p.PackageFamilyName) ?? stringOf(p.PackageFullName),
    };
    const users = objectsOf(p.Users)
      .filter((u) => {
        const state = stringOf(u.state);
        return state === null || /^installed$/i.test(state) || state === '1';
      })
      .map((u) => userPart(stringOf(u.user)) ?? stringOf(u.sid))
      .filter((u): u is string => u !== null);
    const unique = [...new Set(users.length > 0 ? users : currentUser !== null ? [currentUser] : [])];
    if (unique.length === 0) apps.push({ ...base, scope: 'system', user: null });
    for (const user of unique) apps.push({ ...base, scope: 'user', user });
  }
  return apps;
};

const compare = (a: string | null, b: string | null): number => {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
};

const order: readonly WindowsAppSource[] = ['windows-uninstall', 'appx'];

export const byAppOrder = (a: WindowsApp, b: WindowsApp): number =>
  order.indexOf(a.source) - order.indexOf(b.source) || compare(a.name, b.name) || compare(a.user, b.user) || compare(a.id, b.id) || compare(a.path, b.path);
