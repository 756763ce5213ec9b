/**
 * `manage-bde -status` → one row per volume with a drive letter, in the shape Get-BitLockerVolume's
 * rows have (MountPoint, VolumeStatus, ProtectionStatus, EncryptionMethod, EncryptionPercentage) so
 * windows-parse.ts judges both the same way. Pure.
 *
 * Any display language: a volume starts with a line whose second word is its drive letter followed
 * by a bracketed label (`Volume C: [OS]`, `Volume "C:" []`); its fields follow as `label: value`
 * lines in a fixed order (Microsoft Learn, "manage-bde status": size, BitLocker version, conversion
 * status, percentage encrypted, encryption method, protection status, lock status, identification
 * field, key protectors), so they are read by position, never by label. The percentage and the
 * method are written the same way in every language; the conversion and protection words are
 * looked up for English, French and German, and a conversion status in another language is derived
 * from the percentage (100 % encrypted, 0 % decrypted, anything between in progress). A protection
 * word in another language stays unknown (the collector then uses the exit code of
 * `-protectionaserrorlevel` for the system drive). Real outputs: testdata/README.md.
 */
import type { JsonObject } from '../../model.js';
import { textLines } from '../../platform/windows/decode.js';

const header = /^\s*\S+\s+"?([A-Za-z]:)"?\s*\[/;
const field = /^\s+(\S[^:]*?)\s*:\s*(.*)$/;

/** Conversion status words → Get-BitLockerVolume VolumeStatus names. */
const conversions: [RegExp, string][] = [
  [
    /^(fully encrypted|used space only encrypted|vollständig verschlüsselt|nur verwendeter speicherplatz (ist )?verschlüsselt|(complètement|entièrement) chiffré|chiffrement (complet|intégral)|seul l'espace utilisé est chiffré)/i,
    'FullyEncrypted',
  ],
  [/^(fully decrypted|vollständig entschlüsselt|(complètement|entièrement) déchiffré)/i, 'FullyDecrypted'],
  [/^(encryption in progress|verschlüsselung wird durchgeführt|chiffrement en cours)/i, 'EncryptionInProgress'],
  [/^(decryption in progress|entschlüsselung wird durchgeführt|déchiffrement en cours)/i, 'DecryptionInProgress'],
  [/^(encryption paused|verschlüsselung (wurde )?angehalten|chiffrement (suspendu|interrompu))/i, 'EncryptionSuspended'],
  [/^(decryption paused|entschlüsselung (wurde )?angehalten|déchiffrement (suspendu|interrompu))/i, 'DecryptionSuspended'],
];
/** Protection status words → Get-BitLockerVolume ProtectionStatus names ("Protection Off" may be followed by a count of reboots). */
const protections: [RegExp, string][] = [
  [/^(protection on|der schutz ist aktiviert|protection activée)/i, 'On'],
  [/^(protection off|der schutz ist deaktiviert|protection désactivée)/i, 'Off'],
];

const lookup = (text: string | undefined, table: [RegExp, string][]): string | null => {
  if (text === undefined) return null;
  return table.find(([pattern]) => pattern.test(text.trim()))?.[1] ?? null;
};

/** "100.0%", "100,0 %", "37,4%" → 100, 100, 37.4. */
const percentOf = (text: string | undefined): number | null => {
  const match = /(\d+(?:[.,]\d+)?)\s*%/.exec(text ?? '');
  return match?.[1] === undefined ? null : Number(match[1].replace(',', '.'));
};

/** "XTS-AES 128" → XtsAes128, "AES 256" → Aes256, "AES 128 with Diffuser" → Aes128Diffuser; anything else (None, Kein, Aucun, Hardware...) → null. */
const methodOf = (text: string | undefined): string | null => {
  const t = text ?? '';
  const xts = /XTS-AES\s*(128|256)/i.exec(t);
  if (xts) return `XtsAes${xts[1] ?? ''}`;
  const aes = /\bAES\s*(128|256)/i.exec(t);
  if (aes) return `Aes${aes[1] ?? ''}${/diffus/i.test(t) ? 'Diffuser' : ''}`;
  return null;
};

export type ManageBdeVolume = JsonObject & {
  MountPoint: string;
  VolumeStatus: string | null;
  ProtectionStatus: string | null;
  EncryptionMethod: string | null;
  EncryptionPercentage: number | null;
  conversionText: string | null;
  protectionText: string | null;
};

export const parseManageBde = (text: string | Buffer): ManageBdeVolume[] => {
  const blocks: { mount: string; values: string[] }[] = [];
  let current: { mount: string; values: string[] } | null = null;
  for (const line of textLines(text)) {
    const start = header.exec(line);
    if (start?.[1] !== undefined) {
      current = { mount: start[1].toUpperCase(), values: [] };
      blocks.push(current);
      continue;
    }
    // A volume without a drive letter (`Volume \\?\Volume{...}\ [...]`) ends the previous block.
    if (/^\S+\s+\\\\\?\\/.test(line)) {
      current = null;
      continue;
    }
    const kv = field.exec(line);
    if (current !== null && kv?.[2] !== undefined) current.values.push(kv[2].trim());
  }
  return blocks.map(({ mount, values }) => {
    const percentage = percentOf(values[3]);
    const fromWords = lookup(values[2], conversions);
    const fromPercentage = percentage === null ? null : percentage >= 100 ? 'FullyEncrypted' : percentage <= 0 ? 'FullyDecrypted' : 'EncryptionInProgress';
    return {
      MountPoint: mount,
      VolumeStatus: fromWords ?? fromPercentage,
      ProtectionStatus: lookup(values[5], protections),
      EncryptionMethod: methodOf(values[4]),
      EncryptionPercentage: percentage,
      conversionText: values[2] ?? null,
      protectionText: values[5] ?? null,
    };
  });
};
