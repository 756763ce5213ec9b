/** The shapes of the `installed-apps` facts. */

export const appSources = ['dpkg', 'rpm', 'apk', 'pacman', 'flatpak', 'snap', 'desktop-file', 'appimage', 'opt-dir'] as const;
export type AppSource = (typeof appSources)[number];

/**
 * What a platform's own metadata declares about an app, kept as read (classification happens in
 * the derived `software` family, through src/probes/derived/software/metadata-table.ts). One entry per file field.
 */
export interface DeclaredMetadata {
  /** The vocabulary: freedesktop menu categories, AppStream categories, Debian tags, macOS UTIs. */
  scheme: 'freedesktop' | 'appstream' | 'debtags' | 'macos';
  /** The file the values were read from (absolute path on the target). */
  file: string;
  /** The field or element: `Categories`, `<categories>`, `Tag`, `LSApplicationCategoryType`. */
  field: string;
  /** The values as declared, e.g. ['Network', 'Chat', 'InstantMessaging'] or ['use::chatting']. */
  values: string[];
  /** Search words the same file gives (`Keywords`, `GenericName`, AppStream `<keywords>`): a second signal. */
  keywords?: string[];
}

export interface InstalledApp {
  name: string;
  version: string | null;
  source: AppSource;
  scope: 'system' | 'user';
  /** The owner of the home the app was found in; null for system-wide apps. */
  user: string | null;
  path: string | null;
  id: string | null;
  /** Platform metadata declared for this app (absent when the source declares none). */
  metadata?: DeclaredMetadata[];
}

export interface SourceReport {
  source: AppSource;
  /** `ok`: read (possibly empty); `absent`: this kind of database is not on the target; `error`: present but unreadable. */
  status: 'ok' | 'absent' | 'error';
  detail: string;
}

/** What one source contributes: its status line and its apps. */
export interface SourceResult {
  report: SourceReport;
  apps: InstalledApp[];
}

export const okResult = (source: AppSource, detail: string, apps: InstalledApp[]): SourceResult => ({
  report: { source, status: 'ok', detail },
  apps,
});

export const absentResult = (source: AppSource, detail: string): SourceResult => ({
  report: { source, status: 'absent', detail },
  apps: [],
});

export const errorResult = (source: AppSource, detail: string, apps: InstalledApp[] = []): SourceResult => ({
  report: { source, status: 'error', detail },
  apps,
});

export const systemApp = (source: AppSource, fields: { name: string; version?: string | null; path?: string | null; id?: string | null }): InstalledApp => ({
  name: fields.name,
  version: fields.version ?? null,
  source,
  scope: 'system',
  user: null,
  path: fields.path ?? null,
  id: fields.id ?? null,
});

export const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;
