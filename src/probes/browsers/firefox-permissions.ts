/**
 * Firefox site permissions: `permissions.sqlite`, table `moz_perms(id, origin, type, permission,
 * expireType, expireTime, modificationTime)` (app-metadata.md §6.3, mozilla/gecko-dev
 * extensions/permissions/PermissionManager.cpp). Types kept: `desktop-notification` (→
 * notifications; browser/modules/SitePermissions.sys.mjs), `camera`, `microphone`. `permission`:
 * 1 ALLOW, 2 DENY, 3 PROMPT (0 UNKNOWN: no setting); `expireType` 0 NEVER, 1 SESSION, 2 TIME (until
 * `expireTime`, ms since 1970), 3 POLICY (netwerk/base/nsIPermissionManager.idl @491bc93a).
 * Observed in the fixture written by firefox-esr 153.8: rows added through Services.perms with
 * expireType 0, expireTime 0, modificationTime in ms since 1970.
 */
import type { BrowserCollection } from './collector.js';
import type { SitePermission, ProfileRef } from './shapes.js';
import type { SqliteDatabase, SqliteRead } from './sqlite.js';
import { webOrigin } from './origins.js';

const types: Readonly<Record<string, string>> = {
  'desktop-notification': 'notifications',
  camera: 'camera',
  microphone: 'microphone',
};

const settings: Readonly<Record<number, SitePermission['setting']>> = { 1: 'allow', 2: 'block', 3: 'ask' };

/** The kept permissions of one profile's database; expired timed grants are left out. */
export const readMozPerms = (db: SqliteDatabase, ref: ProfileRef, file: string, now: Date): SitePermission[] => {
  const rows = db.all(
    `SELECT origin, type, permission, expireType, expireTime FROM moz_perms WHERE type IN (${Object.keys(types)
      .map(() => '?')
      .join(', ')})`,
    Object.keys(types),
  );
  const out = new Map<string, SitePermission>();
  for (const row of rows) {
    const permission = typeof row.type === 'string' ? types[row.type] : undefined;
    const action = typeof row.permission === 'number' ? settings[row.permission] : undefined;
    const origin = typeof row.origin === 'string' ? webOrigin(row.origin) : null;
    if (permission === undefined || action === undefined || origin === null) continue;
    if (row.expireType === 2 && typeof row.expireTime === 'number' && row.expireTime > 0 && row.expireTime <= now.getTime()) continue;
    const setting: SitePermission['setting'] = row.expireType === 1 && action === 'allow' ? 'session' : action;
    const entry: SitePermission = { ...ref, origin, permission, setting, file };
    out.set(JSON.stringify([origin, permission, setting]), entry);
  }
  return [...out.values()];
};

/** Names a Firefox profile in gaps. */
export const firefoxWho = (ref: ProfileRef): string => `firefox profile ${ref.profile}${ref.user === null ? '' : ` of ${ref.user}`}`;

/** Adds what reading a profile's permissions.sqlite gave (absent: nothing) to `into`, on every platform. */
export const addMozPerms = (into: BrowserCollection, ref: ProfileRef, read: SqliteRead<SitePermission[]>): void => {
  if (read.status === 'gap') into.gaps.push({ field: 'permissions', code: read.gap.code, detail: `${firefoxWho(ref)}: ${read.gap.detail}` });
  if (read.status === 'ok') {
    into.permissions.push(...read.value);
    if (read.incomplete !== null) into.gaps.push({ field: 'permissions', code: read.incomplete.code, detail: `${firefoxWho(ref)}: ${read.incomplete.detail}` });
  }
};
