import type { Json, JsonObject } from '../../model.js';
import type { FactSpec } from '../probe.js';

export const updateFacts: Record<string, FactSpec> = {
  packageManager: { type: 'string', description: "The system package manager: 'apt', 'dnf', 'zypper', 'apk' or 'pacman'." },
  automatic: {
    type: 'boolean',
    description: 'Automatic installation of security updates is configured (unattended-upgrades or dnf-automatic, with its timer).',
  },
  mechanism: { type: 'string', description: "What installs updates automatically: 'unattended-upgrades', 'dnf-automatic'; null when nothing does." },
  automaticEvidence: { type: 'array', description: 'What showed the automatic-update configuration, or what is missing.' },
  pendingUpdates: { type: 'number', description: 'Installed packages with a newer candidate in the local package metadata (no network access).' },
  pendingSecurityUpdates: { type: 'number', description: 'Of the pending updates, those offered by a security source.' },
  pending: { type: 'array', description: 'Pending updates: package, architecture, installed, candidate, security, source, held.' },
  pendingEvidence: { type: 'array', description: 'Which package lists or commands the pending updates come from, and their limits.' },
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
  rebootRequiredPackages: { type: 'array', description: 'Packages that asked for the reboot.' },
  rebootEvidence: { type: 'array', description: 'What showed whether a reboot is required.' },
  reasons: { type: 'array', description: 'Why any of the facts above is null.' },
};

export interface UpdateFacts {
  packageManager: string | null;
  automatic: boolean | null;
  mechanism: string | null;
  automaticEvidence: string[];
  pendingUpdates: number | null;
  pendingSecurityUpdates: number | null;
  pending: Json[] | null;
  pendingEvidence: string[];
  listsUpdatedAt: string | null;
  listsUpdatedAtSource: string | null;
  lastUpgradeAt: string | null;
  lastUpgradeCommand: string | null;
  lastUpgradeSource: string | null;
  installedAt: string | null;
  upToDateSince: string | null;
  rebootRequired: boolean | null;
  rebootRequiredSince: string | null;
  rebootRequiredPackages: string[] | null;
  rebootEvidence: string[];
  reasons: string[];
}

export const emptyFacts = (): UpdateFacts => ({
  packageManager: null,
  automatic: null,
  mechanism: null,
  automaticEvidence: [],
  pendingUpdates: null,
  pendingSecurityUpdates: null,
  pending: null,
  pendingEvidence: [],
  listsUpdatedAt: null,
  listsUpdatedAtSource: null,
  lastUpgradeAt: null,
  lastUpgradeCommand: null,
  lastUpgradeSource: null,
  installedAt: null,
  upToDateSince: null,
  rebootRequired: null,
  rebootRequiredSince: null,
  rebootRequiredPackages: null,
  rebootEvidence: [],
  reasons: [],
});

export const toJson = (facts: UpdateFacts): JsonObject => ({ ...facts });

/** The newest of some epoch-millisecond times, as ISO-8601; null when none is known. */
export const newestIso = (times: readonly (number | undefined)[]): string | null => {
  const known = times.filter((t): t is number => t !== undefined && Number.isFinite(t) && t > 0);
  return known.length === 0 ? null : new Date(Math.max(...known)).toISOString();
};
