/**
 * disk-encryption on macOS.
 *
 * - systemVolumeEncrypted: `fdesetup status` (works without root). FileVault state cannot be read
 *   from a mounted disk (mounting it already needed unlocking), so it is null at rest.
 * - Cipher and key size: FileVault uses AES-XTS (Apple Platform Security guide, "Volume encryption
 *   with FileVault in macOS", https://support.apple.com/guide/security/sec4c6dc1b6e/web: "FileVault
 *   uses the AES-XTS data encryption algorithm to protect full volumes"), XTS-AES-128 whose two
 *   128-bit keys make 256 bits in the Linux spelling (cryptsetup's key size). These are documented,
 *   not measured: systemVolumeCipherSource says so.
 * - Swap: macOS encrypts virtual memory (swap files) unconditionally since OS X 10.7 Lion ("secure
 *   virtual memory" is no longer optional; Apple Platform Security guide and `sysctl vm.swapusage`,
 *   which prints "(encrypted)"). Live: that line; otherwise the release from SystemVersion.plist.
 */
import type { Host } from '../../hosts/host.js';
import type { JsonObject, ProbeOutcome } from '../../model.js';
import { failure, runTool, succeeded } from '../../platform/macos/run.js';
import { readSystemVersion, versionParts } from '../../platform/macos/system-version.js';
import { ok, type ProbeContext } from '../probe.js';
import { parseFdesetupStatus, parseSwapUsage, type FileVaultStatus } from './macos-parse.js';

export const fileVaultCipher = 'aes-xts';
export const fileVaultKeyBits = 256;

/** Swap encryption cannot be turned off since 10.7. */
const alwaysEncryptsSwap = (version: string | null): boolean | null => {
  const parts = versionParts(version);
  if (!parts) return null;
  const [major, minor] = parts;
  return major > 10 || (major === 10 && minor >= 7);
};

export const collectMacos = async (host: Host, context: ProbeContext): Promise<ProbeOutcome> => {
  const live = context.capabilities.live && context.capabilities.exec;
  const method: string[] = [];
  const reasons: string[] = [];
  let status: FileVaultStatus | undefined;
  let swapFromSysctl: boolean | null = null;
  if (live) {
    const [fde, swap] = await Promise.all([runTool(host, 'fdesetup', ['status']), runTool(host, 'sysctl', ['vm.swapusage'])]);
    if (succeeded(fde)) {
      status = parseFdesetupStatus(fde.stdout);
      method.push('fdesetup');
      if (status.state === 'unknown') reasons.push(`fdesetup status: unrecognised output ${JSON.stringify(fde.stdout.trim())}`);
    } else reasons.push(failure('fdesetup status', fde));
    if (succeeded(swap)) {
      swapFromSysctl = parseSwapUsage(swap.stdout);
      if (swapFromSysctl !== null) method.push('sysctl');
    }
  } else {
    reasons.push('FileVault state is not readable from a target at rest (the volume had to be unlocked to be mounted)');
  }
  const system = await readSystemVersion(host);
  const swapBySystem = alwaysEncryptsSwap(system?.version ?? null);
  const swapEncrypted = swapFromSysctl ?? swapBySystem;
  const swapVia =
    swapFromSysctl !== null
      ? `sysctl vm.swapusage ${swapFromSysctl ? 'reports (encrypted)' : 'does not report (encrypted)'}`
      : swapBySystem !== null
        ? `macOS ${system?.version ?? '?'}: swap is always encrypted since OS X 10.7`
        : 'the macOS release is unknown';
  if (swapFromSysctl === null && swapBySystem !== null) method.push('system-version');

  const encrypted = status?.encrypted ?? null;
  const cipher = encrypted === true ? fileVaultCipher : null;
  const keyBits = encrypted === true ? fileVaultKeyBits : null;
  const via = status === undefined ? 'FileVault state unknown' : `fdesetup status: ${status.lines.join(' / ')}`;
  const facts: JsonObject = {
    volumes: [{ mount: '/', device: null, fstype: 'apfs', encrypted, scheme: encrypted === true ? 'filevault' : null, cipher, keyBits, via }],
    systemVolumeEncrypted: encrypted,
    systemVolumeCipher: cipher,
    systemVolumeKeyBits: keyBits,
    systemVolumeCipherSource: encrypted === true ? 'documented: FileVault uses XTS-AES-128 (Apple Platform Security guide), not read from the machine' : null,
    fileVaultState: status?.state ?? null,
    swapEncrypted,
    swap: [],
    swapVia,
    crypttab: [],
    method,
    reasons,
  };
  return ok(facts);
};
