/** One account line of /etc/passwd (name:password:uid:gid:gecos:home:shell). */
export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

const decimal = /^\d+$/;

/**
 * Parses /etc/passwd text. Lines that are blank, comments, NIS compat entries (`+`/`-`) or that do not
 * have seven fields with numeric uid and gid are skipped rather than guessed at.
 */
export const parsePasswd = (text: string): PasswdEntry[] => {
  const entries: PasswdEntry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '' || line.startsWith('#') || line.startsWith('+') || line.startsWith('-')) continue;
    const fields = line.split(':');
    if (fields.length !== 7) continue;
    const [name = '', , uid = '', gid = '', , home = '', shell = ''] = fields;
    if (name === '' || !decimal.test(uid) || !decimal.test(gid)) continue;
    entries.push({ name, uid: Number(uid), gid: Number(gid), home, shell });
  }
  return entries;
};
