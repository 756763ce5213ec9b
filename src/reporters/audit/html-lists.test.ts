import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../i18n/messages.js';
import { controlsVisible } from '../escape.js';
import { pageData, pageDataText } from '../../testing/fleet-html-data.js';
import { auditOf, checkedHost, finding, hostReport, uncheckedHost } from '../../testing/fleet-reports.js';
import { hostileGroup, hostileText, newHostsAudit } from '../../testing/fleet-lists.js';
import { html } from './html.js';
import { listPageSize } from './html-lists.js';

const render = (audit: Parameters<typeof html.render>[0], language: 'en' | 'fr' = 'en'): string =>
  html.render(audit, { messages: messagesFor(language), color: false });

/** The element of list `id`, as written. */
const listBox = (page: string, id: string): string => new RegExp(`<div class="paged" data-list="${id}"[\\s\\S]*?</nav>\\n</div>`).exec(page)?.[0] ?? '';

describe('html fleet reporter: long lists', () => {
  const audit = newHostsAudit({ count: 250, notCheckedEvery: 50, hostile: [7, 49] });
  const page = render(audit);
  const { lists, hosts } = pageData(page);

  it('writes every entry of each list as data, and only the first page as markup', () => {
    expect(lists.newHosts?.map((e) => e.name)).toEqual(hosts.map((h) => h.name));
    expect(lists.notChecked?.map((e) => e.name)).toEqual(hosts.filter((h) => 'reason' in h.details).map((h) => h.name));
    expect(lists.notChecked).toHaveLength(5);
    const newHosts = listBox(page, 'newHosts');
    expect(newHosts.match(/<li>/g)).toHaveLength(listPageSize);
    expect(newHosts).toContain('<h3 id="list-newHosts-title">new hosts (250)</h3>');
    // Each host links to its details in the hosts table, at its index in the page's hosts.
    const first = hosts[0]?.name ?? '';
    expect(newHosts).toContain(`<li><a href="#h0">${first}</a></li>`);
    expect(newHosts).toContain('<noscript><p class="banner">Without its script this list shows only its first 100');
    // Five hosts not checked fit a page: no note for a browser without script.
    const notChecked = listBox(page, 'notChecked');
    expect(notChecked.match(/<tr><th scope="row">/g)).toHaveLength(5);
    expect(notChecked).not.toContain('<noscript>');
    expect(lists.missing?.map((e) => [e.name, e.source])).toEqual([
      ['old-pc', 'snapshots/MinFin/old-pc.json'],
      [controlsVisible(`old-${hostileText}`), controlsVisible(`snapshots/${hostileText}.json`)],
    ]);
  });

  it('gives each listed host its groups, and every list a group filter showing one choice', () => {
    expect(lists.newHosts?.[0]?.groups.length).toBeGreaterThan(0);
    expect(lists.newHosts?.filter((e) => e.groups.includes(controlsVisible(hostileGroup))).map((e) => e.index)).toHaveLength(2);
    for (const id of ['group-filter', 'changes-group-filter', 'not-checked-group-filter'])
      expect(page).toContain(`<label for="${id}">Group<select id="${id}" data-group-filter>`);
    // A missing host's group is not known: the page says so when a group is chosen.
    expect(listBox(page, 'missing')).toContain('<p class="muted group-unknown" hidden>');
    expect(listBox(page, 'newHosts')).not.toContain('group-unknown');
  });

  it('writes hostile names, groups and reasons as inert text: escaped markup, JSON that cannot leave its element', () => {
    const data = pageDataText(page);
    // eslint-disable-next-line no-control-regex
    expect(data).not.toMatch(/[<>&\u2028\u2029\u202e\u001b]/u);
    // eslint-disable-next-line no-control-regex
    expect(page).not.toMatch(/[\u2028\u2029\u202e\u001b]/u);
    const markup = page.replace(data, '');
    expect(markup).not.toContain(hostileText);
    expect(markup).not.toContain('<!--');
    expect(markup.match(/<\/?script/g)).toHaveLength(4);
    expect(listBox(page, 'notChecked')).toContain(
      `not a snapshot: x&lt;/script&gt;&lt;!--&lt;script&gt;window.__charterPwned=5&lt;/script&gt;\\u{2028}\\u{2029}`,
    );
  });

  it('has no changes lists without a baseline, and no group filter without groups', () => {
    const plain = render(
      auditOf([checkedHost(hostReport('a', [finding({ ruleId: 'X-1', status: 'fail' })])), uncheckedHost('b', 'timeout', 'no answer within 60 s')]),
    );
    expect(Object.keys(pageData(plain).lists)).toEqual(['notChecked']);
    expect(plain).not.toMatch(/<select[^>]*data-group-filter/);
    expect(plain).not.toContain('changes-title');
    expect(listBox(plain, 'notChecked')).toContain('no answer within 60 s');
  });

  it('speaks the audit’s language in its pagers and notes', () => {
    const french = render({ ...audit, language: 'fr' }, 'fr');
    const box = listBox(french, 'newHosts');
    expect(box).toContain('<button type="button" data-page="first">Première</button>');
    expect(box).toContain('<button type="button" data-page="last">Dernière</button>');
    expect(box).toContain('Sans son script, cette liste ne montre que ses 100 premiers éléments');
  });
});
