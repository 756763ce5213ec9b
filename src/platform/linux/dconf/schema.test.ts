import { describe, expect, it } from 'vitest';
import { parseSchemaOverride, parseSchemaXml } from './schema.js';
import { screenLockSample } from '../../../testing/dconf-samples.js';

const schemaFile = (path: string) => parseSchemaXml(screenLockSample(`schemas/${path}`).toString('utf8'));

describe('gschema XML', () => {
  it('reads GNOME schema ids, paths, key types and defaults (gsettings-desktop-schemas 43)', () => {
    const [screensaver] = schemaFile('gnome/org.gnome.desktop.screensaver.gschema.xml');
    expect(screensaver?.id).toBe('org.gnome.desktop.screensaver');
    expect(screensaver?.path).toBe('/org/gnome/desktop/screensaver/');
    expect(screensaver?.keys['lock-enabled']).toEqual({ name: 'lock-enabled', type: 'b', defaultText: 'true' });
    expect(screensaver?.keys['lock-delay']).toEqual({ name: 'lock-delay', type: 'u', defaultText: '0' });
    const [session] = schemaFile('gnome/org.gnome.desktop.session.gschema.xml');
    expect(session?.keys['idle-delay']).toEqual({ name: 'idle-delay', type: 'u', defaultText: '300' });
    const [lockdown] = schemaFile('gnome/org.gnome.desktop.lockdown.gschema.xml');
    expect(lockdown?.keys['disable-lock-screen']?.defaultText).toBe('false');
  });

  it('reads MATE and Cinnamon schemas, whose paths do not follow their ids', () => {
    const [mate] = schemaFile('mate/org.mate.screensaver.gschema.xml.in');
    expect(mate?.keys['lock-delay']).toEqual({ name: 'lock-delay', type: 'i', defaultText: '0' });
    expect(mate?.keys.mode?.type).toBe('s'); // enum key
    const sessions = schemaFile('mate/org.mate.session.gschema.xml.in');
    expect(sessions.map((s) => [s.id, s.path])).toEqual([
      ['org.mate.session', '/org/mate/desktop/session/'],
      ['org.mate.session.required-components', '/org/mate/desktop/session/required-components/'],
    ]);
    expect(sessions[0]?.keys['idle-delay']?.defaultText).toBe('5');
    expect(schemaFile('mate/org.mate.lockdown.gschema.xml.in')[0]?.path).toBe('/desktop/mate/lockdown/');
    expect(schemaFile('cinnamon/org.cinnamon.desktop.session.gschema.xml.in')[0]?.keys['idle-delay']?.defaultText).toBe('900');
    expect(schemaFile('cinnamon/org.cinnamon.desktop.screensaver.gschema.xml.in')[0]?.keys['time-format']?.defaultText).toBe('"%H:%M"');
  });

  it('reads override files, with per-desktop groups', () => {
    const debian = parseSchemaOverride(screenLockSample('schemas/gnome/10_gsettings-desktop-schemas.gschema.override').toString('utf8'));
    expect(debian).toContainEqual({ schema: 'org.gnome.desktop.interface', desktop: null, key: 'monospace-font-name', value: "'Monospace 11'", line: 8 });
    expect(parseSchemaOverride('[org.gnome.desktop.session:ubuntu]\nidle-delay=600\n')).toEqual([
      { schema: 'org.gnome.desktop.session', desktop: 'ubuntu', key: 'idle-delay', value: '600', line: 2 },
    ]);
  });
});
