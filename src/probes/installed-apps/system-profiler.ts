/**
 * `system_profiler -json SPApplicationsDataType`: every application Launch Services and Spotlight
 * know of, wherever it lies (Downloads, a disk image, /opt), with where it came from
 * (`obtained_from`: apple, mac_app_store, identified_developer, unknown) and its signing chain.
 * Slow (tens of seconds) and live only; it finds apps outside the folders the bundle scan reads.
 */

export interface ProfiledApp {
  name: string;
  path: string;
  version: string | null;
  obtainedFrom: string | null;
  /** The leaf of `signed_by`, e.g. `Developer ID Application: Org (TEAMID)`. */
  signedBy: string | null;
  lastModified: string | null;
}

export type ProfiledApps = { status: 'ok'; apps: ProfiledApp[]; skipped: number } | { status: 'error'; reason: string };

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

export const parseSystemProfilerApps = (json: string): ProfiledApps => {
  let value: unknown;
  try {
    value = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { status: 'error', reason: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const list = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>).SPApplicationsDataType : undefined;
  if (!Array.isArray(list)) return { status: 'error', reason: 'no SPApplicationsDataType list' };
  const apps: ProfiledApp[] = [];
  let skipped = 0;
  for (const entry of list as unknown[]) {
    const item = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
    const path = text(item.path);
    // An entry without an absolute path cannot be looked at, nor told from another one.
    if (path === null || !path.startsWith('/')) {
      skipped++;
      continue;
    }
    const signers = Array.isArray(item.signed_by) ? (item.signed_by as unknown[]) : [];
    apps.push({
      name: text(item._name) ?? (path.split('/').pop() ?? path).replace(/\.app$/i, ''),
      path,
      version: text(item.version),
      obtainedFrom: text(item.obtained_from),
      signedBy: text(signers[0]),
      lastModified: text(item.lastModified),
    });
  }
  return { status: 'ok', apps, skipped };
};

/** A path inside another bundle (a helper, a login item): never an app of its own, as in the bundle scan. */
export const isNestedBundle = (path: string): boolean => /\.app\/.+/i.test(path);
