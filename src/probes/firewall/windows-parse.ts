/**
 * Pure interpretation of the Windows firewall script's answer: Get-NetFirewallProfile for the
 * effective policy (-PolicyStore ActiveStore: local settings merged with Group Policy) and the local
 * settings (the default PersistentStore), and the state of the MpsSvc service.
 *
 * Enums as Windows PowerShell 5.1 writes them (numbers) or PowerShell 7 (names): Enabled is a
 * GpoBoolean (0 False, 1 True, 2 NotConfigured); DefaultInboundAction is an Action (0
 * NotConfigured, 2 Allow, 4 Block) (Microsoft Learn, Get-NetFirewallProfile / MSFT_NetFirewallProfile).
 * NotConfigured inbound means Windows' default, which is Block ("These settings are Block by
 * default", Microsoft Learn, INetFwPolicy2::get_DefaultInboundAction).
 */
import type { Json, JsonObject } from '../../model.js';
import { enumName, isObject, objectsOf, stringOf } from '../../platform/windows/json.js';

const gpoBoolean: Record<number, string> = { 0: 'False', 1: 'True', 2: 'NotConfigured' };
const actions: Record<number, string> = { 0: 'NotConfigured', 2: 'Allow', 4: 'Block' };
const profileNames = ['Domain', 'Private', 'Public'] as const;

export type WindowsProfile = {
  name: string;
  enabled: boolean | null;
  defaultInbound: 'deny' | 'allow' | null;
  enabledSetting: string | null;
  inboundSetting: string | null;
};

const profileOf = (p: JsonObject): WindowsProfile | null => {
  const name = stringOf(p.Name);
  if (name === null) return null;
  const enabledSetting = enumName(p.Enabled ?? null, gpoBoolean);
  const inboundSetting = enumName(p.DefaultInboundAction ?? null, actions);
  const enabled = enabledSetting === null ? null : /^true$/i.test(enabledSetting) ? true : /^false$/i.test(enabledSetting) ? false : null;
  const defaultInbound =
    inboundSetting === null ? null : /^(block|notconfigured)$/i.test(inboundSetting) ? 'deny' : /^allow$/i.test(inboundSetting) ? 'allow' : null;
  return { name, enabled, defaultInbound, enabledSetting, inboundSetting };
};

export const profilesOf = (rows: Json): WindowsProfile[] =>
  objectsOf(rows)
    .map(profileOf)
    .filter((p): p is WindowsProfile => p !== null);

const describe = (store: string, p: WindowsProfile): string =>
  `${store} ${p.name} profile: Enabled ${p.enabledSetting ?? '?'}, DefaultInboundAction ${p.inboundSetting ?? '?'}${
    p.inboundSetting !== null && /^notconfigured$/i.test(p.inboundSetting) ? ' (Windows default: Block)' : ''
  }`;

export const windowsFirewallFacts = (value: Json): JsonObject => {
  const o = isObject(value) ? value : {};
  const evidence: string[] = [];
  const reasons: string[] = [];
  const active = o.active === undefined || o.active === null ? null : profilesOf(o.active);
  const local = o.local === undefined || o.local === null ? [] : profilesOf(o.local);
  const service = stringOf(o.service);
  if (active === null) reasons.push(`Get-NetFirewallProfile -PolicyStore ActiveStore failed: ${stringOf(o.activeError) ?? 'no answer'}`);
  for (const p of active ?? []) evidence.push(describe('ActiveStore', p));
  for (const p of local) evidence.push(describe('local (PersistentStore)', p));
  if (service !== null) evidence.push(`MpsSvc (Windows Defender Firewall service): ${service}`);

  const byName = new Map((active ?? []).map((p) => [p.name.toLowerCase(), p]));
  const three = profileNames.map((n) => byName.get(n.toLowerCase()));
  const missing = profileNames.filter((_, i) => three[i] === undefined);
  if (active !== null && missing.length > 0) reasons.push(`no ${missing.join(', ')} profile in the answer`);

  let enabled: boolean | null = null;
  if (service !== null && !/^running$/i.test(service)) enabled = false;
  else if (three.some((p) => p?.enabled === false)) enabled = false;
  else if (three.every((p) => p?.enabled === true)) enabled = true;
  if (enabled === false && service !== null && !/^running$/i.test(service)) reasons.push('the MpsSvc service is not running: no profile is enforced');

  let defaultInbound: 'deny' | 'allow' | null = null;
  if (three.some((p) => p?.defaultInbound === 'allow')) defaultInbound = 'allow';
  else if (three.every((p) => p?.defaultInbound === 'deny')) defaultInbound = 'deny';

  return {
    enabled,
    defaultInbound,
    defaultInboundByFamily: null,
    backend: 'windows-firewall',
    source: 'ruleset',
    tools: ['Get-NetFirewallProfile'],
    profiles: (active ?? []).map((p) => ({ name: p.name, enabled: p.enabled, defaultInbound: p.defaultInbound })),
    evidence,
    reasons,
  };
};
