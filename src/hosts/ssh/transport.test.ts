import { describe, expect, it } from 'vitest';
import { percentEscaped, SshClient, sshConfigWord, sshPathProblem } from './transport.js';

/** What OpenSSH's argv_split (misc.c) makes of a config value: quotes and the escapes \\ \" \' and, outside quotes, "\ ". */
const argvSplit = (s: string): string[] => {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === ' ' || s[i] === '\t') {
      i++;
      continue;
    }
    let arg = '';
    let quote = '';
    for (; i < s.length; i++) {
      const c = s[i] ?? '';
      const next = s[i + 1] ?? '';
      if (c === '\\' && (next === "'" || next === '"' || next === '\\' || (quote === '' && next === ' '))) arg += s[++i] ?? '';
      else if (quote === '' && (c === ' ' || c === '\t')) break;
      else if (quote === '' && (c === '"' || c === "'")) quote = c;
      else if (quote !== '' && c === quote) quote = '';
      else arg += c;
    }
    out.push(arg);
  }
  return out;
};

describe('ssh options from paths', () => {
  it('quotes a known hosts path as one ssh_config word, spaces and all', () => {
    for (const path of ['/tmp/known hosts', "/tmp/it's here/kh", '/tmp/a\ttab', '/plain/known_hosts']) {
      expect(argvSplit(sshConfigWord(path))).toEqual([path]);
    }
  });

  it('escapes % so that ssh does not expand %h, %d, ...', () => {
    expect(percentEscaped('/keys/%h/id_ed25519')).toBe('/keys/%%h/id_ed25519');
  });

  it('refuses paths ssh cannot be given reliably', () => {
    expect(sshPathProblem('/tmp/a"b')).toMatch(/double quote/);
    expect(sshPathProblem('/tmp/a\\b')).toMatch(/backslash/);
    expect(sshPathProblem('/tmp/a\nb')).toMatch(/line break/);
    expect(sshPathProblem('/tmp/a b %h')).toBeUndefined();
  });

  it('passes the identity and the known hosts quoted, with % escaped', () => {
    const client = new SshClient({ host: 'web1' }, { identityFile: '/my keys/%h key', knownHostsFile: '/my dir/known hosts' });
    const args = client.baseArgs();
    expect(args).toContain('IdentityFile="/my keys/%%h key"');
    expect(args).toContain('UserKnownHostsFile="/my dir/known hosts"');
    expect(args.slice(-2)).toEqual(['--', 'web1']);
  });
});
