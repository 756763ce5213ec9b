/**
 * The updates probe over hosts that share contents (an ssh audit hands every host the same Buffer
 * for the same big file): each host gets exactly what it gets alone, and what is computed from a
 * shared content (dpkg's status, the pending updates, the logs) is computed once per run.
 */
import { describe, expect, it } from 'vitest';
import type { Host } from '../../hosts/host.js';
import type { ProbeOutcome } from '../../model.js';
import { runShared } from '../../platform/run-shared.js';
import { runMemo, type RunMemo } from '../../run-memo.js';
import { fakeHost, type FakeHostSpec } from '../../testing/fake-host.js';
import { debianSpec, sampleText } from '../../testing/updates-samples.js';
import { updates } from './index.js';

const spec = (): FakeHostSpec => {
  const { files, stats } = debianSpec('debian12-pending-root');
  return { files: { ...files, '/usr/bin/unattended-upgrade': '' }, stats, capabilities: { live: false, exec: false } };
};

/** A host whose reads answer the given Buffers themselves (as the ssh content store does). */
const sharing = (hostSpec: FakeHostSpec, contents: Map<string, Buffer>): Host => {
  const host = fakeHost(hostSpec);
  host.readFile = (path) => Promise.resolve(contents.get(path));
  return host;
};

const contentsOf = (hostSpec: FakeHostSpec): Map<string, Buffer> =>
  new Map(Object.entries(hostSpec.files ?? {}).map(([path, content]) => [path, Buffer.from(content)]));

const collect = (host: Host, memo?: RunMemo): Promise<ProbeOutcome> =>
  updates.collect(host, {
    platform: 'linux',
    now: new Date(0),
    catalog: { apps: [] },
    capabilities: host.capabilities,
    shared: runShared(host),
    ...(memo === undefined ? {} : { memo }),
  });

describe('updates over hosts that share contents', () => {
  it('gives every host what it gets alone', async () => {
    const hostSpec = spec();
    const contents = contentsOf(hostSpec);
    const alone = await collect(sharing(hostSpec, contents));
    expect(alone).toMatchObject({ status: 'ok', facts: { pendingUpdates: 7, pendingSecurityUpdates: 7 } });
    const memo = runMemo();
    expect(await collect(sharing(hostSpec, contents), memo)).toEqual(alone);
    expect(await collect(sharing(hostSpec, contents), memo)).toEqual(alone);
    // Another host of the run with another dpkg status (its 7 packages upgraded): its own answer.
    const upgraded = new Map(contents);
    let status = sampleText('debian12-pending-root/dpkg-status');
    for (const name of ['apt', 'libapt-pkg6.0', 'libpcre2-8-0', 'libssl3', 'openssl']) {
      status = status.replace(new RegExp(`(^Package: ${name}\\n(?:.+\\n)*?Version: ).+$`, 'm'), '$1999');
    }
    upgraded.set('/var/lib/dpkg/status', Buffer.from(status));
    const other = await collect(sharing(hostSpec, upgraded));
    expect(other).toMatchObject({ status: 'ok', facts: { pendingUpdates: 2 } });
    expect(await collect(sharing(hostSpec, upgraded), memo)).toEqual(other);
  });

  it('computes from a shared Buffer once per run: a Buffer is one content', async () => {
    const hostSpec = spec();
    const contents = contentsOf(hostSpec);
    const memo = runMemo();
    const first = await collect(sharing(hostSpec, contents), memo);
    // The same Buffer changed in place (which no host does): the run's memo answers from the first
    // parse; the bytes as they now are, in a Buffer of their own, are parsed as they are.
    const status = contents.get('/var/lib/dpkg/status');
    // tzdata (pending) becomes a package no list offers, of the same length.
    const at = status?.indexOf('Package: tzdata\n') ?? -1;
    expect(at).toBeGreaterThan(0);
    status?.write('Package: tzdatx\n', at);
    expect(await collect(sharing(hostSpec, contents), memo)).toEqual(first);
    const alone = await collect(sharing(hostSpec, new Map(contents).set('/var/lib/dpkg/status', Buffer.from(status ?? ''))));
    expect(alone).not.toEqual(first);
    expect(alone).toMatchObject({ facts: { pendingUpdates: 6 } });
  });
});
