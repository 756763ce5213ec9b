import type { Catalog, CatalogApp } from '../../../policy/catalog.js';
import { brandApp, homeserverApp, linkApp } from '../../../software/match.js';

/**
 * Which catalog app an Element-style config.json belongs to, and whether it may carry that app's
 * approval. Pure.
 *
 * A config names two things: where its data goes (the homeserver: `server_name` and the host of
 * `base_url`) and which build it is (`brand`; the download, update and link URLs). Every one of
 * them is a line in a file the user can edit. So:
 *
 * 1. The app is the first that answers, in this order: the homeserver's app (`homeservers`), the
 *    brand's app (`matrix.brands`), the URLs' app (`matrix.domains`), the app whose catalog entry
 *    lists the file's path. When `server_name` and `base_url` name different apps (or one names
 *    none), the homeserver is "mixed": it names the first unapproved app among them, or none.
 * 2. An approval needs the homeserver: a config carries its app's approval only when its homeserver
 *    belongs to that app, or when it names no homeserver and lies where that app keeps its config.
 *    Anything else (brand or URLs alone, a server outside the app's `homeservers`) withdraws the
 *    approval: the app is reported as not approved, with the config as the reason. An approved
 *    app that lists no homeservers is bound to no server: its own config counts wherever it points.
 *
 * So brand Luxchat with a matrix.org homeserver is Luxchat (not approved by default, and not even
 * where an organisation approves Luxchat); brand Luxchat4Gov with a luxchat.lu homeserver is
 * Luxchat; brand Luxchat4Gov with no homeserver or a foreign one is LuxChat4Gov, not approved here;
 * any build pointing at a luxchat4gov.lu homeserver is LuxChat4Gov, approved.
 */

export interface ConfigSignals {
  homeserver: string | null;
  baseUrlHost: string | null;
  brand: string | null;
  linkHosts: readonly string[];
}

export interface ConfigClaim {
  app: CatalogApp;
  /** How the config reads, after "<app> config <path> ". */
  evidence: string;
  /** Set when the config withdraws `app`'s approval: why. */
  withdraws?: string;
}

type Homeserver = { kind: 'none' } | { kind: 'app'; app: CatalogApp } | { kind: 'other'; app?: CatalogApp };

const homeserverOf = (catalog: Catalog, signals: ConfigSignals): Homeserver => {
  const hosts = [...new Set([signals.homeserver, signals.baseUrlHost].filter((h): h is string => h !== null && h !== ''))];
  if (hosts.length === 0) return { kind: 'none' };
  const apps = hosts.map((h) => homeserverApp(catalog, h));
  const [first] = apps;
  if (first !== undefined && apps.every((a) => a?.id === first.id)) return { kind: 'app', app: first };
  const unapproved = apps.find((a) => a !== undefined && !a.approved);
  return unapproved ? { kind: 'other', app: unapproved } : { kind: 'other' };
};

export const configClaim = (catalog: Catalog, pathApp: CatalogApp, signals: ConfigSignals): ConfigClaim => {
  const server = homeserverOf(catalog, signals);
  const byBrand = signals.brand ? brandApp(catalog, signals.brand) : undefined;
  const byLinks = linkApp(catalog, signals.linkHosts);
  const app = (server.kind !== 'none' ? server.app : undefined) ?? byBrand ?? byLinks ?? pathApp;

  const points =
    server.kind === 'none'
      ? 'names no homeserver'
      : `points at homeserver ${signals.homeserver ?? signals.baseUrlHost ?? '?'}` +
        (server.kind === 'other' && signals.baseUrlHost && signals.homeserver && signals.baseUrlHost !== signals.homeserver
          ? ` (base URL on ${signals.baseUrlHost})`
          : '');
  const branded = signals.brand && signals.brand !== pathApp.name ? ` (brand ${signals.brand})` : '';
  const linked = byLinks && app === byLinks && app !== byBrand ? ` (download/update/link URLs on ${signals.linkHosts.join(', ')})` : '';
  const evidence = `${points}${branded}${linked}`;

  const ownServer = server.kind === 'app' && server.app.id === app.id;
  const ownPlace = app.id === pathApp.id && (server.kind === 'none' || (app.homeservers ?? []).length === 0);
  if (!app.approved || ownServer || ownPlace) return { app, evidence };
  const servers = (app.homeservers ?? []).join(', ');
  return {
    app,
    evidence,
    withdraws: servers ? `${app.name} is approved only with a homeserver under ${servers}` : `${app.name} is approved only through its own config`,
  };
};
