/**
 * The shapes of the `browsers` facts: what charter reads from each user's browser profiles
 * (Chromium family and Firefox) about web apps, site permissions and, only when asked, visits.
 * Evidence names browser, profile, origin and the kind of trace; never page titles, URL paths or
 * message content.
 */

export const browserIds = ['chrome', 'chromium', 'edge', 'brave', 'firefox'] as const;
export type BrowserId = (typeof browserIds)[number];

/** Where a profile was found; every trace below names its profile by these three fields. */
export interface ProfileRef {
  browser: BrowserId;
  /** The owner of the home the profile is in; null when unknown (e.g. a bare user-data directory). */
  user: string | null;
  /** The profile directory name (`Default`, `Profile 1`, or Firefox's `abcd1234.default-release`). */
  profile: string;
}

export interface BrowserProfile extends ProfileRef {
  /** The profile directory (absolute path on the target). */
  path: string;
  /** The name the browser shows for it (`Local State` info_cache name, profiles.ini Name), or null. */
  displayName: string | null;
}

/** An installed web app (PWA) of one profile. */
export interface WebApp extends ProfileRef {
  /** Chromium's app id (32 letters a-p); null where the trace does not carry one. */
  appId: string | null;
  /** `https://host[:port]` of its start URL or manifest id; null when only the id is known. */
  origin: string | null;
  /** The app's name as installed (shortcut Name=, CrAppModeShortcutName), or null. */
  name: string | null;
  /** Which trace: the web-app registry, an OS shortcut (desktop entry, app shim, Start-menu entry), icons folder. */
  trace: 'registry' | 'shortcut' | 'manifest-resources';
  /** The file the trace was read from. */
  file: string;
}

/** A site permission a profile holds for an origin. */
export interface SitePermission extends ProfileRef {
  /** `https://host[:port]`, without path; Firefox container suffixes (`^userContextId=…`) removed. */
  origin: string;
  /** Chromium content-setting type or Firefox permission type, normalised: notifications, camera, microphone, … */
  permission: string;
  /** allow, block, ask or session (Chromium 1/2/3/4, Firefox 1/2/3, session expiry). */
  setting: 'allow' | 'block' | 'ask' | 'session';
  /** The file the permission was read from (Preferences, permissions.sqlite). */
  file: string;
}

/** Visits to one origin, from history; collected only with --include-browser-history. */
export interface OriginVisits extends ProfileRef {
  origin: string;
  visits: number;
  /** ISO 8601 time of the newest visit, or null. */
  lastVisit: string | null;
  file: string;
}
