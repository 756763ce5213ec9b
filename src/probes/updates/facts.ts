import type { JsonObject } from '../../model.js';
import { unknownFacts, type FactsOf, type TypedFactSpec } from '../fact-types.js';

export const updateFacts = {
  packageManager: { type: 'string', description: "The system package manager: 'apt', 'dnf', 'zypper', 'apk' or 'pacman'." },
  automatic: {
    type: 'boolean',
    description: 'Automatic installation of security updates is configured (unattended-upgrades or dnf-automatic, with its timer).',
  },
  mechanism: { type: 'string', description: "What installs updates automatically: 'unattended-upgrades', 'dnf-automatic'; null when nothing does." },
  automaticEvidence: { type: 'array', items: 'string', alwaysList: true, description: 'What showed the automatic-update configuration, or what is missing.' },
  pendingUpdates: { type: 'number', description: 'Installed packages with a newer candidate in the local package metadata (no network access).' },
  pendingSecurityUpdates: { type: 'number', description: 'Of the pending updates, those offered by a security source.' },
  pending: { type: 'array', items: 'json', description: 'Pending updates: package, architecture, installed, candidate, security, source, held.' },
  pendingEvidence: {
    type: 'array',
    items: 'string',
    alwaysList: true,
    description: 'Which package lists or commands the pending updates come from, and their limits.',
  },
  listsUpdatedAt: { type: 'string', description: 'When the package metadata was last refreshed (ISO-8601); see listsUpdatedAtSource.' },
  listsUpdatedAtSource: { type: 'string', description: 'Which file or field listsUpdatedAt comes from.' },
  lastUpgradeAt: { type: 'string', description: 'End of the last successful upgrade of installed packages (ISO-8601); first installs do not count.' },
  lastUpgradeCommand: { type: 'string', description: 'The command line of that transaction, when the log records it.' },
  lastUpgradeSource: { type: 'string', description: 'The log lastUpgradeAt comes from.' },
  installedAt: {
    type: 'string',
    description: 'When the system was installed: the first entry of dpkg.log, when no older rotated log exists (ISO-8601).',
  },
  upToDateSince: {
    type: 'string',
    description: 'When installed packages were last brought up to date: the last upgrade, or the installation when the logs show none since.',
  },
  rebootRequired: { type: 'boolean', description: 'An update waits for a reboot (running system only).' },
  rebootRequiredSince: { type: 'string', description: 'Since when a reboot is required (ISO-8601).' },
  rebootRequiredPackages: { type: 'array', items: 'string', description: 'Packages that asked for the reboot.' },
  rebootEvidence: { type: 'array', items: 'string', alwaysList: true, description: 'What showed whether a reboot is required.' },
  reasons: { type: 'array', items: 'string', alwaysList: true, description: 'Why any of the facts above is null.' },
} as const satisfies Record<string, TypedFactSpec>;

/** The updates facts as the probe builds them (their type and their "nothing known" value come from the specs above). */
export type UpdateFacts = FactsOf<typeof updateFacts>;

export const emptyFacts = (): UpdateFacts => unknownFacts(updateFacts);

export const toJson = (facts: UpdateFacts): JsonObject => ({ ...facts });

/** The newest of some epoch-millisecond times, as ISO-8601; null when none is known. */
export const newestIso = (times: readonly (number | undefined)[]): string | null => {
  const known = times.filter((t): t is number => t !== undefined && Number.isFinite(t) && t > 0);
  return known.length === 0 ? null : new Date(Math.max(...known)).toISOString();
};
