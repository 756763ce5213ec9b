/**
 * Text formats around dconf: GLib key files (dconf `db/<name>.d/*` and `.gschema.override` files),
 * dconf lock lists (`db/<name>.d/locks/*`) and dconf profiles (`/etc/dconf/profile/user`).
 */
import { keyFileIni, readIni } from '../../codecs/ini.js';

export interface KeyfileEntry {
  group: string;
  key: string;
  /** The raw value text (GVariant text for dconf and override files). */
  value: string;
  line: number;
}

/**
 * GLib key file lines: `[group]`, `key=value` (spaces around `=` ignored), `#` comments.
 * Localised keys (`key[de]=`) and lines outside a group are skipped.
 */
export const parseKeyfile = (text: string): KeyfileEntry[] =>
  readIni(text, keyFileIni)
    .entries.filter((entry) => entry.group > 0 && !entry.key.includes('['))
    .map(({ section, key, value, line }) => ({ group: section, key, value, line }));

/** dconf lock files: one absolute key per line; `#` comments and other lines ignored (as dconf does). */
export const parseLocks = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('/'));

export type DconfSourceKind = 'user-db' | 'system-db' | 'file-db' | 'service-db';

export interface DconfSourceSpec {
  kind: DconfSourceKind;
  /** Database name (user-db, system-db, service-db) or absolute path (file-db). */
  name: string;
}

/**
 * A dconf profile: one source per line (`user-db:user`, `system-db:local`, `file-db:/path`,
 * `service-db:...`), `#` comments; unknown lines are ignored like dconf-engine-profile.c does.
 */
export const parseProfile = (text: string): DconfSourceSpec[] => {
  const sources: DconfSourceSpec[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const match = /^(user-db|system-db|file-db|service-db):(.+)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) sources.push({ kind: match[1] as DconfSourceKind, name: match[2] });
  }
  return sources;
};
