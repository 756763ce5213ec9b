import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.js';
import { messagesFor } from './i18n/messages.js';
import type { Facts, Finding, Language } from './model.js';
import type { Condition } from './policy/policy.js';
import { testPolicy, testRule } from './testing/policy-in-memory.js';

/**
 * A probe's reason quoted by a finding is said in the report's language, and the finding keeps it
 * in English with its message id and parameters (what the JSON report carries).
 */
const enabled: Condition = { fact: 'firewall.enabled', expect: { equals: true } };
const judge = (facts: Facts, language: Language): Finding => {
  const context = { platform: 'linux' as const, targetClass: 'live' as const, now: new Date(0), language, messages: messagesFor(language) };
  const [finding] = evaluate(testPolicy([testRule('R', enabled, { remediation: { en: 'Turn it on.' } })]), facts, context);
  if (finding === undefined) throw new Error('no finding');
  return finding;
};

const timedOut: Facts = {
  firewall: { status: 'partial', facts: { enabled: null }, unknown: { enabled: { code: 'timeout', detail: 'nft -j list ruleset: timed out' } } },
};
const notHere: Facts = { firewall: { status: 'unsupported', reason: 'needs running commands, which a snapshot target does not offer' } };
const failedTool: Facts = { firewall: { status: 'error', code: 'tool-missing', message: 'ufw: not installed (ENOENT)' } };

describe('probe reasons in findings', () => {
  it('keep English as the probe wrote it, and carry the message id and parameters', () => {
    const finding = judge(timedOut, 'en');
    expect(finding.status).toBe('error');
    expect(finding.remediation).toContain('(nft -j list ruleset: timed out)');
    expect(finding.explanations).toEqual([
      {
        text: 'nft -j list ruleset: timed out',
        message: { id: 'about', params: { source: 'nft -j list ruleset', reason: { id: 'tool.timed-out', params: {} } } },
      },
    ]);
  });

  it('are said in the reader’s language where the finding quotes them, the same message kept in English beside', () => {
    const de = judge(timedOut, 'de');
    expect(de.remediation).toContain('(nft -j list ruleset: Zeitlimit überschritten)');
    expect(de.message).toContain('firewall: nft -j list ruleset: Zeitlimit überschritten');
    expect(de.explanations).toEqual(judge(timedOut, 'en').explanations);
    expect(judge(notHere, 'fr').message).toBe('sans objet : firewall : demande l’exécution de commandes, ce qu’une cible snapshot ne permet pas');
    expect(judge(notHere, 'lb').message).toBe('net uwendbar: firewall: brauch d’Ausféiere vu Befehler, wat en Zil vum Typ snapshot net bitt');
    const lb = judge(failedTool, 'lb');
    expect(lb.remediation).toContain('(ufw: net installéiert (ENOENT))');
    expect(lb.explanations?.[0]?.message).toEqual({
      id: 'about',
      params: { source: 'ufw', reason: { id: 'tool.not-installed-code', params: { code: 'ENOENT' } } },
    });
  });

  it('left as written when no message recognises them, and marked so', () => {
    const odd: Facts = { firewall: { status: 'error', code: 'probe-failed', message: 'the widget frobnicated' } };
    const fr = judge(odd, 'fr');
    expect(fr.message).toContain('the widget frobnicated');
    expect(fr.explanations).toEqual([{ text: 'the widget frobnicated', message: { text: 'the widget frobnicated' } }]);
  });
});
