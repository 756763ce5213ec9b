/**
 * A template, not a probe: copy this folder to src/probes/<id>/, rename `template` to the id, and
 * add one line to src/probes/index.ts (docs/add-a-probe.md). Folders starting with `_` are never
 * registered (src/probes/index.test.ts).
 */
import { defineProbe, type FactSpec } from '../probe.js';
import { collectLinux } from './linux.js';
import { linuxReads } from './reads.js';

const facts: Record<string, FactSpec> = {
  timezone: { type: 'string', description: 'The IANA time zone /etc/timezone names; null when it names none or cannot be read.' },
  localtime: { type: 'boolean', description: '/etc/localtime exists.' },
  reasons: { type: 'array', description: 'Why a fact is null.' },
};

export const template = defineProbe({
  id: 'template',
  title: 'Template probe (time zone)',
  needs: ['read'],
  facts,
  reads: { linux: linuxReads },
  // One collector per platform (macos: ..., windows: ...); a platform without one is `unsupported`.
  collect: { linux: collectLinux },
});
