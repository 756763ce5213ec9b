/**
 * A recorded host (fixtures/hosts/NAME) collected as `charter collect` would have collected it on the
 * day it was recorded: what tests of snapshot reading, sharing and auditing start from.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { collectSnapshot } from '../fleet/snapshot-collect.js';
import { openHost } from '../hosts/index.js';
import type { Snapshot } from '../hosts/snapshot-format.js';
import type { Catalog } from '../policy/catalog.js';

const root = new URL('../..', import.meta.url).pathname;

export const recordedSnapshot = async (name: string, catalog: Catalog): Promise<Snapshot> => {
  const fixture = join(root, 'fixtures', 'hosts', name);
  const recordedAt = (JSON.parse(await readFile(join(fixture, 'host.json'), 'utf8')) as { recordedAt: string }).recordedAt;
  return collectSnapshot(await openHost(`replay:${fixture}`, { cwd: root }), {
    catalog: { catalog, file: 'policies/catalog/apps.yaml', sha256: 'a'.repeat(64) },
    now: new Date(recordedAt),
    tool: { name: 'charter', version: '0.0.0-test' },
    target: `replay:${fixture}`,
    timeoutMs: 60_000,
    redact: false,
  });
};
