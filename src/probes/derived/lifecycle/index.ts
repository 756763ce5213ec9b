/**
 * The derived `lifecycle` probe: whether the operating system release the `os` probe found still
 * receives security updates, from the dated table in table.ts. Computed at check time, so a snapshot
 * judged as of its collection date is judged with the newest table.
 */
import type { FactSpec } from '../../probe.js';
import { defineProbe } from '../../probe.js';
import { supportStatus } from './support.js';
import { lifecycleTable } from './table.js';
import type { TimeSpan } from '../../../run-memo.js';

export const lifecycleFacts: Readonly<Record<string, FactSpec>> = {
  supported: {
    type: 'boolean',
    description:
      "The OS release still receives security updates on the evaluation day, per charter's dated lifecycle table; null when the OS, its version or the release is not in the table.",
  },
  release: {
    type: 'string',
    description: "The release as the table names it (e.g. 'Debian 12 (bookworm)'), or as the host reported it when it is not in the table.",
  },
  endOfSupport: {
    type: 'string',
    description: "Last day covered (ISO 8601; 'YYYY-MM' when the vendor gives only a month) by the support this host counts; null when none is published.",
  },
  kind: {
    type: 'string',
    description:
      "The support phase the verdict rests on: 'standard', 'lts' (Debian LTS), 'esm' or 'legacy' (Ubuntu Pro, only when os.ubuntuPro shows it enabled), 'rolling'.",
  },
  source: { type: 'string', description: 'Where the end date was read (https URL).' },
  reason: { type: 'string', description: 'Why: the dates of each support phase, or why the release could not be judged.' },
};

/** The UTC day of a time, as a span (support.ts reads the day of `now`, in UTC). */
const utcDay = (now: Date): TimeSpan => {
  const from = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return { from, until: from + 86_400_000 };
};

export const lifecycle = defineProbe({
  id: 'lifecycle',
  title: 'Operating system support lifecycle',
  inputs: ['os'],
  facts: lifecycleFacts,
  derive: (inputs, context) => {
    const os = inputs.os;
    if (os === undefined) return { status: 'error', code: 'not-collected', message: 'the os probe did not run' };
    if (os.status === 'error') return { status: 'error', code: os.code ?? 'probe-failed', message: `the os probe failed: ${os.message}` };
    if (os.status === 'unsupported') return { status: 'unsupported', reason: os.reason };
    // The verdict depends on the day only (support.ts): read for the UTC day it holds.
    const now = context.clock?.nowWithin(utcDay) ?? context.now;
    const status = supportStatus(os.facts, now, lifecycleTable);
    if (os.status === 'ok') return { status: 'ok', facts: { ...status } };
    // Part of what identifies the release could not be seen: whatever the table says of what is
    // left, the verdict is unknown.
    const [first] = Object.values(os.unknown);
    const why = {
      code: first?.code ?? 'undetermined',
      detail: Object.entries(os.unknown)
        .map(([path, w]) => `os.${path}: ${w.detail}`)
        .join('; '),
    };
    return { status: 'partial', facts: { ...status, supported: null }, unknown: { supported: why, endOfSupport: why, release: why, kind: why } };
  },
});
