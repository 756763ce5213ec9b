import { dirs, files, stats, type Read } from '../probe.js';

/**
 * What the Linux collector reads, as data: the ssh target prefetches it, and src/probes/reads.test.ts
 * fails when the collector reads something this list does not cover.
 */
export const linuxReads: readonly Read[] = [
  ...files(
    '/etc/dconf/db/*',
    '/etc/dconf/profile/*',
    '/etc/passwd',
    '/proc/[0-9]*/cmdline',
    '/proc/[0-9]*/comm',
    '/usr/share/glib-2.0/schemas/*.override',
    '/usr/share/glib-2.0/schemas/org.gnome.desktop.*.gschema.xml',
    '/usr/share/wayland-sessions/*.desktop',
    '/usr/share/xsessions/*.desktop',
  ),
  ...stats(
    '/bin/budgie-desktop',
    '/bin/cinnamon-session',
    '/bin/gnome-shell',
    '/bin/mate-session',
    '/bin/plasmashell',
    '/bin/xfce4-session',
    '/proc/[0-9]*/exe',
    '/usr/bin/budgie-desktop',
    '/usr/bin/cinnamon-session',
    '/usr/bin/gnome-shell',
    '/usr/bin/mate-session',
    '/usr/bin/plasmashell',
    '/usr/bin/xfce4-session',
    '/usr/local/bin/budgie-desktop',
    '/usr/local/bin/cinnamon-session',
    '/usr/local/bin/gnome-shell',
    '/usr/local/bin/mate-session',
    '/usr/local/bin/plasmashell',
    '/usr/local/bin/xfce4-session',
    '~/.config/dconf/user',
    '~/.config/kscreenlockerrc',
    '~/.config/xfce4/xfconf/xfce-perchannel-xml/xfce4-screensaver.xml',
  ),
  ...dirs('/home', '/proc', '/run/systemd/sessions', '/usr/share/glib-2.0/schemas', '/usr/share/wayland-sessions', '/usr/share/xsessions', '~'),
];
