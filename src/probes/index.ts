import type { Probe } from './probe.js';
import { appActivity } from './app-activity/index.js';
import { diskEncryption } from './disk-encryption/index.js';
import { installedApps } from './installed-apps/index.js';
import { os } from './os/index.js';

/** Every probe, by id. Keys are sorted and equal each probe's id and folder name. */
export const probes: Readonly<Record<string, Probe>> = {
  'app-activity': appActivity,
  'disk-encryption': diskEncryption,
  'installed-apps': installedApps,
  os,
};
