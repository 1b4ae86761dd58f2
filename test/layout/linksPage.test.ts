/**
 * The links page: labels that say what a link is for on their own, an address printed once, and no
 * last page left with one or two entries. Labels are expected as written by hand from the Markdown.
 */
import { describe, expect, it } from 'vitest';
import { contentBox, layoutBook } from '../../src/6-layout/book.js';
import { balanceLinks, collectLinks, type LinksLayout } from '../../src/6-layout/linksPage.js';
import type { Pagination } from '../../src/6-layout/paginate.js';
import type { FlowContext } from '../../src/6-layout/text.js';
import { fakeMetrics } from '../../src/6-layout/metrics.js';
import { defaultTheme } from '../../src/4-theme/design.js';
import { MM } from '../../src/model/theme.js';
import type { PageModel, QrItem, TextItem } from '../../src/model/page.js';
import type { Inline } from '../../src/model/document.js';
import { docFromMarkdown } from '../helpers.js';

/** A label as the reader sees it, the link's own words in **bold**. */
const shown = (label: Inline[]) => label.map((r) => (r.bold ? `**${r.text}**` : r.text)).join('');
const labels = (md: string, meta = {}) => Object.fromEntries(collectLinks(docFromMarkdown([md], 'en', meta)).map((l) => [l.url, shown(l.label)]));

describe('link labels', () => {
  it('carry the words of their sentence that lead to them, shared by links listed together', () => {
    expect(labels('# A\n\nDownload Signal for [Android](https://a.example/android) or [iOS](https://a.example/ios).\n')).toEqual({
      'https://a.example/android': 'Download Signal for **Android**',
      'https://a.example/ios': 'Download Signal for **iOS**',
    });
  });

  it('make "here" mean something, in at most eight words, cut with an ellipsis', () => {
    expect(labels('# A\n\nIt is long. If you want to read the whole guide first, click [here](https://b.example/guide) and read.\n')).toEqual({
      'https://b.example/guide': '…to read the whole guide first, click **here**',
    });
    // Its own sentence only.
    expect(labels('# A\n\nRead this first. Then click [here](https://b.example/next).\n')).toEqual({ 'https://b.example/next': 'Then click **here**' });
  });

  it('keep to about three lines: at most 48 characters of long words', () => {
    // From the end: "Alternativen mit überprüfbarem Quellcode wie" is 44 characters; one word more is 59.
    expect(labels('# A\n\nWir empfehlen sichere, verschlüsselte Alternativen mit überprüfbarem Quellcode wie [riot.im](https://riot.im).\n', {})).toEqual({
      'https://riot.im': '…Alternativen mit überprüfbarem Quellcode wie',
    });
  });

  it('do not repeat an address used as its own text', () => {
    expect(labels('# A\n\n- Encrypt your disk with [**VeraCrypt.fr**](https://veracrypt.fr/)\n- Use a VPN: <https://mullvad.net>\n')).toEqual({
      'https://veracrypt.fr/': 'Encrypt your disk with',
      'https://mullvad.net': 'Use a VPN',
    });
  });

  it('take the words after a link that opens its sentence, or the heading when there are none', () => {
    expect(labels('# A\n\n[Tails](https://tails.net) is a system that forgets everything you did.\n\n## Signal, the messenger\n\n<https://signal.org>\n')).toEqual({
      'https://tails.net': '**Tails** is a system that forgets everything you…',
      'https://signal.org': 'Signal, the messenger',
    });
  });

  it('give the website the publisher, or nothing but its address', () => {
    expect(labels('# A\n\nText.\n', { website: 'https://example.org', publisher: 'Our collective' })).toEqual({ 'https://example.org': '**Our collective**' });
    expect(labels('# A\n\nText.\n', { website: 'https://example.org' })).toEqual({ 'https://example.org': '' });
  });
});

const texts = (model: PageModel, kind: 'links' | 'body') => model.pages.filter((p) => p.kind === kind).flatMap((p) => p.items.filter((i): i is TextItem => i.type === 'text').map((t) => t.text));

describe('the links page', () => {
  it('prints an address used as its own text once, its context above it', () => {
    const model = layoutBook({ doc: docFromMarkdown(['# A\n\n- Encrypt your disk with [veracrypt.fr](https://veracrypt.fr)\n'], 'en'), images: new Map(), metrics: fakeMetrics(), hyphenate: () => [] });
    const page = texts(model, 'links').join(' ');
    expect(page.split('veracrypt.fr').length - 1).toBe(1);
    expect(page).toContain('Encrypt your disk with');
  });

  // Links pages of guides with 1 to 40 links, one per list item, on A5 (two columns) and on a phone page (one).
  const A5 = defaultTheme();
  const PHONE = defaultTheme({ page: { width: 90 * MM, height: 160 * MM }, medium: 'phone' });
  for (const [name, theme] of [['A5', A5], ['phone', PHONE]] as const) {
    it(`never ends with a page of one or two entries, QR codes at full size, every link once in order (${name})`, () => {
      let balanced = 0;
      for (let n = 1; n <= 40; n++) {
        const md = `# Tools\n\n${Array.from({ length: n }, (_, k) => `- Tool number ${k + 1} does one thing well: [tool${k + 1}.example.org](https://tool${k + 1}.example.org)`).join('\n')}\n`;
        const model = layoutBook({ doc: docFromMarkdown([md], 'en'), images: new Map(), metrics: fakeMetrics(), hyphenate: () => [], theme });
        const pages = model.pages.filter((p) => p.kind === 'links');
        const qrs = pages.map((p) => p.items.filter((i): i is QrItem => i.type === 'qr'));
        const where = `${n} links: ${qrs.map((q) => q.length).join(' + ')}`;
        if (pages.length > 1) {
          expect(qrs[qrs.length - 1].length, where).toBeGreaterThan(2);
          if (qrs[qrs.length - 1].length < 5) balanced++;
        }
        for (const q of qrs.flat()) expect(q.size, where).toBeCloseTo(17 * MM, 6);
        // Every link once, in reading order; every QR code inside the text column.
        const urls = texts(model, 'links').filter((t) => t.startsWith('https://tool'));
        expect(urls, where).toEqual(Array.from({ length: n }, (_, k) => `https://tool${k + 1}.example.org`));
        for (const p of pages) {
          const box = contentBox(theme.page, p.index);
          for (const q of p.items.filter((i): i is QrItem => i.type === 'qr')) expect(q.y + q.size, where).toBeLessThanOrEqual(box.y + box.height + 0.01);
        }
      }
      // Some of these guides did need balancing (the check above is not vacuous).
      expect(balanced).toBeGreaterThan(0);
    });
  }
});

describe('balancing the last links page', () => {
  // Paginations made by hand: links pages holding so many entries (QR codes) each.
  const pagination = (perPage: number[]): Pagination => ({
    pages: perPage.map((n) => ({ items: Array.from({ length: n }, () => ({ type: 'qr' as const, x: 0, y: 0, size: 1, modules: [], color: '#000' })), section: null, parts: new Set(['links' as const]) })),
    headings: [],
    figures: [],
  });
  // Two columns on A5.
  const ctx = { theme: defaultTheme(), width: 119 * MM } as FlowContext;
  const run = (answers: (how: LinksLayout) => number[]) => {
    const asked: LinksLayout[] = [];
    const result = balanceLinks(ctx, (how) => (asked.push(how), pagination(answers(how))));
    return { asked, result: result.pages.map((p) => p.items.length) };
  };

  it('leaves a fair last page alone', () => {
    expect(run(() => [14, 14, 5])).toEqual({ asked: [{}], result: [14, 14, 5] });
  });

  it('takes tighter rows when they bring one or two entries onto the page before', () => {
    const r = run((how) => (how.tight ? [14, 15] : [14, 14, 1]));
    expect(r.result).toEqual([14, 15]);
  });

  it('else spreads the last two pages: 7 and 1 rows of two become 4 and 4', () => {
    // 15 rows in all (7 + 7 + 1); the last page should hold (7 + 1) / 2 = 4 rows: break before row 11.
    const r = run((how) => (how.breakBeforeRow === 11 ? [14, 8, 7] : [14, 14, 1]));
    expect(r.asked).toContainEqual({ breakBeforeRow: 11 });
    expect(r.result).toEqual([14, 8, 7]);
  });
});
