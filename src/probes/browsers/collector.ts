/**
 * The interface each browser family (Chromium family, Firefox) implements for the `browsers` probe,
 * and how their answers are combined. A family never throws for what it could not read: it says so
 * in `gaps`, which the probe turns into a `partial` outcome on the named fields.
 */
import type { Host } from '../../hosts/host.js';
import type { ReasonCode } from '../../model.js';
import type { ProbeContext } from '../probe.js';
import type { BrowserProfile, OriginVisits, SitePermission, WebApp } from './shapes.js';

/** The fact fields of the `browsers` probe a gap can name. */
export const browserFields = ['profiles', 'webApps', 'permissions', 'history'] as const;
export type BrowserField = (typeof browserFields)[number];

/** Something a family could not read, and so may be missing from `field`. */
export interface BrowserGap {
  field: BrowserField;
  code: ReasonCode;
  /** Names the browser, user, profile and file (or tool) concerned. */
  detail: string;
}

/** A person's home directory on the target (Linux /etc/passwd or /home, macOS /Users). */
export interface BrowserHome {
  /** The owner; null when unknown. */
  user: string | null;
  home: string;
}

export interface BrowserCollection {
  profiles: BrowserProfile[];
  webApps: WebApp[];
  permissions: SitePermission[];
  /** Visits per origin; null when history was not asked for (`context.includeBrowserHistory`). */
  history: OriginVisits[] | null;
  gaps: BrowserGap[];
}

/**
 * One browser family. `homes` are the people's homes on Linux and macOS; on Windows they are empty
 * (files there are read through PowerShell, which finds the user profiles itself).
 */
export interface BrowserCollector {
  /** Names the family in gaps of last resort ('Chromium family', 'Firefox'). */
  readonly family: string;
  collect(host: Host, homes: readonly BrowserHome[], context: ProbeContext): Promise<BrowserCollection>;
}

export const emptyCollection = (context: Pick<ProbeContext, 'includeBrowserHistory'>): BrowserCollection => ({
  profiles: [],
  webApps: [],
  permissions: [],
  history: context.includeBrowserHistory === true ? [] : null,
  gaps: [],
});

/** Runs every family; one that throws becomes a gap on every field instead of failing the probe. */
export const collectFamilies = async (
  collectors: readonly BrowserCollector[],
  host: Host,
  homes: readonly BrowserHome[],
  context: ProbeContext,
): Promise<BrowserCollection> => {
  const results = await Promise.all(
    collectors.map(async (collector): Promise<BrowserCollection> => {
      try {
        return await collector.collect(host, homes, context);
      } catch (error) {
        const detail = `${collector.family}: ${error instanceof Error ? error.message : String(error)}`;
        const fields = browserFields.filter((f) => f !== 'history' || context.includeBrowserHistory === true);
        return { ...emptyCollection(context), gaps: fields.map((field) => ({ field, code: 'probe-failed', detail })) };
      }
    }),
  );
  const combined = emptyCollection(context);
  results.forEach((r, index) => {
    combined.profiles.push(...r.profiles);
    combined.webApps.push(...r.webApps);
    combined.permissions.push(...r.permissions);
    if (combined.history !== null) {
      if (r.history === null)
        combined.gaps.push({
          field: 'history',
          code: 'not-collected',
          detail: `${collectors[index]?.family ?? 'a browser family'}: history was asked for but not read`,
        });
      else combined.history.push(...r.history);
    }
    combined.gaps.push(...r.gaps);
  });
  return combined;
};
