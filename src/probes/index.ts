import type { Probe } from './probe.js';
import { accounts } from './accounts/index.js';
import { appActivity } from './app-activity/index.js';
import { browsers } from './browsers/index.js';
import { diskEncryption } from './disk-encryption/index.js';
import { firewall } from './firewall/index.js';
import { installedApps } from './installed-apps/index.js';
import { listeningServices } from './listening-services/index.js';
import { logging } from './logging/index.js';
import { management } from './management/index.js';
import { login } from './login/index.js';
import { os } from './os/index.js';
import { screenLock } from './screen-lock/index.js';
import { securityModules } from './security-modules/index.js';
import { sshServer } from './ssh-server/index.js';
import { updates } from './updates/index.js';

/** Every probe, by id. Keys are sorted and equal each probe's id and folder name. */
export const probes: Readonly<Record<string, Probe>> = {
  accounts,
  'app-activity': appActivity,
  browsers,
  'disk-encryption': diskEncryption,
  firewall,
  'installed-apps': installedApps,
  'listening-services': listeningServices,
  logging,
  login,
  management,
  os,
  'screen-lock': screenLock,
  'security-modules': securityModules,
  'ssh-server': sshServer,
  updates,
};
