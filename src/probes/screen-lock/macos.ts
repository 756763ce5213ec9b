/**
 * screen-lock on macOS, per user of /Users:
 * - idle: `idleTime` (seconds, 0 = never) of ~/Library/Preferences/ByHost/com.apple.screensaver.<HardwareUUID>.plist
 *   (what `defaults -currentHost read com.apple.screensaver idleTime` reads);
 * - password: `askForPassword` / `askForPasswordDelay` of ~/Library/Preferences/com.apple.screensaver.plist.
 *   Since macOS 10.13 the System Settings switch keeps the grace period in the keychain instead; on a
 *   running Mac `sysadminctl -screenLock status` (which reports it for the console user, the owner of
 *   /dev/console) is used for that user first;
 * - a configuration profile (payload com.apple.screensaver: idleTime, askForPassword,
 *   askForPasswordDelay) written to /Library/Managed Preferences[/<user>]/com.apple.screensaver.plist
 *   overrides both and makes the values `enforced`.
 */
import type { Host } from '../../hosts/host.js';
import type { JsonObject, ProbeOutcome } from '../../model.js';
import { listMacHomes } from '../../platform/macos/homes.js';
import { readManaged } from '../../platform/macos/managed.js';
import { boolValue, numberValue, plistDict, readPlist, type PlainDict } from '../../platform/macos/plist.js';
import { runTool } from '../../platform/macos/run.js';
import { ok, type ProbeContext } from '../probe.js';
import { judgeMacosUser, summarizeMacos, type MacosUserLock } from './macos-parse.js';
import { parseSysadminctlScreenLock } from './sysadminctl.js';

const domain = 'com.apple.screensaver';

/** The newest ByHost screensaver plist of a home (a migrated Mac may keep one per old hardware UUID). */
const byHostPlist = async (host: Host, home: string): Promise<{ path: string; dict: PlainDict | undefined } | undefined> => {
  const dir = `${home}/Library/Preferences/ByHost`;
  const names = ((await host.readDir(dir)) ?? []).filter((name) => name.startsWith(`${domain}.`) && name.endsWith('.plist'));
  if (names.length === 0) return undefined;
  const stats = await Promise.all(names.map((name) => host.stat(`${dir}/${name}`)));
  const newest = names.map((name, index) => ({ name, mtime: stats[index]?.mtimeMs ?? 0 })).sort((a, b) => b.mtime - a.mtime || (a.name < b.name ? -1 : 1))[0];
  if (newest === undefined) return undefined;
  const path = `${dir}/${newest.name}`;
  return { path, dict: plistDict(await readPlist(host, path)) };
};

const consoleSetting = async (host: Host, context: ProbeContext): Promise<{ uid: number; value: number | 'off'; line: string } | undefined> => {
  if (!context.capabilities.live || !context.capabilities.exec) return undefined;
  const consoleOwner = await host.stat('/dev/console');
  if (consoleOwner === undefined || consoleOwner.uid === 0) return undefined;
  const result = await runTool(host, 'sysadminctl', ['-screenLock', 'status']);
  if (result.spawnError !== undefined || result.timedOut) return undefined;
  const text = `${result.stderr}\n${result.stdout}`;
  const value = parseSysadminctlScreenLock(text);
  if (value === null) return undefined;
  const line =
    text
      .split(/\r?\n/)
      .find((l) => /screenLock/i.test(l))
      ?.trim() ?? '';
  return { uid: consoleOwner.uid, value, line };
};

const judgeUser = async (
  host: Host,
  user: string,
  home: string | null,
  consoleUser: { value: number | 'off'; line: string } | undefined,
): Promise<MacosUserLock> => {
  const evidence: string[] = [];
  const managed = await readManaged(host, domain, home === null ? undefined : user);
  const byHost = home === null ? undefined : await byHostPlist(host, home);
  const prefsPath = home === null ? null : `${home}/Library/Preferences/${domain}.plist`;
  const prefs = prefsPath === null ? undefined : plistDict(await readPlist(host, prefsPath));
  const managedKeys = ['idleTime', 'askForPassword', 'askForPasswordDelay'].filter((key) => managed?.dict[key] !== undefined);
  if (managed) evidence.push(`configuration profile ${managed.paths.join(', ')} sets ${managedKeys.join(', ') || 'nothing about locking'}`);

  let idleSeconds = numberValue(managed?.dict, 'idleTime');
  if (idleSeconds !== null) evidence.push(`managed idleTime = ${idleSeconds}`);
  else if (byHost) {
    idleSeconds = numberValue(byHost.dict, 'idleTime');
    evidence.push(`${byHost.path}: idleTime = ${idleSeconds ?? 'not set'}`);
  } else if (home !== null) evidence.push(`${home}/Library/Preferences/ByHost: no ${domain} preferences (idle time unknown)`);

  let askForPassword = boolValue(managed?.dict, 'askForPassword');
  let delaySeconds = numberValue(managed?.dict, 'askForPasswordDelay');
  let source: string | null = managedKeys.length > 0 ? 'managed-preferences' : null;
  if (askForPassword !== null) evidence.push(`managed askForPassword = ${askForPassword}`);
  if (delaySeconds !== null) evidence.push(`managed askForPasswordDelay = ${delaySeconds}`);
  if (consoleUser !== undefined && (askForPassword === null || delaySeconds === null)) {
    evidence.push(`sysadminctl -screenLock status (console user): ${consoleUser.line}`);
    askForPassword ??= consoleUser.value !== 'off';
    if (consoleUser.value !== 'off') delaySeconds ??= consoleUser.value;
    source ??= 'sysadminctl';
  }
  if ((askForPassword === null || delaySeconds === null) && prefs !== undefined) {
    const ask = boolValue(prefs, 'askForPassword');
    const delay = numberValue(prefs, 'askForPasswordDelay');
    if (ask !== null || delay !== null) {
      evidence.push(
        `${prefsPath ?? ''}: askForPassword = ${ask ?? 'not set'}, askForPasswordDelay = ${delay ?? 'not set'} (honoured as set by a profile or before macOS 10.13)`,
      );
      askForPassword ??= ask;
      delaySeconds ??= delay;
      source ??= 'user-preferences';
    }
  }
  if (askForPassword === null) evidence.push('whether a password is required after the screen saver is unknown');
  if (source === null && byHost?.dict !== undefined) source = 'byhost-preferences';
  return judgeMacosUser(user, { idleSeconds, askForPassword, delaySeconds, managedKeys }, source, evidence);
};

export const collectMacos = async (host: Host, context: ProbeContext): Promise<ProbeOutcome> => {
  const [homes, consoleUser] = await Promise.all([listMacHomes(host), consoleSetting(host, context)]);
  const users =
    homes.length === 0
      ? [await judgeUser(host, '*', null, undefined)]
      : await Promise.all(homes.map((home) => judgeUser(host, home.user, home.home, consoleUser?.uid === home.uid ? consoleUser : undefined)));
  const summary = summarizeMacos(users);
  const evidence = [
    homes.length === 0 ? 'no home directory under /Users: system-wide managed preferences only' : `users: ${homes.map((h) => h.user).join(', ')}`,
  ];
  const facts: JsonObject = {
    graphical: true,
    desktops: ['macos'],
    users: users.map((u): JsonObject => ({ ...u })),
    ...summary,
    evidence,
  };
  return ok(facts);
};
