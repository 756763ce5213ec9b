/** Pure parsers of the macOS management probe. */
import { outputLines } from '../../platform/macos/run.js';

export interface EnrollmentStatus {
  /** `Enrolled via DEP: Yes` (Automated Device Enrollment through Apple Business Manager). */
  dep: boolean | null;
  /** `MDM enrollment: Yes` or `Yes (User Approved)`. */
  mdm: boolean | null;
  userApproved: boolean | null;
  /** `MDM server: <url>` when the tool prints it. */
  server: string | null;
  lines: string[];
}

const yesNo = (value: string | undefined): boolean | null => {
  if (value === undefined) return null;
  if (/^yes\b/i.test(value.trim())) return true;
  if (/^no\b/i.test(value.trim())) return false;
  return null;
};

/**
 * `profiles status -type enrollment` (profiles(1); lines matched by prefix, in any order):
 *   Enrolled via DEP: No
 *   MDM enrollment: Yes (User Approved)
 *   MDM server: https://example.jamfcloud.com/mdm/ServerURL
 */
export const parseProfilesEnrollment = (text: string): EnrollmentStatus => {
  const lines = outputLines(text).map((line) => line.trim());
  const field = (name: RegExp): string | undefined => {
    for (const line of lines) {
      const match = name.exec(line);
      if (match) return line.slice(match[0].length).trim();
    }
    return undefined;
  };
  const mdmText = field(/^MDM enrol?lment:/i);
  const mdm = yesNo(mdmText);
  return {
    dep: yesNo(field(/^Enrolled via DEP:/i)),
    mdm,
    userApproved: mdm === true ? /user approved/i.test(mdmText ?? '') : mdm === false ? false : null,
    server: field(/^MDM server:/i) ?? null,
    lines: lines.filter((line) => /^(Enrolled via DEP|MDM enrol?lment|MDM server):/i.test(line)),
  };
};

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The last `Checking for policies triggered by "recurring check-in"` line of /var/log/jamf.log
 * (`Thu Feb 21 11:16:41 host jamf[8051]: Checking for policies triggered by "recurring check-in" for user "u"...`).
 * The log has no year: the latest year that does not put the line after `reference` (the log's
 * mtime, or now) is used. Returns the local wall-clock time as `YYYY-MM-DD HH:MM:SS`.
 */
export const lastJamfCheckIn = (text: string, reference: Date): string | null => {
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/ jamf\[\d+\]: /.test(line) && /triggered by "recurring check-in"/i.test(line)) last = line;
  }
  if (last === undefined) return null;
  const match = /^\s*\w{3}\s+(\w{3})\s+(\d{1,2})\s+(\d\d):(\d\d):(\d\d)\b/.exec(last);
  if (!match) return null;
  const month = months.indexOf((match[1] ?? '').toLowerCase());
  if (month < 0) return null;
  const [day, hour, minute, second] = [match[2], match[3], match[4], match[5]].map(Number) as [number, number, number, number];
  let year = reference.getUTCFullYear();
  // Allow a day of slack for the time zone: the wall time is local, the reference UTC.
  if (Date.UTC(year, month, day, hour, minute, second) > reference.getTime() + 86_400_000) year -= 1;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${year}-${pad(month + 1)}-${pad(day)} ${pad(hour)}:${pad(minute)}:${pad(second)}`;
};

/** The MDM vendor a server URL belongs to (reference/probes.md §2.7). */
export const vendorOfServer = (url: string): string | null => {
  const host = /^[a-z]+:\/\/([^/:]+)/i.exec(url.trim())?.[1]?.toLowerCase() ?? '';
  if (host.endsWith('.manage.microsoft.com')) return 'intune';
  if (host.endsWith('.jamfcloud.com')) return 'jamf';
  if (host.endsWith('.kandji.io')) return 'kandji';
  if (host.endsWith('.mosyle.com')) return 'mosyle';
  if (/\/mdm\/apple\/mdm/i.test(url)) return 'fleet';
  return null;
};
