import type { FactSpec } from '../../probe.js';

/** Probes whose outcomes the derived `software` family joins (through the app catalog). */
export const softwareSources = ['installed-apps', 'app-activity', 'browsers'] as const;

/** The derived `software` fact family. Every value may be null (unknown). */
export const softwareFacts: Record<string, FactSpec> = {
  apps: {
    type: 'array',
    description:
      'One entry per app detected on the target (installed, running, leaving data or used in a browser), sorted by id: the catalog ' +
      'apps, and the apps the catalog does not name that their platform metadata classifies (desktop entry or ' +
      'AppStream categories, Debian package tags, macOS LSApplicationCategoryType; README, "How an app the catalog ' +
      'does not name is classified"): ' +
      '{ id (canonical catalog id; for a metadata-classified app its source and identifier, e.g. deb:irssi, ' +
      'desktop:org.kde.konversation, flatpak:im.dino.Dino, macos:com.example.chat), name, categories (messenger, ' +
      'social-network, cloud-sync, remote-access; empty for a catalog app an organisation took out of the rules), ' +
      'approved (approved by the administration, from the catalog; false when an Element-style config withdraws it, ' +
      'and for every metadata-classified app), ' +
      "reason (why approved or not: the catalog's reason, or the config that withdrew the approval; absent when none), " +
      "classifiedBy ('catalog' or 'metadata'), installed (boolean: a package, Flatpak, snap, " +
      '.desktop file, AppImage, install directory, app bundle, Uninstall entry or AppX package matched), ' +
      'running (boolean; null when processes could not be listed, e.g. app-activity missing or an image target, ' +
      'and for metadata-classified apps), dataPresent (boolean: a per-user data directory or Element-style config ' +
      'exists; null when data directories could not be read, and for metadata-classified apps), inBrowser (boolean: ' +
      "an installed web app, an allowed or session site permission, or history visits of one of the app's catalog web " +
      'origins, in any browser profile; null when browser profiles could not all be read, and for metadata-classified ' +
      'apps), lastUsed (ISO 8601: ' +
      'the check time if running, else the newest data directory change; null when unknown or no data), evidence ' +
      '(strings naming each source, e.g. "dpkg package telegram-desktop 4.6.4+ds-2", "process telegram-desktop pid ' +
      '1234", "Chromium profile Default (user agent): notifications allowed for https://web.whatsapp.com", "desktop entry /usr/share/applications/org.kde.konversation.desktop: Categories IRCClient → ' +
      'messenger") }. An Element-style config.json belongs to the app of its homeserver, else of its brand, else of ' +
      "its download/update/link URLs, and moves that user's install with it (e.g. to luxchat4gov); it carries an " +
      "approval only when its homeserver is the approved app's own.",
  },
  unapproved: {
    type: 'array',
    description: 'Sorted ids of detected apps (installed, running, with data present or used in a browser) that the catalog does not mark approved.',
  },
  approvedMessengerPresent: {
    type: 'boolean',
    description: 'An approved messenger (e.g. LuxChat4Gov) is installed (as an app, or as a web app in a browser profile) or running.',
  },
  metadataGaps: {
    type: 'array',
    description:
      'What limited the classification of apps the catalog does not name: one line per metadata scheme that is ' +
      'not on the target (e.g. no apt lists: Debian package tags unknown, so a terminal chat client without a ' +
      'desktop entry is not seen) or could not be read; empty when every scheme was read. A scheme that could ' +
      'not be read also marks `apps` incomplete.',
  },
};
