import type { FactSpec } from '../probes/probe.js';

/** Probes whose outcomes the derived `software` family joins (through the app catalog). */
export const softwareSources = ['installed-apps', 'app-activity', 'browsers'] as const;

/** The derived `software` fact family. Every value may be null (unknown). */
export const softwareFacts: Record<string, FactSpec> = {
  apps: {
    type: 'array',
    description:
      'One entry per catalog app detected on the target (installed, running, leaving data or used in a browser), sorted by id: ' +
      '{ id (canonical catalog id), name, categories (messenger, social-network, cloud-sync, remote-access), ' +
      'approved (approved by the administration, from the catalog), installed (boolean: a package, Flatpak, snap, ' +
      '.desktop file, AppImage, install directory, app bundle, Uninstall entry or AppX package matched), ' +
      'running (boolean; null when processes could not be listed, e.g. app-activity missing or an image target), ' +
      'dataPresent (boolean: a per-user data directory or Element-style config exists; null when data directories ' +
      'could not be read), inBrowser (boolean: an installed web app, an allowed or session site permission, or history ' +
      'visits of one of the app\'s catalog web origins, in any browser profile; null when browser profiles could not all be read), lastUsed (ISO 8601: the check time if running, else the newest data directory change; ' +
      'null when unknown or no data), evidence (strings naming each source, e.g. "dpkg package telegram-desktop ' +
      '4.6.4+ds-2", "process telegram-desktop pid 1234") }. An Element-style config.json whose homeserver belongs ' +
      "to another catalog app (e.g. luxchat4gov.lu) moves that user's install to that app.",
  },
  unapproved: {
    type: 'array',
    description: 'Sorted ids of detected apps (installed, running, with data present or used in a browser) that the catalog does not mark approved.',
  },
  approvedMessengerPresent: {
    type: 'boolean',
    description: 'An approved messenger (e.g. LuxChat4Gov) is installed (as an app, or as a web app in a browser profile) or running.',
  },
};
