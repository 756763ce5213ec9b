/** Test data for the CI reporters: the real pipeline on a recorded host, and plain render options. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '../../check.js';
import { openHost } from '../../hosts/index.js';
import { messagesFor } from '../../i18n/messages.js';
import type { Report } from '../../model.js';
import { loadPolicy } from '../../policy/load.js';
import type { Policy } from '../../policy/policy.js';
import { translate } from '../../policy/policy.js';
import type { ColorStyles, RenderOptions } from '../reporter.js';
import { ruleDetails } from '../reporter.js';

export const root = new URL('../../..', import.meta.url).pathname;
/** A small policy of its own, relative to the repository (as SARIF locations want it). */
export const policyPath = 'src/reporters/testdata/reporter-policy.yaml';

const plain = (text: string): string => text;
export const styles: ColorStyles = { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain, magenta: plain, gray: plain };

/** The real pipeline (load → plan → collect → evaluate) on a recorded host: Debian 12 with telegram-desktop. */
export const messengerReport = async (): Promise<{ report: Report; options: RenderOptions; policy: Policy }> => {
  const dir = join(root, 'fixtures', 'hosts', 'debian12-messenger');
  const policy = await loadPolicy(join(root, policyPath));
  const host = await openHost(`replay:${dir}`, { cwd: root });
  const recordedAt = (JSON.parse(readFileSync(join(dir, 'host.json'), 'utf8')) as { recordedAt: string }).recordedAt;
  const now = new Date(recordedAt);
  const { report } = await check({ policy, host, language: 'en', now: () => now, tool: { name: 'charter', version: '0.1.0' } });
  const options: RenderOptions = {
    styles,
    failOn: 'high',
    messages: messagesFor('en'),
    themes: Object.entries(policy.themes).map(([id, title]) => ({ id, title: translate(title, 'en') })),
    policySource: { file: policyPath, ruleLines: Object.fromEntries(policy.rules.map((r) => [r.id, r.line])) },
    rules: ruleDetails(policy, 'en'),
  };
  return { report, options, policy };
};
