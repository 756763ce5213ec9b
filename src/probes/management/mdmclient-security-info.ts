/**
 * `/usr/libexec/mdmclient QuerySecurityInfo` (root, running Mac): what the MDM client would answer
 * to the SecurityInfo command, printed as NeXTSTEP text after `Daemon response:`. Read here:
 * SecurityInfo → ManagementStatus (EnrolledViaDEP, UserApprovedEnrollment, IsUserEnrollment),
 * FDE_Enabled and FirewallSettings → FirewallEnabled, for evidence.
 */
import { parseNextStep } from '../../platform/macos/nextstep.js';
import { isDict, type PlainDict, type PlainValue } from '../../platform/macos/plist.js';

export interface MdmSecurityInfo {
  enrolledViaDep: boolean | null;
  userApproved: boolean | null;
  /** A User Enrollment (a personal device): the MDM manages a separate volume only. */
  userEnrollment: boolean | null;
  fdeEnabled: boolean | null;
  firewallEnabled: boolean | null;
}

export type SecurityInfoRead = { status: 'ok'; info: MdmSecurityInfo } | { status: 'error'; reason: string };

const flag = (dict: PlainDict | undefined, key: string): boolean | null => {
  const value: PlainValue | undefined = dict?.[key];
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return null;
  if (/^(1|yes|true)$/i.test(value)) return true;
  if (/^(0|no|false)$/i.test(value)) return false;
  return null;
};

const child = (dict: PlainDict | undefined, key: string): PlainDict | undefined => {
  const value = dict?.[key];
  return isDict(value) ? value : undefined;
};

export const parseQuerySecurityInfo = (text: string): SecurityInfoRead => {
  const start = text.search(/Daemon response:/i);
  if (start < 0) return { status: 'error', reason: 'no "Daemon response:" in the output' };
  let value: PlainValue;
  try {
    value = parseNextStep(text.slice(start).replace(/^Daemon response:/i, ''));
  } catch (error) {
    return { status: 'error', reason: `unreadable response (${error instanceof Error ? error.message : String(error)})` };
  }
  const security = isDict(value) ? child(value, 'SecurityInfo') : undefined;
  if (security === undefined) return { status: 'error', reason: 'the response holds no SecurityInfo dictionary' };
  const management = child(security, 'ManagementStatus');
  return {
    status: 'ok',
    info: {
      enrolledViaDep: flag(management, 'EnrolledViaDEP'),
      userApproved: flag(management, 'UserApprovedEnrollment'),
      userEnrollment: flag(management, 'IsUserEnrollment'),
      fdeEnabled: flag(security, 'FDE_Enabled'),
      firewallEnabled: flag(child(security, 'FirewallSettings'), 'FirewallEnabled'),
    },
  };
};

/**
 * Whether the answer proves an MDM enrolment: each of EnrolledViaDEP, UserApprovedEnrollment and
 * IsUserEnrollment implies one. All false does not prove the contrary (a profile installed by hand
 * that the user did not approve sets none of them), so that is null, never false.
 */
export const enrolledBySecurityInfo = (info: MdmSecurityInfo): true | null =>
  info.enrolledViaDep === true || info.userApproved === true || info.userEnrollment === true ? true : null;
