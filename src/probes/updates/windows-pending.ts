/**
 * Pending Windows updates without an online search: the Windows Update Agent searches the update
 * metadata it already holds from its last scan when IUpdateSearcher.Online is false (Microsoft
 * Learn, "IUpdateSearcher::Online property": whether the searcher "goes online to search for
 * updates"). The answer is as fresh as that scan (Results.LastSearchSuccessDate, listsUpdatedAt,
 * which UPD-04 judges), like a Linux package list. Criteria "IsInstalled=0 and IsHidden=0".
 *
 * A pending update is a security update when it is in the "Security Updates" classification
 * (category 0fa1201d-4330-4fa8-8ae9-b877473b6441, Microsoft Learn, "Windows Update classifications
 * / UpdateClassification GUIDs") or carries an MSRC severity (IUpdate.MsrcSeverity, set for security
 * bulletins). Category ids are language-neutral; titles are in the display language and only shown.
 * Pure.
 */
import type { Json } from '../../model.js';
import { isObject, objectsOf, stringOf } from '../../platform/windows/json.js';
import type { UpdateFacts } from './facts.js';

export const securityUpdatesCategory = '0fa1201d-4330-4fa8-8ae9-b877473b6441';

export const windowsPendingFacts = (value: Json, facts: UpdateFacts): void => {
  const o = isObject(value) ? value : {};
  const error = stringOf(o.error);
  if (o.pending === null || o.pending === undefined) {
    facts.pendingEvidence.push(`the local Windows Update data could not be searched${error ? ` (${error})` : ''}`);
    facts.reasons.push('pendingUpdates and pendingSecurityUpdates are unknown: the offline Windows Update search failed');
    return;
  }
  const updates = objectsOf(o.pending).map((u) => {
    const categories = Array.isArray(u.categories) ? u.categories.map((c) => (stringOf(c) ?? '').toLowerCase()) : [];
    const severity = stringOf(u.severity);
    const kb = Array.isArray(u.kb) ? u.kb.map((k) => stringOf(k)).filter((k): k is string => k !== null) : [];
    return {
      package: stringOf(u.title) ?? '?',
      architecture: null,
      installed: null,
      candidate: kb.length > 0 ? kb.map((k) => `KB${k.replace(/^KB/i, '')}`).join(', ') : null,
      security: categories.includes(securityUpdatesCategory) || severity !== null,
      severity,
      source: 'Windows Update (local search)',
      held: false,
    };
  });
  facts.pending = updates.map((u) => ({ ...u }));
  facts.pendingUpdates = updates.length;
  facts.pendingSecurityUpdates = updates.filter((u) => u.security).length;
  facts.pendingEvidence.push(
    `searched the Windows Update data already on the machine (IUpdateSearcher, Online = false): ${updates.length} pending, ` +
      `${facts.pendingSecurityUpdates} of them security updates; as fresh as the last Windows Update scan (listsUpdatedAt)`,
  );
};
