import type { Catalog } from '../policy/catalog.js';

/** Linux identifiers of four apps as policies/catalog/apps.yaml lists them, in its order. */
export const testCatalog: Catalog = {
  apps: [
    {
      id: 'luxchat4gov',
      name: 'LuxChat4Gov',
      categories: ['messenger'],
      approved: true,
      namePatterns: ['luxchat\\s*4\\s*gov'],
      homeservers: ['luxchat4gov.lu'],
    },
    {
      id: 'element',
      name: 'Element',
      categories: ['messenger'],
      approved: false,
      linux: {
        flatpak: ['im.riot.Riot'],
        snap: ['element-desktop'],
        processes: ['element-desktop'],
        dataDirs: ['.config/Element', '.config/Riot'],
        matrixConfigs: [
          '.config/Element/config.json',
          '.var/app/im.riot.Riot/config/Element/config.json',
          'snap/element-desktop/current/.config/Element/config.json',
        ],
      },
    },
    {
      id: 'telegram',
      name: 'Telegram',
      categories: ['messenger'],
      approved: false,
      linux: {
        flatpak: ['org.telegram.desktop'],
        snap: ['telegram-desktop'],
        processes: ['telegram-desktop', 'Telegram'],
        dataDirs: ['.local/share/TelegramDesktop'],
      },
    },
    {
      id: 'signal',
      name: 'Signal',
      categories: ['messenger'],
      approved: false,
      linux: {
        flatpak: ['org.signal.Signal'],
        snap: ['signal-desktop'],
        processes: ['signal-desktop'],
        dataDirs: ['.config/Signal'],
      },
    },
  ],
};
