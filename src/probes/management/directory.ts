/**
 * Directory membership (not device management, but evidence of a managed machine): SSSD (also
 * what realmd configures), Samba winbind as an AD member, and the FreeIPA client.
 */
import type { Host } from '../../hosts/host.js';
import { readConfigFile } from './configs.js';
import { parseIpaDefault, parseSmbConf, parseSssdConf } from './parse.js';

export interface DirectoryFinding {
  joined: boolean | null;
  directory: string | null;
  evidence: string[];
  reasons: string[];
}

export const readDirectoryJoin = async (host: Host): Promise<DirectoryFinding> => {
  const evidence: string[] = [];
  const reasons: string[] = [];
  const names: string[] = [];
  let unknown = false;

  const sssdPath = '/etc/sssd/sssd.conf';
  const sssd = await readConfigFile(host, sssdPath);
  if (sssd.kind === 'unreadable') {
    unknown = true;
    reasons.push(`${sssdPath} exists but cannot be read (it is 0600 root): SSSD domains unknown`);
  } else if (sssd.kind === 'text') {
    const conf = parseSssdConf(sssd.text);
    if (conf.domains.length > 0) {
      names.push(...conf.domains);
      const providers = conf.domains.map((d) => `${d} (${conf.providers.get(d.toLowerCase()) ?? 'provider not set'})`);
      evidence.push(`${sssdPath}: domains ${providers.join(', ')}${conf.realmd ? ', joined with realmd' : ''}`);
    } else {
      evidence.push(`${sssdPath}: no domains= in [sssd]`);
    }
  }

  const smbPath = '/etc/samba/smb.conf';
  const smb = await readConfigFile(host, smbPath);
  if (smb.kind === 'unreadable') {
    unknown = true;
    reasons.push(`${smbPath} exists but cannot be read`);
  } else if (smb.kind === 'text') {
    const conf = parseSmbConf(smb.text);
    if (conf.security === 'ads' || conf.security === 'domain') {
      const name = conf.realm ?? conf.workgroup;
      if (name !== null) names.push(name);
      evidence.push(`${smbPath}: security = ${conf.security}${conf.realm === null ? '' : `, realm = ${conf.realm}`}`);
    }
  }

  const ipaPath = '/etc/ipa/default.conf';
  const ipa = await readConfigFile(host, ipaPath);
  if (ipa.kind === 'unreadable') {
    unknown = true;
    reasons.push(`${ipaPath} exists but cannot be read`);
  } else if (ipa.kind === 'text') {
    const conf = parseIpaDefault(ipa.text);
    const name = conf.domain ?? conf.realm;
    if (name !== null) {
      names.push(name);
      evidence.push(`${ipaPath}: FreeIPA ${conf.realm ?? name}${conf.server === null ? '' : ` via ${conf.server}`}`);
    }
  }

  if ((await host.stat('/etc/krb5.keytab')) !== undefined) evidence.push('/etc/krb5.keytab exists (machine Kerberos keys)');

  const unique = [...new Set(names.map((n) => n.toLowerCase()))];
  const joined = unique.length > 0 ? true : unknown ? null : false;
  return { joined, directory: unique.length > 0 ? unique.join(', ') : null, evidence, reasons };
};
