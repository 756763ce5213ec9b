/**
 * firewall on macOS: the Application Firewall (socketfilterfw / com.apple.alf).
 *
 * Sources, strongest first: a configuration profile (`/Library/Managed Preferences/
 * com.apple.security.firewall.plist`: EnableFirewall, BlockAllIncoming, EnableStealthMode), then
 * the running firewall (`socketfilterfw --getglobalstate` etc., no root needed), then
 * `/Library/Preferences/com.apple.alf.plist` `globalstate` (the file the firewall keeps its
 * setting in; readable at rest; reported as no longer authoritative on macOS 15, hence last).
 *
 * defaultInbound: the Application Firewall filters per application, not per port. When it is on,
 * an incoming connection is accepted only for an app or service that is allowed (listed, or signed
 * software while "automatically allow signed software" is on); anything else is blocked. That is a
 * default-deny policy with exceptions, the same as a Linux firewall whose input policy is drop with
 * accept rules: 'deny'. Off (state 0) accepts everything: 'allow'. State 2 (block all incoming,
 * essential services only) is 'deny' too; blockAll tells the two apart.
 */
import type { Host } from '../../hosts/host.js';
import type { JsonObject, ProbeOutcome } from '../../model.js';
import { readManaged } from '../../platform/macos/managed.js';
import { boolValue, numberValue, plistDict, readPlist } from '../../platform/macos/plist.js';
import { failure, runTool, succeeded } from '../../platform/macos/run.js';
import { ok, type ProbeContext } from '../probe.js';
import { alfState, parseAllowSigned, parseBlockAll, parseGlobalState, parseStealthMode, type AlfState } from './macos-parse.js';

export const socketfilterfw = '/usr/libexec/ApplicationFirewall/socketfilterfw';
export const alfPlistPath = '/Library/Preferences/com.apple.alf.plist';

const direction = (state: AlfState | null): 'deny' | 'allow' | null => (state === null ? null : state === 0 ? 'allow' : 'deny');

export const collectMacos = async (host: Host, context: ProbeContext): Promise<ProbeOutcome> => {
  const evidence: string[] = [];
  const reasons: string[] = [];
  const live = context.capabilities.live && context.capabilities.exec;

  let state: AlfState | null = null;
  let stealth: boolean | null = null;
  let blockAll: boolean | null = null;
  let allowSigned: { builtIn: boolean | null; downloaded: boolean | null } = { builtIn: null, downloaded: null };
  let source: 'ruleset' | 'configuration' | null = null;

  if (live) {
    const [global, block, stealthMode, signed] = await Promise.all([
      runTool(host, socketfilterfw, ['--getglobalstate']),
      runTool(host, socketfilterfw, ['--getblockall']),
      runTool(host, socketfilterfw, ['--getstealthmode']),
      runTool(host, socketfilterfw, ['--getallowsigned']),
    ]);
    if (succeeded(global)) {
      state = parseGlobalState(global.stdout);
      if (state !== null) {
        source = 'ruleset';
        evidence.push(`socketfilterfw --getglobalstate: ${global.stdout.trim()}`);
      } else reasons.push(`socketfilterfw --getglobalstate: unrecognised output ${JSON.stringify(global.stdout.trim())}`);
    } else reasons.push(failure('socketfilterfw --getglobalstate', global));
    if (succeeded(block)) blockAll = parseBlockAll(block.stdout);
    if (succeeded(stealthMode)) stealth = parseStealthMode(stealthMode.stdout);
    if (succeeded(signed)) allowSigned = parseAllowSigned(signed.stdout);
  }

  const alf = await readPlist(host, alfPlistPath);
  const alfDict = plistDict(alf);
  const fileState = alfState(numberValue(alfDict, 'globalstate'));
  if (state === null) {
    if (fileState !== null) {
      state = fileState;
      source = 'configuration';
      evidence.push(`${alfPlistPath}: globalstate = ${fileState}`);
    } else if (alf.status === 'error') reasons.push(alf.message);
    else reasons.push(`${alfPlistPath}: ${alf.status === 'absent' ? 'absent' : 'no globalstate'}`);
    stealth ??= boolValue(alfDict, 'stealthenabled');
  }

  const managed = await readManaged(host, 'com.apple.security.firewall');
  let enforced = false;
  if (managed) {
    const enable = boolValue(managed.dict, 'EnableFirewall');
    const block = boolValue(managed.dict, 'BlockAllIncoming');
    const managedStealth = boolValue(managed.dict, 'EnableStealthMode');
    if (enable !== null) {
      enforced = true;
      evidence.push(`${managed.paths.join(', ')}: EnableFirewall = ${enable}${block === null ? '' : `, BlockAllIncoming = ${block}`}`);
      // The profile decides what the firewall does; a live answer that disagrees is reported.
      const profileState: AlfState = !enable ? 0 : block === true ? 2 : 1;
      if (state !== null && state !== profileState) {
        reasons.push(`the configuration profile sets state ${profileState} but the firewall reports ${state}: the live state is kept`);
      } else if (state === null) {
        state = profileState;
        source = 'configuration';
      }
    }
    if (block !== null) blockAll ??= block;
    if (managedStealth !== null) stealth ??= managedStealth;
  }
  if (blockAll === null && state !== null) blockAll = state === 2;

  const defaultInbound = direction(state);
  if (state !== null && state > 0) {
    evidence.push('the Application Firewall blocks incoming connections to any app or service that is not allowed: default inbound deny');
  }
  const facts: JsonObject = {
    enabled: state === null ? null : state > 0,
    defaultInbound,
    defaultInboundByFamily: { ipv4: defaultInbound, ipv6: defaultInbound },
    backend: state === null ? null : 'application-firewall',
    source,
    state,
    blockAll,
    stealthMode: stealth,
    allowSignedBuiltIn: allowSigned.builtIn,
    allowSignedDownloaded: allowSigned.downloaded,
    enforced,
    tools: [],
    evidence,
    reasons,
  };
  return ok(facts);
};
