/** Pure parts of the macOS updates probe: SoftwareUpdate preferences and the install history. */
import { boolValue, dateValue, isDict, numberValue, stringValue, type PlainDict, type PlainValue } from '../../platform/macos/plist.js';

/** Keys of com.apple.SoftwareUpdate that automatic installation of security fixes needs. */
export const automaticKeys = ['AutomaticCheckEnabled', 'AutomaticallyInstallMacOSUpdates', 'CriticalUpdateInstall'] as const;

export interface AutomaticVerdict {
  automatic: boolean | null;
  evidence: string[];
}

/**
 * Automatic = checks on, macOS updates installed automatically, and Security Responses / system
 * data files installed automatically (CriticalUpdateInstall). Managed values win over the local
 * ones. A key set nowhere is unknown (its default differs between releases): automatic is then null
 * unless another key is false.
 */
export const judgeAutomatic = (local: PlainDict | undefined, managed: PlainDict | undefined): AutomaticVerdict => {
  const evidence: string[] = [];
  const values = automaticKeys.map((key) => {
    const fromProfile = boolValue(managed, key);
    const value = fromProfile ?? boolValue(local, key);
    evidence.push(`${key} = ${value ?? 'not set'}${fromProfile !== null ? ' (configuration profile)' : ''}`);
    return value;
  });
  for (const key of ['AutomaticDownload', 'ConfigDataInstall'] as const) {
    const value = boolValue(managed, key) ?? boolValue(local, key);
    if (value !== null) evidence.push(`${key} = ${value}`);
  }
  const automatic = values.includes(false) ? false : values.includes(null) ? null : true;
  return { automatic, evidence };
};

export interface PendingUpdate {
  package: string;
  candidate: string | null;
  security: boolean;
  source: string;
  productKey: string | null;
}

/**
 * RecommendedUpdates: the updates softwareupdated found at its last check (no network call here).
 * Entries: Identifier, Display Name, Display Version, Product Key, MobileSoftwareUpdate. macOS
 * updates and Background Security Improvements carry security fixes (Apple security releases), so
 * every recommended update counts as a security update.
 */
export const pendingUpdates = (recommended: PlainValue | undefined): PendingUpdate[] | null => {
  if (!Array.isArray(recommended)) return null;
  return recommended.filter(isDict).map((entry) => ({
    package: stringValue(entry, 'Display Name') ?? stringValue(entry, 'Identifier') ?? stringValue(entry, 'Product Key') ?? '?',
    candidate: stringValue(entry, 'Display Version'),
    security: true,
    source: 'softwareupdate',
    productKey: stringValue(entry, 'Product Key'),
  }));
};

export interface Install {
  date: string;
  displayName: string | null;
  displayVersion: string | null;
  processName: string | null;
}

/** Installers that apply Apple's system updates (InstallHistory processName). */
const systemUpdaters =
  /^(softwareupdated|softwareupdate|software update|system preferences|system settings|macos installer|osinstallersetupd|installassistant)$/i;

/** /Library/Receipts/InstallHistory.plist: an array of {date, displayName, displayVersion, processName, packageIdentifiers}. */
export const parseInstallHistory = (value: PlainValue): Install[] => {
  if (!Array.isArray(value)) return [];
  return value.filter(isDict).flatMap((entry) => {
    const date = dateValue(entry, 'date');
    if (date === null) return [];
    return [
      {
        date,
        displayName: stringValue(entry, 'displayName'),
        displayVersion: stringValue(entry, 'displayVersion'),
        processName: stringValue(entry, 'processName'),
      },
    ];
  });
};

/** The newest install made by Apple's system updater. */
export const lastSystemUpdate = (installs: readonly Install[]): Install | undefined =>
  installs.filter((i) => i.processName !== null && systemUpdaters.test(i.processName)).sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))[0];

export const lastCheck = (local: PlainDict | undefined): string | null => dateValue(local, 'LastSuccessfulDate') ?? dateValue(local, 'LastFullSuccessfulDate');

export const recommendedCount = (local: PlainDict | undefined): number | null => numberValue(local, 'LastRecommendedUpdatesAvailable');
