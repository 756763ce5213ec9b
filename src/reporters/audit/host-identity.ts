/**
 * Who a fleet row is, as every fleet report shows it: after the inventory's name (HostResult.name),
 * the machine's host name (or its pseudonym), its system and version, when its facts were collected,
 * and the notes that go with it (stale, one machine seen twice, a shared machine id). Raw strings:
 * each reporter escapes them for its format.
 */
import type { HostResult } from '../../fleet/model.js';
import type { IdentityLabels } from './identity-labels.js';
import { collectedText } from './identity-labels.js';

export interface HostIdentityView {
  /** The host name, `(pseudonym)` after it when redacted; empty when the host was not checked. */
  hostName: string;
  /** System and version; empty when not checked. */
  system: string;
  /** Collection time (collectedText); empty when not checked. */
  collected: string;
  /** ISO time of collection, for sorting; empty when not checked. */
  collectedAt: string;
  stale: boolean;
  /** Sentences about the row: stale, duplicates folded into it, another row with its machine id. */
  notes: string[];
}

const systemText = (os: string | null, version: string | null, unknown: string): string => {
  if (os === null) return version ?? unknown;
  return version === null || os.includes(version) ? os : `${os} ${version}`;
};

export const hostIdentityView = (host: HostResult, il: IdentityLabels, staleAfterDays: number): HostIdentityView => {
  const identity = host.status === 'checked' ? host.identity : undefined;
  const notes: string[] = [];
  const stale = host.stale === true;
  if (stale) notes.push(il.stale(staleAfterDays));
  if (host.duplicates !== undefined && host.duplicates.length > 0) {
    notes.push(il.duplicates(host.duplicates.map((d) => `${d.name} (${d.source}, ${collectedText(d.collectedAt)})`).join(', ')));
  }
  if (host.sameMachineId !== undefined && host.sameMachineId.length > 0) notes.push(il.sameMachineId(host.sameMachineId.join(', ')));
  if (identity === undefined) return { hostName: '', system: '', collected: '', collectedAt: '', stale, notes };
  return {
    hostName: identity.name === null ? il.unknown : identity.redacted ? `${identity.name} (${il.pseudonym})` : identity.name,
    system: systemText(identity.os, identity.osVersion, il.unknown),
    collected: collectedText(identity.collectedAt),
    collectedAt: identity.collectedAt,
    stale,
    notes,
  };
};
