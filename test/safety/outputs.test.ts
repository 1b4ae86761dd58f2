/**
 * What every output says about its maker: the Info dictionary and XMP hold the title (and subject),
 * 'zine' as producer and creator, dates from SOURCE_DATE_EPOCH or the content, and nothing about the
 * machine (host name, folders). The tagged editions' XMP (PDF/UA) holds the title and pdfuaid:part 1,
 * nothing else. Every output passes `qpdf --check`.
 */
import { readFileSync } from 'node:fs';
import { hostname, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdition, type EditionResult } from '../../src/pipeline.js';
import { buildOptions, cleanup, commitContent, findInPdf, makeProject, openPdf, pdfParts, qpdfCheck, REPO } from './helpers.js';

const EPOCH = 1_600_000_000; // 2020-09-13T12:26:40Z
const TITLE = 'Safety test guide';
const SUBJECT = 'A subject given in the front matter';

const KINDS = ['reading', 'booklet', 'press'] as const;
const kindOf = (path: string) => (path.endsWith('-booklet.pdf') ? 'booklet' : path.endsWith('-press.pdf') ? 'press' : 'reading');

interface Info {
  keys: string[];
  get: (k: string) => string | undefined;
  xmp: string | null;
}

function info(bytes: Uint8Array): Info {
  const doc = openPdf(bytes);
  const dict = doc.getTrailer().get('Info').resolve();
  const keys: string[] = [];
  if (dict.isDictionary()) dict.forEach((_v, k) => keys.push(String(k)));
  const md = doc.getTrailer().get('Root').get('Metadata');
  return {
    keys: keys.sort(),
    get: (k) => (dict.get(k).isString() ? dict.get(k).asString() : undefined),
    xmp: md.isStream() ? Buffer.from(md.readStream().asUint8Array()).toString('utf8') : null,
  };
}

/** PDF date `D:YYYYMMDDHHmmSS...` -> epoch seconds. */
function pdfDate(s: string | undefined): number {
  const m = /^D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(Z|[+-]\d\d'?\d\d'?)?/.exec(s ?? '');
  if (!m) throw new Error(`not a PDF date: ${s}`);
  let t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) / 1000;
  const tz = m[7];
  if (tz && tz !== 'Z') {
    const sign = tz[0] === '-' ? -1 : 1;
    const [hh, mm] = tz.slice(1).replace(/'/g, '').match(/\d\d/g)!.map(Number);
    t -= sign * (hh * 3600 + mm * 60);
  }
  return t;
}

let image: Buffer;
let withSubject: { root: string; result: Awaited<ReturnType<typeof buildEdition>> };
let noSubject: { root: string; result: Awaited<ReturnType<typeof buildEdition>> };

async function build(frontMatter: string, extra: Parameters<typeof buildOptions>[1] = {}) {
  const body = '# Chapter\n\nText with [a link](https://example.org/page).\n\n![A figure](fig.png){width=50%}\n\n::: note\nA note.\n:::\n';
  const root = makeProject({ frontMatter, body, images: { 'fig.png': image } });
  return { root, result: await buildEdition('xx', buildOptions(root, { booklet: true, press: true, ...extra })) };
}

beforeAll(async () => {
  image = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#c04040' } }).png().toBuffer();
  const saved = process.env.SOURCE_DATE_EPOCH;
  process.env.SOURCE_DATE_EPOCH = String(EPOCH);
  try {
    withSubject = await build(`subject: ${SUBJECT}\nauthor: Someone Private\nkeywords: secret, words\npublisher: Pub\nwebsite: https://example.org\n`);
    noSubject = await build('edition: 2019\n', { grayscale: true });
  } finally {
    if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = saved;
  }
}, 60_000);

afterAll(cleanup);

describe.each(KINDS)('%s edition', (kind) => {
  const pick = (b: typeof withSubject) => b.result.outputs.find((p) => kindOf(p) === kind)!;

  it('Info holds only Title, Subject, Producer, Creator and the two dates', () => {
    for (const [b, subject] of [[withSubject, true], [noSubject, false]] as const) {
      const i = info(readFileSync(pick(b)));
      const allowed = ['CreationDate', 'Creator', 'ModDate', 'Producer', 'Title', ...(subject ? ['Subject'] : [])];
      expect(i.keys.filter((k) => !allowed.includes(k))).toEqual([]);
      expect(i.keys).toEqual(expect.arrayContaining(['Producer', 'Title', 'CreationDate']));
      expect(i.get('Title')).toBe(TITLE);
      expect(i.get('Producer')).toBe('zine');
      expect(i.get('Creator')).toBe('zine');
      expect(i.get('Author')).toBeUndefined();
      // The booklet (imposed by pdf-lib) may drop the subject, but never changes it.
      if (subject && kind !== 'booklet') expect(i.get('Subject')).toBe(SUBJECT);
      else if (subject) expect(i.get('Subject') ?? SUBJECT).toBe(SUBJECT);
    }
  });

  it('dates come from SOURCE_DATE_EPOCH', () => {
    const i = info(readFileSync(pick(withSubject)));
    expect(pdfDate(i.get('CreationDate'))).toBe(EPOCH);
    if (i.get('ModDate')) expect(pdfDate(i.get('ModDate'))).toBe(EPOCH);
    if (i.xmp) {
      for (const [, d] of i.xmp.matchAll(/<xmp:(?:CreateDate|ModifyDate|MetadataDate)>([^<]+)</g)) expect(Date.parse(d) / 1000).toBe(EPOCH);
    }
  });

  it('XMP, if any, names no author and no tool but zine', () => {
    for (const b of [withSubject, noSubject]) {
      const xmp = info(readFileSync(pick(b))).xmp;
      if (!xmp) continue;
      expect(xmp).not.toMatch(/dc:creator|Someone Private|pdf:Keywords|secret, words/);
      for (const [, tool] of xmp.matchAll(/<(?:xmp:CreatorTool|pdf:Producer)>([^<]*)</g)) expect(tool).toBe('zine');
    }
  });

  it('no host name, user name, home or project folder anywhere in the file', () => {
    for (const b of [withSubject, noSubject]) {
      const bytes = readFileSync(pick(b));
      const needles = [b.root, join(b.root, '..'), REPO, tmpdir() + '/', 'Someone Private'];
      // Short names (a 2-letter host name, "root") occur by chance in compressed data: look for them
      // where a tool would write them, in Info and XMP values.
      const long = (s: string) => s.length >= 6;
      for (const s of [hostname(), userInfo().username]) (long(s) ? needles : []).push(s);
      for (const n of needles) expect(findInPdf(bytes, n), n).toEqual([]);
      const i = info(bytes);
      const values = [...i.keys.map((k) => i.get(k) ?? ''), ...(i.xmp?.match(/>[^<]+</g) ?? [])];
      for (const s of [hostname(), userInfo().username]) for (const v of values) expect(v.split(/[^\w.-]+/)).not.toContain(s);
    }
  });

  it('passes qpdf --check', async () => {
    for (const b of [withSubject, noSubject]) await qpdfCheck(pick(b));
  });
});

describe('dates without SOURCE_DATE_EPOCH', () => {
  const withoutEpoch = async <T>(f: () => Promise<T>) => {
    const saved = process.env.SOURCE_DATE_EPOCH;
    delete process.env.SOURCE_DATE_EPOCH;
    try {
      return await f();
    } finally {
      if (saved !== undefined) process.env.SOURCE_DATE_EPOCH = saved;
    }
  };

  it('not a git checkout: the edition year, never the clock', async () => {
    const { result } = await withoutEpoch(() => build('edition: Mars 2019\n', { booklet: false, press: false }));
    expect(pdfDate(info(readFileSync(result.outputs[0])).get('CreationDate'))).toBe(Date.UTC(2019, 0, 1) / 1000);
  });

  it('a git checkout: the last commit of the content', async () => {
    const root = makeProject({ body: '# Chapter\n\nCommitted.\n' });
    const when = 1_500_000_000;
    commitContent(root, when);
    const result = await withoutEpoch(() => buildEdition('xx', buildOptions(root)));
    const i = info(readFileSync(result.outputs[0]));
    expect(pdfDate(i.get('CreationDate'))).toBe(when);
    // The committer's name and e-mail stay in git.
    expect(findInPdf(readFileSync(result.outputs[0]), 't@example.org')).toEqual([]);
  });
});

describe('tagged editions (reading, phone): XMP for PDF/UA', () => {
  /** The XMP's elements, by name, and the texts they hold. */
  const elements = (xmp: string) => [...xmp.matchAll(/<([\w:]+)[^>]*>([^<]*)/g)].map((m) => [m[1], m[2].trim()]).filter(([name]) => !name.startsWith('?'));
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

  it('holds the title and pdfuaid:part 1, and nothing else: no tool, producer or date', () => {
    for (const b of [withSubject, noSubject]) {
      const bytes = readFileSync(b.result.outputs.find((p) => kindOf(p) === 'reading')!);
      const xmp = info(bytes).xmp!;
      const names = [...new Set(elements(xmp).map(([n]) => n))].sort();
      expect(names).toEqual(['dc:title', 'pdfuaid:part', 'rdf:Alt', 'rdf:Description', 'rdf:RDF', 'rdf:li', 'x:xmpmeta']);
      const said = elements(xmp).filter(([, t]) => t);
      expect(said.sort()).toEqual([
        ['pdfuaid:part', '1'],
        ['rdf:li', TITLE],
      ]);
    }
  });

  it('a title with & and < stays well-formed XML and says the title', async () => {
    const title = 'Bees & <wasps>';
    const root = makeProject({ raw: `---\ntitle: "${title}"\n---\n\n# A\n\nText.\n` });
    const result = await buildEdition('xx', buildOptions(root, { phone: true }));
    for (const out of result.outputs) {
      const li = /<rdf:li[^>]*>([^<]*)<\/rdf:li>/.exec(info(readFileSync(out)).xmp!)!;
      expect(unescape(li[1])).toBe(title);
    }
  });
});
