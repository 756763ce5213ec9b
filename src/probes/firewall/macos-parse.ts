/**
 * Pure parsers of `/usr/libexec/ApplicationFirewall/socketfilterfw` output (reference/probes.md
 * §2.5; wording varies between releases, so each parser looks for the deciding words only):
 *   --getglobalstate  Firewall is enabled. (State = 1) | Firewall is disabled. (State = 0) | ... (State = 2)
 *   --getblockall     Firewall has block all state set to enabled. | ... disabled.  (older: Block all INCOMING ... )
 *   --getstealthmode  Stealth mode enabled | Stealth mode disabled | Firewall stealth mode is on | ... off
 *   --getallowsigned  Automatically allow built-in signed software ENABLED. / ... downloaded signed software DISABLED.
 */
import { outputLines } from '../../platform/macos/run.js';

/** 0 = off, 1 = on (apps allowed by rule or signature), 2 = block all incoming connections. */
export type AlfState = 0 | 1 | 2;

export const parseGlobalState = (text: string): AlfState | null => {
  const numeric = /State\s*=\s*([012])\b/i.exec(text);
  if (numeric) return Number(numeric[1]) as AlfState;
  const line = outputLines(text).find((l) => /firewall/i.test(l)) ?? '';
  if (/\bdisabled\b|\boff\b/i.test(line)) return 0;
  if (/block(ing)? all/i.test(line)) return 2;
  if (/\benabled\b|\bon\b/i.test(line)) return 1;
  return null;
};

const onOff = (line: string | undefined): boolean | null => {
  if (line === undefined) return null;
  if (/\b(disabled|off)\b/i.test(line)) return false;
  if (/\b(enabled|on)\b/i.test(line)) return true;
  return null;
};

export const parseStealthMode = (text: string): boolean | null => onOff(outputLines(text).find((l) => /stealth/i.test(l)));

export const parseBlockAll = (text: string): boolean | null => onOff(outputLines(text).find((l) => /block all/i.test(l)));

export const parseAllowSigned = (text: string): { builtIn: boolean | null; downloaded: boolean | null } => {
  const lines = outputLines(text);
  return {
    builtIn: onOff(lines.find((l) => /built-?in/i.test(l))),
    downloaded: onOff(lines.find((l) => /downloaded/i.test(l))),
  };
};

/** com.apple.alf.plist `globalstate` (0, 1, 2) as a state; null for anything else. */
export const alfState = (value: number | null): AlfState | null => (value === 0 || value === 1 || value === 2 ? value : null);
