/**
 * The offline search's answer is built from documentation (no recorded Windows Update Agent output
 * exists as text): IUpdate Title, KBArticleIDs, MsrcSeverity and Categories[].CategoryID as
 * Microsoft Learn describes them (wuapi IUpdate), in the JSON the script writes.
 */
import { describe, expect, it } from 'vitest';
import { emptyFacts } from './facts.js';
import { securityUpdatesCategory, windowsPendingFacts } from './windows-pending.js';

const cumulative = {
  title: '2026-11 Cumulative Update for Windows 11 Version 24H2 for x64-based Systems (KB5046617)',
  kb: ['5046617'],
  severity: 'Critical',
  categories: ['e6cf1350-c01b-414d-a61f-263d14d133b4', securityUpdatesCategory],
};
const driver = { title: 'Intel Corporation - Display - 31.0.101.5590', kb: [], severity: null, categories: ['ebfc1fc5-71a4-4f7b-9aca-3b9a503104a0'] };

describe('windowsPendingFacts', () => {
  it('counts pending updates and the security ones by classification or MSRC severity', () => {
    const facts = emptyFacts();
    windowsPendingFacts(
      { pending: [cumulative, driver, { title: 'Mise à jour de sécurité', kb: ['KB5000001'], severity: 'Important', categories: [] }], error: null },
      facts,
    );
    expect(facts).toMatchObject({ pendingUpdates: 3, pendingSecurityUpdates: 2 });
    expect(facts.pending).toContainEqual(expect.objectContaining({ package: driver.title, security: false, candidate: null }));
    expect(facts.pending).toContainEqual(expect.objectContaining({ candidate: 'KB5000001', security: true }));
    expect(facts.pendingEvidence.join('\n')).toContain('Online = false');
  });

  it('a category id in upper case is the same category; one pending object (not an array) is one update', () => {
    const facts = emptyFacts();
    windowsPendingFacts({ pending: { ...driver, categories: [securityUpdatesCategory.toUpperCase()] } }, facts);
    expect(facts).toMatchObject({ pendingUpdates: 1, pendingSecurityUpdates: 1 });
  });

  it('nothing pending is zero; a failed search is unknown with the reason, never zero', () => {
    const none = emptyFacts();
    windowsPendingFacts({ pending: [], error: null }, none);
    expect(none).toMatchObject({ pendingUpdates: 0, pendingSecurityUpdates: 0 });
    const failed = emptyFacts();
    windowsPendingFacts({ pending: null, error: 'Exception from HRESULT: 0x8024402C' }, failed);
    expect(failed).toMatchObject({ pendingUpdates: null, pendingSecurityUpdates: null, pending: null });
    expect(failed.reasons.join('\n')).toContain('offline Windows Update search failed');
    expect(failed.pendingEvidence.join('\n')).toContain('0x8024402C');
  });
});
