import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Catalog, CatalogApp } from '../../../policy/catalog.js';
import { configClaim, type ConfigSignals } from './config-claim.js';

/* Signals as parseMatrixConfig reads them; the catalog is the shipped one. */

const catalog = parse(readFileSync(new URL('../../../../policies/catalog/apps.yaml', import.meta.url), 'utf8')) as Catalog;
const appOf = (id: string, from: Catalog = catalog): CatalogApp => {
  const app = from.apps.find((a) => a.id === id);
  if (!app) throw new Error(`no ${id}`);
  return app;
};
const element = appOf('element');

const kitLinks = ['dev.luxchat.lu', 'luxchat.lu', 'u-download.luxchat.lu'];
const signals = (s: Partial<ConfigSignals>): ConfigSignals => ({ homeserver: null, baseUrlHost: null, brand: null, linkHosts: [], ...s });
const claim = (s: Partial<ConfigSignals>, pathApp: CatalogApp = element, from: Catalog = catalog) => {
  const c = configClaim(from, pathApp, signals(s));
  return { app: c.app.id, approved: c.app.approved && c.withdraws === undefined, withdraws: c.withdraws };
};

describe('configClaim: which app a config belongs to, and whether it may carry an approval', () => {
  it('brand Luxchat with a foreign homeserver (the hackathon kit): Luxchat, not approved', () => {
    expect(claim({ homeserver: 'local.synapse.server', baseUrlHost: 'local.synapse.server', brand: 'Luxchat', linkHosts: kitLinks })).toEqual({
      app: 'luxchat',
      approved: false,
      withdraws: undefined,
    });
    expect(claim({ homeserver: 'matrix.org', brand: 'LUXCHAT' })).toMatchObject({ app: 'luxchat', approved: false });
  });

  it('Luxchat download/update/link URLs alone name Luxchat', () => {
    expect(claim({ homeserver: 'matrix.org', linkHosts: kitLinks })).toMatchObject({ app: 'luxchat', approved: false });
    expect(configClaim(catalog, element, signals({ homeserver: 'matrix.org', linkHosts: kitLinks })).evidence).toBe(
      'points at homeserver matrix.org (download/update/link URLs on dev.luxchat.lu, luxchat.lu, u-download.luxchat.lu)',
    );
    // A brand outranks URLs.
    expect(claim({ homeserver: 'matrix.org', brand: 'Element', linkHosts: kitLinks })).toMatchObject({ app: 'element' });
  });

  it('brand LuxChat4Gov with a LuxChat4Gov homeserver: approved, whatever the URLs say', () => {
    expect(claim({ homeserver: 'homeserver.luxchat4gov.lu', baseUrlHost: 'homeserver.luxchat4gov.lu', brand: 'Luxchat4Gov', linkHosts: kitLinks })).toEqual({
      app: 'luxchat4gov',
      approved: true,
      withdraws: undefined,
    });
  });

  it('brand LuxChat4Gov with a public Luxchat homeserver: the data goes to Luxchat, so Luxchat', () => {
    expect(claim({ homeserver: '01.lu-cix.luxchat.lu', brand: 'Luxchat4Gov' })).toMatchObject({ app: 'luxchat', approved: false });
  });

  it('brand LuxChat4Gov with no or a foreign homeserver: LuxChat4Gov, approval withdrawn', () => {
    for (const homeserver of [null, 'matrix.org']) {
      expect(claim({ homeserver, brand: 'LuxChat 4 Gov' })).toEqual({
        app: 'luxchat4gov',
        approved: false,
        withdraws: 'LuxChat4Gov is approved only with a homeserver under luxchat4gov.lu',
      });
    }
  });

  it("LuxChat4Gov's own config: approved with no homeserver or its own; withdrawn with a foreign one", () => {
    const gov = appOf('luxchat4gov');
    expect(claim({}, gov)).toMatchObject({ app: 'luxchat4gov', approved: true });
    expect(claim({ homeserver: 'luxchat4gov.lu' }, gov)).toMatchObject({ app: 'luxchat4gov', approved: true });
    expect(claim({ homeserver: 'matrix.org', brand: 'Luxchat4Gov' }, gov)).toMatchObject({ app: 'luxchat4gov', approved: false });
  });

  it('any build pointing at a LuxChat4Gov homeserver is LuxChat4Gov (the homeserver decides)', () => {
    expect(claim({ homeserver: 'matrix.luxchat4gov.lu', brand: 'Element' })).toMatchObject({ app: 'luxchat4gov', approved: true });
    expect(claim({ homeserver: 'homeserver.luxchat4gov.lu', brand: 'Luxchat', linkHosts: kitLinks }, appOf('luxchat'))).toMatchObject({
      app: 'luxchat4gov',
      approved: true,
    });
  });

  it('a server_name and a base_url on different servers never make an approval', () => {
    // Data goes to base_url: a State server_name in front of matrix.org is not the State's server.
    const mixed = claim({ homeserver: 'luxchat4gov.lu', baseUrlHost: 'matrix-client.matrix.org', brand: 'Luxchat4Gov' });
    expect(mixed).toMatchObject({ app: 'luxchat4gov', approved: false });
    expect(configClaim(catalog, element, signals({ homeserver: 'luxchat4gov.lu', baseUrlHost: 'matrix-client.matrix.org' })).evidence).toBe(
      'points at homeserver luxchat4gov.lu (base URL on matrix-client.matrix.org)',
    );
    // One of them public Luxchat: Luxchat, the unapproved one.
    expect(claim({ homeserver: 'luxchat4gov.lu', baseUrlHost: 'webclient.luxchat.lu' })).toMatchObject({ app: 'luxchat', approved: false });
  });

  it('where an organisation approves public Luxchat: approved on a Luxchat server only', () => {
    const allowing: Catalog = { apps: catalog.apps.map((a) => (a.id === 'luxchat' ? { ...a, approved: true } : a)) };
    const luxchat = appOf('luxchat', allowing);
    expect(claim({ homeserver: '01.lu-cix.luxchat.lu', brand: 'Luxchat' }, element, allowing)).toMatchObject({ app: 'luxchat', approved: true });
    expect(claim({ homeserver: 'local.synapse.server', brand: 'Luxchat', linkHosts: kitLinks }, element, allowing)).toEqual({
      app: 'luxchat',
      approved: false,
      withdraws: 'Luxchat is approved only with a homeserver under luxchat.lu, luxchat4pro.lu',
    });
    expect(claim({}, luxchat, allowing)).toMatchObject({ app: 'luxchat', approved: true });
  });

  it('an approved app bound to no homeserver keeps its approval in its own config, never through a brand', () => {
    const allowing: Catalog = { apps: catalog.apps.map((a) => (a.id === 'element' ? { ...a, approved: true } : a)) };
    const approvedElement = appOf('element', allowing);
    expect(claim({ homeserver: 'matrix.org', brand: 'Element' }, approvedElement, allowing)).toMatchObject({ app: 'element', approved: true });
    expect(claim({ homeserver: 'matrix.org', brand: 'Element' }, appOf('schildichat', allowing), allowing)).toEqual({
      app: 'element',
      approved: false,
      withdraws: 'Element is approved only through its own config',
    });
  });

  it('a plain Element config stays Element', () => {
    expect(claim({ homeserver: 'matrix.org', baseUrlHost: 'matrix-client.matrix.org', brand: 'Element' })).toEqual({
      app: 'element',
      approved: false,
      withdraws: undefined,
    });
    expect(claim({ brand: 'Some Other Brand' })).toMatchObject({ app: 'element' });
  });
});
