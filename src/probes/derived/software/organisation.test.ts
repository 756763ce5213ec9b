import { describe, expect, it } from 'vitest';
import type { JsonObject, ProbeOutcome } from '../../../model.js';
import { loadPolicy } from '../../../policy/load.js';
import { deriveSoftware } from './derive.js';
import type { SoftwareApp } from './derive.js';

/*
 * An organisation policy file (fixtures/policies/metadata-organisation) that extends the State
 * charter and names two apps the State catalog does not: one approved, one with no categories.
 * Tags and desktop entries are the real Debian 12 ones of the `chat` root (see metadata.test.ts).
 */
const policyFile = new URL('../../../../fixtures/policies/metadata-organisation/policy.yaml', import.meta.url).pathname;
const lists = '/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages';
const dpkg = (name: string, version: string, tags: string[]): JsonObject => ({
  name,
  version,
  source: 'dpkg',
  scope: 'system',
  user: null,
  path: null,
  id: `${name}:amd64`,
  metadata: [{ scheme: 'debtags', file: lists, field: 'Tag', values: tags }],
});
const desktop = (id: string, name: string, categories: string[]): JsonObject => ({
  name,
  version: null,
  source: 'desktop-file',
  scope: 'system',
  user: null,
  path: `/usr/share/applications/${id}.desktop`,
  id,
  metadata: [{ scheme: 'freedesktop', file: `/usr/share/applications/${id}.desktop`, field: 'Categories', values: categories }],
});
const chatRoot: JsonObject[] = [
  dpkg('hexchat', '2.16.1-1+b3', ['interface::graphical', 'protocol::irc', 'role::program', 'uitoolkit::gtk', 'use::chatting']),
  desktop('io.github.Hexchat', 'HexChat', ['GTK', 'Network', 'IRCClient']),
  dpkg('irssi', '1.4.3-2', ['devel::library', 'interface::text-mode', 'network::client', 'protocol::irc', 'role::devel-lib', 'role::program', 'use::chatting']),
  dpkg('pidgin', '2.14.12-1', ['network::client', 'protocol::irc', 'protocol::jabber', 'role::program', 'use::chatting', 'works-with::im']),
  desktop('pidgin', 'Pidgin', ['GTK', 'Network', 'InstantMessaging']),
];
const installed: ProbeOutcome = { status: 'ok', facts: { apps: chatRoot, metadataSources: [] } };
const activity: ProbeOutcome = { status: 'ok', facts: { processes: null, dataDirs: [], matrixConfigs: [] } };
/** Browser profiles read in full, with no trace of any app. */
const noBrowserTraces: ProbeOutcome = { status: 'ok', facts: { profiles: [], webApps: [], permissions: [], history: null } };
const appsOf = (outcome: ProbeOutcome): SoftwareApp[] => {
  if (outcome.status !== 'ok') throw new Error(`expected facts, got ${JSON.stringify(outcome)}`);
  return outcome.facts.apps as unknown as SoftwareApp[];
};

describe('an organisation catalog and apps the State catalog does not name', () => {
  it('approves an app by its desktop id, takes another out of the rules, leaves the rest to metadata', async () => {
    const policy = await loadPolicy(policyFile);
    const apps = appsOf(deriveSoftware(policy.catalog, 'linux', installed, activity, new Date('2026-12-07T08:00:00Z'), false, noBrowserTraces));
    expect(apps.map((a) => [a.id, a.classifiedBy, a.approved, a.categories])).toEqual([
      ['deb:pidgin', 'metadata', false, ['messenger']],
      ['hexchat', 'catalog', true, ['messenger']],
      ['irssi', 'catalog', false, []],
    ]);
    // The package the organisation did not name joined the app it named through its desktop entry: no deb:hexchat.
    expect(apps.find((a) => a.id === 'hexchat')?.evidence).toEqual(['desktop file /usr/share/applications/io.github.Hexchat.desktop (HexChat)']);
  });

  it('without the organisation catalog, the State catalog leaves all three to metadata: three messengers', async () => {
    const state = await loadPolicy(new URL('../../../../policies/lu-state-charter.yaml', import.meta.url).pathname);
    const apps = appsOf(deriveSoftware(state.catalog, 'linux', installed, activity, new Date('2026-12-07T08:00:00Z'), false, noBrowserTraces));
    expect(apps.map((a) => [a.id, a.categories])).toEqual([
      ['deb:hexchat', ['messenger']],
      ['deb:irssi', ['messenger']],
      ['deb:pidgin', ['messenger']],
    ]);
  });
});
