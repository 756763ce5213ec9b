/**
 * Parsers for the Chromium family's JSON profile files (pure; the text comes from the checked
 * machine and is only parsed). Facts from chromium/chromium as cited in
 * /work/shared/reference/app-metadata.md §6.2–6.3, checked on files Chromium 156 wrote here
 * (fixtures/chromium-156/, see its README).
 */
import { originOfPattern } from './origin.js';
import type { SitePermission } from './shapes.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

type JsonRecord = Record<string, unknown>;
const isRecord = (v: unknown): v is JsonRecord => typeof v === 'object' && v !== null && !Array.isArray(v);

const parseObject = (text: string, what: string): Parsed<JsonRecord> => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `${what} is not JSON (${error instanceof Error ? error.message : String(error)}); it may have been being rewritten` };
  }
  return isRecord(value) ? { ok: true, value } : { ok: false, reason: `${what} is not a JSON object` };
};

/**
 * `Local State` → profile directory name → the name the browser shows (`profile.info_cache.<dir>.name`,
 * `chrome/common/pref_names.h` kProfileInfoCache; `profile_attributes_entry.cc`).
 */
export const parseLocalState = (text: string): Parsed<Map<string, string | null>> => {
  const parsed = parseObject(text, 'Local State');
  if (!parsed.ok) return parsed;
  const profiles = new Map<string, string | null>();
  const profile = parsed.value.profile;
  const cache = isRecord(profile) ? profile.info_cache : undefined;
  if (!isRecord(cache)) return { ok: true, value: profiles };
  for (const [dir, entry] of Object.entries(cache)) {
    if (!isSafeProfileDir(dir)) continue;
    const name = isRecord(entry) && typeof entry.name === 'string' && entry.name !== '' ? entry.name : null;
    profiles.set(dir, name);
  }
  return { ok: true, value: profiles };
};

/** A profile directory name read from a file is used in a path: one plain segment only. */
export const isSafeProfileDir = (dir: string): boolean => dir !== '' && dir !== '.' && dir !== '..' && !/[/\\\0]/.test(dir);

/**
 * Content-setting types read (`profile.content_settings.exceptions.<type>`), and the names charter
 * gives them (`components/content_settings/core/browser/content_settings_registry.cc`).
 */
export const permissionTypes: Readonly<Record<string, string>> = {
  notifications: 'notifications',
  media_stream_camera: 'camera',
  media_stream_mic: 'microphone',
};

/** ContentSetting values (`components/content_settings/core/common/content_settings.h`). */
const settings: Readonly<Record<number, SitePermission['setting']>> = { 1: 'allow', 2: 'block', 3: 'ask', 4: 'session' };

export type PermissionEntry = Pick<SitePermission, 'origin' | 'permission' | 'setting'>;

/**
 * `Preferences` → the site exceptions of the permission types above. A key is
 * `"<primary pattern>,<secondary pattern>"` (CreatePatternString); the origin is the primary
 * pattern's, default port removed. Patterns that are not web origins, and settings other than
 * allow/block/ask/session (0 default, 5 detect), are left out.
 */
export const parsePreferencesPermissions = (text: string): Parsed<PermissionEntry[]> => {
  const parsed = parseObject(text, 'Preferences');
  if (!parsed.ok) return parsed;
  const profile = parsed.value.profile;
  const contentSettings = isRecord(profile) ? profile.content_settings : undefined;
  const exceptions = isRecord(contentSettings) ? contentSettings.exceptions : undefined;
  const entries: PermissionEntry[] = [];
  if (!isRecord(exceptions)) return { ok: true, value: entries };
  for (const [type, permission] of Object.entries(permissionTypes)) {
    const byPattern = exceptions[type];
    if (!isRecord(byPattern)) continue;
    for (const [key, value] of Object.entries(byPattern)) {
      const primary = key.split(',')[0] ?? '';
      const origin = originOfPattern(primary);
      const setting = isRecord(value) && typeof value.setting === 'number' ? settings[value.setting] : undefined;
      if (origin === null || setting === undefined) continue;
      entries.push({ origin, permission, setting });
    }
  }
  return { ok: true, value: entries };
};
