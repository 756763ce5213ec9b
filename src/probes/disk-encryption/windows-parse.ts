/**
 * Pure interpretation of the Windows disk-encryption script's answer: Get-BitLockerVolume (or the
 * Win32_EncryptableVolume CIM class, or the Shell's System.Volume.BitLockerProtection property when
 * neither is allowed), the paging files and NtfsEncryptPagingFile.
 *
 * Numbers as Windows PowerShell 5.1 writes the enums, names as PowerShell 7 does (Microsoft Learn:
 * Get-BitLockerVolume, BitLockerVolume; Win32_EncryptableVolume GetConversionStatus,
 * GetEncryptionMethod, GetProtectionStatus): VolumeStatus/ConversionStatus 0 FullyDecrypted,
 * 1 FullyEncrypted, 2 EncryptionInProgress, 3 DecryptionInProgress, 4 EncryptionSuspended (Paused),
 * 5 DecryptionSuspended; ProtectionStatus 0 Off, 1 On, 2 Unknown; EncryptionMethod 0 None,
 * 1 AES-128 with diffuser, 2 AES-256 with diffuser, 3 AES-128, 4 AES-256, 5 hardware, 6 XTS-AES-128,
 * 7 XTS-AES-256.
 */
import type { Json, JsonObject } from '../../model.js';
import { enumName, isObject, numberOf, objectsOf, stringOf } from '../../platform/windows/json.js';
import { parseManageBde } from './parse-manage-bde.js';

const volumeStatuses: Record<number, string> = {
  0: 'FullyDecrypted',
  1: 'FullyEncrypted',
  2: 'EncryptionInProgress',
  3: 'DecryptionInProgress',
  4: 'EncryptionSuspended',
  5: 'DecryptionSuspended',
};
const protectionStatuses: Record<number, string> = { 0: 'Off', 1: 'On', 2: 'Unknown' };
const methods: Record<number, string> = {
  0: 'None',
  1: 'Aes128Diffuser',
  2: 'Aes256Diffuser',
  3: 'Aes128',
  4: 'Aes256',
  5: 'Hardware',
  6: 'XtsAes128',
  7: 'XtsAes256',
};
const keyProtectorTypes: Record<number, string> = {
  0: 'Unknown',
  1: 'Tpm',
  2: 'ExternalKey',
  3: 'NumericalPassword',
  4: 'TpmPin',
  5: 'TpmStartupKey',
  6: 'TpmPinStartupKey',
  7: 'PublicKey',
  8: 'Password',
  9: 'TpmNetworkKey',
  10: 'AdAccountOrGroup',
};

/**
 * Cipher and key size in the Linux spelling: the whole key as cryptsetup reports it, so XTS-AES-128
 * (two 128-bit keys) is 256 bits and XTS-AES-256 is 512.
 */
export const cipherOf = (method: string | null): { cipher: string | null; keyBits: number | null } => {
  switch ((method ?? '').toLowerCase().replace(/[^a-z0-9]/g, '')) {
    case 'xtsaes128':
      return { cipher: 'aes-xts', keyBits: 256 };
    case 'xtsaes256':
      return { cipher: 'aes-xts', keyBits: 512 };
    case 'aes128':
      return { cipher: 'aes-cbc', keyBits: 128 };
    case 'aes256':
      return { cipher: 'aes-cbc', keyBits: 256 };
    case 'aes128diffuser':
      return { cipher: 'aes-cbc-diffuser', keyBits: 128 };
    case 'aes256diffuser':
      return { cipher: 'aes-cbc-diffuser', keyBits: 256 };
    case 'hardware':
      return { cipher: 'hardware', keyBits: null };
    default:
      return { cipher: null, keyBits: null };
  }
};

export type WindowsVolume = {
  mount: string;
  device: null;
  fstype: null;
  encrypted: boolean | null;
  scheme: 'bitlocker' | null;
  cipher: string | null;
  keyBits: number | null;
  status: string | null;
  protection: string | null;
  percentage: number | null;
  keyProtectors: string[];
  via: string;
};

/** Encrypted = fully encrypted with protection on; suspended protection leaves the key in clear on the disk. */
const judge = (status: string | null, protection: string | null): boolean | null => {
  if (status === null) return null;
  if (status === 'FullyEncrypted') return protection === 'On' ? true : protection === 'Off' ? false : null;
  if (Object.values(volumeStatuses).includes(status)) return false;
  return null;
};

const mountOf = (text: string | null): string | null => (text === null ? null : text.replace(/\\+$/, '').toUpperCase());

const fromBitLocker = (rows: Json, via: string): WindowsVolume[] =>
  objectsOf(rows).flatMap((v): WindowsVolume[] => {
    const mount = mountOf(stringOf(v.MountPoint) ?? stringOf(v.DriveLetter));
    if (mount === null) return [];
    const status = enumName(v.VolumeStatus ?? v.ConversionStatus ?? null, volumeStatuses);
    const protection = enumName(v.ProtectionStatus ?? null, protectionStatuses);
    const method = enumName(v.EncryptionMethod ?? null, methods);
    const encrypted = judge(status, protection);
    const { cipher, keyBits } = status === 'FullyDecrypted' ? { cipher: null, keyBits: null } : cipherOf(method);
    return [
      {
        mount,
        device: null,
        fstype: null,
        encrypted,
        scheme: status === null || status === 'FullyDecrypted' ? null : 'bitlocker',
        cipher,
        keyBits,
        status,
        protection,
        percentage: numberOf(v.EncryptionPercentage ?? null),
        keyProtectors: Array.isArray(v.KeyProtector)
          ? v.KeyProtector.map((k) => enumName(isObject(k) ? (k.KeyProtectorType ?? null) : k, keyProtectorTypes)).filter((k): k is string => k !== null)
          : [],
        via: `${via}: VolumeStatus ${status ?? '?'}, ProtectionStatus ${protection ?? '?'}, EncryptionMethod ${method ?? '?'}`,
      },
    ];
  });

/**
 * System.Volume.BitLockerProtection of the system drive (no administrator needed): 1, 3 and 5 mean
 * protected as ParetoSecurity reads it (probes.md §3.2); 2 means off. Other values are not documented.
 */
const fromShell = (mount: string, value: number): WindowsVolume => ({
  mount,
  device: null,
  fstype: null,
  encrypted: value === 1 || value === 3 || value === 5 ? true : value === 2 ? false : null,
  scheme: value === 2 ? null : 'bitlocker',
  cipher: null,
  keyBits: null,
  status: null,
  protection: null,
  percentage: null,
  keyProtectors: [],
  via: `Shell property System.Volume.BitLockerProtection = ${value}`,
});

/**
 * manage-bde's answer: `{ text, exit, systemProtectionExit, error }`. The exit code of
 * `-protectionaserrorlevel` (0 protected, 1 not: Microsoft Learn, "manage-bde status") gives the
 * system drive's protection when its words are in a language the parser does not know.
 */
const fromManageBde = (value: Json | undefined, systemDrive: string): { volumes: WindowsVolume[]; reasons: string[] } => {
  if (!isObject(value)) return { volumes: [], reasons: [] };
  const text = stringOf(value.text);
  const reasons = stringOf(value.error) !== null ? [`manage-bde: ${stringOf(value.error) ?? ''}`] : [];
  const rows = text === null ? [] : parseManageBde(text);
  if (rows.length === 0) {
    const exit = numberOf(value.exit ?? null);
    reasons.push(`manage-bde -status listed no volume${exit !== null && exit !== 0 ? ` (exit code ${exit})` : ''}`);
    return { volumes: [], reasons };
  }
  const exit = numberOf(value.systemProtectionExit ?? null);
  for (const row of rows) {
    if (row.MountPoint === systemDrive && row.ProtectionStatus === null && (exit === 0 || exit === 1)) row.ProtectionStatus = exit === 0 ? 'On' : 'Off';
  }
  const volumes = fromBitLocker(rows, 'manage-bde -status').map((v) => {
    const row = rows.find((r) => r.MountPoint === v.mount);
    return { ...v, via: `${v.via} (printed: ${row?.conversionText ?? '?'}; ${row?.protectionText ?? '?'})` };
  });
  return { volumes, reasons };
};

export const windowsEncryptionFacts = (value: Json): JsonObject => {
  const o = isObject(value) ? value : {};
  const systemDrive = mountOf(stringOf(o.systemDrive)) ?? 'C:';
  const method: string[] = [];
  const reasons: string[] = [];
  let volumes: WindowsVolume[] = [];
  if (o.bitlocker !== undefined && o.bitlocker !== null) {
    volumes = fromBitLocker(o.bitlocker, 'Get-BitLockerVolume');
    method.push('Get-BitLockerVolume');
  } else {
    if (stringOf(o.bitlockerError) !== null) reasons.push(`Get-BitLockerVolume: ${stringOf(o.bitlockerError) ?? ''}`);
    if (o.cim !== undefined && o.cim !== null) {
      volumes = fromBitLocker(o.cim, 'Win32_EncryptableVolume');
      method.push('Win32_EncryptableVolume');
    } else {
      if (stringOf(o.cimError) !== null) reasons.push(`Win32_EncryptableVolume: ${stringOf(o.cimError) ?? ''}`);
      const bde = fromManageBde(o.manageBde, systemDrive);
      reasons.push(...bde.reasons);
      const shell = numberOf(o.shellProtection ?? null);
      if (bde.volumes.length > 0) {
        volumes = bde.volumes;
        method.push('manage-bde -status');
      } else if (shell !== null) {
        volumes = [fromShell(systemDrive, shell)];
        method.push('System.Volume.BitLockerProtection');
      }
    }
  }
  volumes.sort((a, b) => (a.mount < b.mount ? -1 : a.mount > b.mount ? 1 : 0));
  const system = volumes.find((v) => v.mount === systemDrive);
  if (!system) reasons.push(`no encryption status for the system drive ${systemDrive}`);

  // Paging files: on an encrypted volume, or encrypted by NTFS (NtfsEncryptPagingFile = 1).
  const pagingFiles = Array.isArray(o.pagingFiles) ? o.pagingFiles.map((p) => stringOf(p)).filter((p): p is string => p !== null) : null;
  const ntfsEncrypt = numberOf(o.ntfsEncryptPagingFile ?? null);
  method.push('Win32_PageFileUsage', 'NtfsEncryptPagingFile');
  let swapEncrypted: boolean | null = null;
  let swapVia: string;
  const swap = (pagingFiles ?? []).map((file) => {
    const drive = mountOf(/^([a-z]:)/i.exec(file)?.[1] ?? null) ?? systemDrive;
    const volume = volumes.find((v) => v.mount === drive);
    return {
      device: file,
      type: 'file',
      encrypted: ntfsEncrypt === 1 ? true : (volume?.encrypted ?? null),
      via: ntfsEncrypt === 1 ? 'NtfsEncryptPagingFile = 1' : `on ${drive}`,
    };
  });
  if (ntfsEncrypt === 1) {
    swapEncrypted = true;
    swapVia = 'NtfsEncryptPagingFile = 1: NTFS encrypts the paging files';
  } else if (pagingFiles === null) {
    swapVia = 'the paging files could not be listed';
  } else if (pagingFiles.length === 0) {
    swapEncrypted = true;
    swapVia = 'no paging file';
  } else if (swap.every((s) => s.encrypted === true)) {
    swapEncrypted = true;
    swapVia = `every paging file is on a BitLocker-protected volume (${pagingFiles.join(', ')})`;
  } else if (swap.some((s) => s.encrypted === false)) {
    swapEncrypted = false;
    swapVia = `paging file on a volume without BitLocker protection: ${swap
      .filter((s) => s.encrypted === false)
      .map((s) => s.device)
      .join(', ')}`;
  } else {
    swapVia = 'the encryption of the volume holding the paging file is unknown';
  }
  const encrypted = system?.encrypted ?? null;
  return {
    volumes: volumes.map((v) => ({ ...v })),
    systemDrive,
    systemVolumeEncrypted: encrypted,
    systemVolumeCipher: encrypted === true ? (system?.cipher ?? null) : null,
    systemVolumeKeyBits: encrypted === true ? (system?.keyBits ?? null) : null,
    swapEncrypted,
    swap: swap.map((s) => ({ ...s })),
    swapVia,
    crypttab: [],
    method,
    reasons,
  };
};
