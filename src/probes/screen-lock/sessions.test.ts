import { describe, expect, it } from 'vitest';
import { familyOfDesktopNames, isGraphicalUserSession, parseLogindSession, sessionFamily } from './sessions.js';

describe('sessions', () => {
  it('maps XDG desktop names and session files to desktop families', () => {
    expect(familyOfDesktopNames('ubuntu:GNOME')).toBe('gnome');
    expect(familyOfDesktopNames('Budgie:GNOME')).toBe('gnome');
    expect(familyOfDesktopNames('X-Cinnamon')).toBe('cinnamon');
    expect(familyOfDesktopNames('KDE')).toBe('kde');
    expect(familyOfDesktopNames('sway')).toBeNull();
    expect(sessionFamily('plasmawayland.desktop', '[Desktop Entry]\nExec=startplasma-wayland\nDesktopNames=KDE\n')).toBe('kde');
    expect(sessionFamily('xfce.desktop', '[Desktop Entry]\nExec=startxfce4\n')).toBe('xfce');
    expect(sessionFamily('mate.desktop', '[Desktop Entry]\nDesktopNames=MATE\n')).toBe('mate');
    expect(sessionFamily('i3.desktop', '[Desktop Entry]\nExec=i3\n')).toBe('other');
    expect(sessionFamily('lightdm-xsession.desktop', '[Desktop Entry]\nExec=default\n')).toBeNull();
  });

  it('reads logind session files and keeps graphical user sessions only', () => {
    const session = parseLogindSession('2', 'UID=1000\nUSER=alice\nTYPE=wayland\nCLASS=user\nDESKTOP=GNOME\nSTATE=active\n');
    expect(session).toEqual({ id: '2', uid: 1000, user: 'alice', type: 'wayland', sessionClass: 'user', desktop: 'GNOME', state: 'active' });
    expect(isGraphicalUserSession(session)).toBe(true);
    expect(isGraphicalUserSession({ ...session, sessionClass: 'greeter' })).toBe(false);
    expect(isGraphicalUserSession({ ...session, type: 'tty' })).toBe(false);
  });
});
