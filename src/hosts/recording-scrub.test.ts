import { describe, expect, it } from 'vitest';
import { fakeHost } from '../testing/fake-host.js';
import { recordingHost } from './recorder.js';
import { hashPlaceholder, scrubPassword, scrubRecordedFile } from './recording-scrub.js';

const shadow = [
  'root:$y$j9T$abcdefgh$0123456789abcdefghijklmnopqrstuvwxyzABCDE:19700:0:99999:7:::',
  'alice:!$6$salt$lockedhashvalue:19700:0:99999:7:::',
  'daemon:*:19700:0:99999:7:::',
  'bob::19700:0:99999:7:::',
  'carol:!:19700:0:99999:7:::',
  'dave:!!:19700::::::',
  '',
].join('\n');

const passwd = ['root:x:0:0:root:/root:/bin/bash', 'alice:x:1000:1000:Alice Martin,Room 4,+352 123,:/home/alice:/bin/bash', ''].join('\n');

describe('recorded shadow and passwd files', () => {
  it('keep the shape of each password but no hash', () => {
    expect(scrubPassword('$6$salt$hash')).toBe(hashPlaceholder);
    expect(scrubPassword('!$6$salt$hash')).toBe(`!${hashPlaceholder}`);
    for (const kept of ['', '*', '!', '!!', '!*']) expect(scrubPassword(kept)).toBe(kept);
    const out = scrubRecordedFile('/etc/shadow', Buffer.from(shadow)).toString();
    expect(out).not.toMatch(/\$y\$|\$6\$|lockedhash|0123456789abc/);
    expect(out.split('\n').map((l) => l.split(':')[1])).toEqual([hashPlaceholder, `!${hashPlaceholder}`, '*', '', '!', '!!', undefined]);
    expect(out.split('\n')[0]).toBe(`root:${hashPlaceholder}:19700:0:99999:7:::`);
  });

  it('blank GECOS fields', () => {
    const out = scrubRecordedFile('/etc/passwd', Buffer.from(passwd)).toString();
    expect(out).toBe(['root:x:0:0::/root:/bin/bash', 'alice:x:1000:1000::/home/alice:/bin/bash', ''].join('\n'));
  });

  it('are scrubbed by the recorder, while the probe still reads the real file', async () => {
    const recorder = recordingHost(fakeHost({ files: { '/etc/shadow': shadow, '/etc/passwd': passwd } }));
    expect((await recorder.readFile('/etc/shadow'))?.toString()).toBe(shadow);
    await recorder.readFile('/etc/passwd');
    const recorded = recorder.recording().files;
    expect(recorded.get('/etc/shadow')?.toString()).not.toContain('$y$');
    expect(recorded.get('/etc/passwd')?.toString()).not.toContain('Alice Martin');
  });
});
