import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { GovernanceInput } from '../governance/apply.js';
import { openPolicy } from '../policy/open.js';
import type { Policy } from '../policy/policy.js';
import type { Io } from './io.js';
import { defaultPolicyFile } from '../package-info.js';

export interface PolicyFlags {
  policy?: string;
  policySha256?: string;
  waivers?: string;
  attestations?: string;
}

/**
 * The policy a run applies, refused when `--policy-sha256` names other content (the hash covers the
 * policy file, its catalogs and every policy it extends: the `policy.sha256` of every report), with
 * the waivers and attestations given on the command line, checked against it.
 */
export const loadPolicyForRun = async (flags: PolicyFlags, io: Pick<Io, 'cwd'>): Promise<{ policy: Policy; governance?: GovernanceInput }> => {
  const policy = await openPolicy(flags.policy ? resolve(io.cwd, flags.policy) : defaultPolicyFile());
  // A prefix of at least 12 hex digits (what reports show) pins the policy as the full hash does.
  if (flags.policySha256 !== undefined && !policy.sha256.startsWith(flags.policySha256)) {
    const what = flags.policySha256.length === 64 ? 'the expected' : 'the expected prefix';
    throw new UsageError(
      `the policy ${policy.id} ${policy.version} has sha256 ${policy.sha256}, not ${what} ${flags.policySha256}: refusing to run a policy whose content differs`,
    );
  }
  if (flags.waivers === undefined && flags.attestations === undefined) return { policy };
  // The YAML parser and the schema validators, only for a run that reads these files.
  const { loadAttestations, loadWaivers } = await import('../governance/load.js');
  const [waivers, attestations] = await Promise.all([
    flags.waivers === undefined ? [] : loadWaivers(flags.waivers, policy, io.cwd),
    flags.attestations === undefined ? [] : loadAttestations(flags.attestations, policy, io.cwd),
  ]);
  return { policy, governance: { waivers, attestations } };
};
