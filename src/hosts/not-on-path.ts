/**
 * Whether a program is certainly missing: a bare name found in no directory of PATH, so that
 * spawning it could only fail with ENOENT. Probes ask for tools a machine may not have (nft,
 * iptables-save, firewall-cmd, ...); spawning one forks the whole process and tries each PATH
 * directory in the child, which costs the check more than a stat per directory.
 */
import { stat } from 'node:fs';

const statCode = (path: string): Promise<string | undefined> =>
  new Promise((resolve) => {
    stat(path, (error) => {
      resolve(error === null ? undefined : (error.code ?? 'EUNKNOWN'));
    });
  });

/**
 * True only when `file` has no `/`, `searchPath` lists absolute directories only (no empty entry:
 * that is the current directory), and `<dir>/<file>` is absent from every one of them (ENOENT or
 * ENOTDIR, what execve skips). Anything else, existing or not readable, is left to the spawn.
 */
export const notOnPath = async (file: string, searchPath: string | undefined): Promise<boolean> => {
  if (file === '' || file.includes('/') || searchPath === undefined || searchPath === '') return false;
  const dirs = searchPath.split(':');
  if (dirs.some((dir) => !dir.startsWith('/'))) return false;
  const codes = await Promise.all(dirs.map((dir) => statCode(`${dir}/${file}`)));
  return codes.every((code) => code === 'ENOENT' || code === 'ENOTDIR');
};
