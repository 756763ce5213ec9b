/**
 * Locking through power management, how most Windows laptops and desktops actually lock: after
 * "Sleep after" (STANDBYIDLE) seconds without input the machine sleeps, and with "Require a password
 * on wakeup" (CONSOLELOCK = 1) waking it needs the password. Both are machine-wide settings of the
 * active power scheme (`powercfg /qh SCHEME_CURRENT ...`, parse-powercfg.ts), overridden by the
 * Group Policy values ACSettingIndex / DCSettingIndex under
 * HKLM\SOFTWARE\Policies\Microsoft\Power\PowerSettings\<setting GUID> ("Require a password when a
 * computer wakes", "Specify the system sleep timeout"; Microsoft Learn, Policy CSP - Power).
 *
 * The worse of plugged in (AC) and on battery (DC) counts: a machine that never sleeps on one of
 * them does not lock this way. Turning the display off (VIDEOIDLE) does not lock by itself, and
 * VIDEOCONLOCK only says how soon a locked console's display goes dark: both are evidence only.
 * Pure.
 */
import type { Json, JsonObject } from '../../model.js';
import { isObject, stringOf } from '../../platform/windows/json.js';
import { regNumber } from '../../platform/windows/registry.js';
import { parsePowercfg, powerSettings, type PowerIndexes } from './parse-powercfg.js';

export type PowerLock = {
  /** true: the machine locks after `idleSeconds` by sleeping; false: not this way; null: unknown. */
  locks: boolean | null;
  idleSeconds: number | null;
  /** Both settings come from Group Policy. */
  enforced: boolean;
  evidence: string[];
  reason: string | null;
};

const valuesOf = (value: Json | undefined): JsonObject => (isObject(value) ? value : {});

const withPolicy = (scheme: PowerIndexes | undefined, policy: JsonObject): { value: PowerIndexes; fromPolicy: boolean } => {
  const ac = regNumber(policy.ACSettingIndex);
  const dc = regNumber(policy.DCSettingIndex);
  return {
    value: { ac: ac ?? scheme?.ac ?? null, dc: dc ?? scheme?.dc ?? null },
    fromPolicy: ac !== null && dc !== null,
  };
};

const show = (v: PowerIndexes, unit = ''): string => `AC ${v.ac === null ? '?' : `${v.ac}${unit}`}, DC ${v.dc === null ? '?' : `${v.dc}${unit}`}`;

/**
 * `power`: `{ text, error }` as the script returns it (powercfg's output, or why it could not run);
 * `policy`: `{ consoleLock, standbyIdle }`, each the policy key's values.
 */
export const powerLock = (power: Json | undefined, policy: Json | undefined): PowerLock => {
  const p = valuesOf(power);
  const text = stringOf(p.text);
  if (text === null) {
    const why = `powercfg could not be read${stringOf(p.error) ? ` (${stringOf(p.error) ?? ''})` : ''}`;
    return { locks: null, idleSeconds: null, enforced: false, evidence: [why], reason: why };
  }
  const { settings } = parsePowercfg(text);
  const policies = valuesOf(policy);
  const wake = withPolicy(settings.get(powerSettings.consoleLock), valuesOf(policies.consoleLock));
  const sleep = withPolicy(settings.get(powerSettings.standbyIdle), valuesOf(policies.standbyIdle));
  const evidence = [
    `Require a password on wakeup (CONSOLELOCK): ${show(wake.value)}${wake.fromPolicy ? ' (Group Policy)' : ''}`,
    `Sleep after (STANDBYIDLE): ${show(sleep.value, ' s')}${sleep.fromPolicy ? ' (Group Policy)' : ''}`,
  ];
  const display = settings.get(powerSettings.videoIdle);
  if (display) evidence.push(`Turn off display after (VIDEOIDLE): ${show(display, ' s')} (turning the display off does not lock)`);
  const conlock = settings.get(powerSettings.videoConsoleLock);
  if (conlock) evidence.push(`Console lock display off timeout (VIDEOCONLOCK): ${show(conlock, ' s')} (after locking; does not lock)`);

  const both = (v: PowerIndexes): number[] | null => (v.ac === null || v.dc === null ? null : [v.ac, v.dc]);
  const wakeValues = both(wake.value);
  const sleepValues = both(sleep.value);
  const enforced = wake.fromPolicy && sleep.fromPolicy;
  if ((wakeValues !== null && wakeValues.some((v) => v === 0)) || (sleepValues !== null && sleepValues.some((v) => v === 0))) {
    return { locks: false, idleSeconds: null, enforced, evidence, reason: null };
  }
  if (wakeValues === null || sleepValues === null || wakeValues.some((v) => v !== 1)) {
    const reason = 'the power settings that lock on wake-up from sleep could not all be read';
    return { locks: null, idleSeconds: null, enforced, evidence: [...evidence, reason], reason };
  }
  return { locks: true, idleSeconds: Math.max(...sleepValues), enforced, evidence, reason: null };
};
