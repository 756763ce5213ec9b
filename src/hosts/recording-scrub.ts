/**
 * Secrets a recording never keeps, whatever `--redact` says: the password hashes of shadow files
 * and the GECOS field (real names, phone numbers) of passwd files. The shape stays, so that a
 * replay decides the same: a locked (`!`, `*`) or empty password stays so, and a password that is
 * set keeps a placeholder after its lock marks.
 */

const shadowFiles = new Set(['/etc/shadow', '/etc/shadow-', '/etc/gshadow', '/etc/gshadow-']);
const passwdFiles = new Set(['/etc/passwd', '/etc/passwd-']);

/** What stands for a password hash in a recording. */
export const hashPlaceholder = 'HASH-REMOVED';

/** `!$6$...` → `!HASH-REMOVED`; `*`, `!`, `!!`, `` stay as they are. */
export const scrubPassword = (field: string): string => {
  const marks = /^[!*]*/.exec(field)?.[0] ?? '';
  return field.length === marks.length ? field : `${marks}${hashPlaceholder}`;
};

const mapLines = (text: string, line: (fields: string[]) => string[]): string =>
  text
    .split('\n')
    .map((l) => (l === '' || l.startsWith('#') || !l.includes(':') ? l : line(l.split(':')).join(':')))
    .join('\n');

/** The content to record for `path`: scrubbed when it is a shadow or passwd file, else as is. */
export const scrubRecordedFile = (path: string, bytes: Buffer): Buffer => {
  if (shadowFiles.has(path)) {
    return Buffer.from(mapLines(bytes.toString('utf8'), (f) => (f.length > 1 ? [f[0] ?? '', scrubPassword(f[1] ?? ''), ...f.slice(2)] : f)));
  }
  if (passwdFiles.has(path)) {
    return Buffer.from(mapLines(bytes.toString('utf8'), (f) => (f.length >= 7 ? [...f.slice(0, 4), '', ...f.slice(5)] : f)));
  }
  return bytes;
};
