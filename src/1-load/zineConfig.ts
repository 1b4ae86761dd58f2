/**
 * content/zine.yml: what is the guide's, not the engine's. Every key is optional; a key we don't know,
 * a value of the wrong kind or shape is an error at its line, with what to write instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { fail, type SourcePos } from '../errors.js';
import { MM } from '../model/theme.js';

export const CONFIG_PATH = 'content/zine.yml';

export interface GuideConfig {
  slug: string;
  source: string;
  page: { name: string; width: number; height: number };
  theme: {
    accent: string;
    ink: string;
    fonts: { body: string; headings: string; display: string; mono: string; arabic: string };
    /** An image of images/ (`none`: no emblem). */
    emblem: string | null;
  };
  /** The address the guide was published at, ending with /: relative links are resolved against it. */
  baseUrl: string | null;
  /** The page count asked for the printed editions (covers included), or null: the fewest sheets. */
  pages: number | null;
  /** Where each key stands in zine.yml (dotted path -> position), for errors found later (a missing font). */
  at: (key: string) => SourcePos;
  /** Whether zine.yml sets this key (not a default). */
  explicit: (key: string) => boolean;
}

/** Named page sizes in millimetres, portrait. */
export const PAGE_SIZES: Record<string, [number, number]> = {
  a4: [210, 297],
  a5: [148, 210],
  a6: [105, 148],
  'half-letter': [139.7, 215.9],
  letter: [215.9, 279.4],
};

/** The keys zine.yml knows, with their defaults and how each value is checked. */
const DEFAULTS = {
  slug: 'zine',
  page: 'a5',
  'theme.accent': '#d4211b',
  'theme.ink': '#161616',
  'theme.fonts.body': 'noto-serif',
  'theme.fonts.headings': 'inter',
  'theme.fonts.display': 'bebas-neue',
  'theme.fonts.mono': 'dejavu-mono',
  'theme.fonts.arabic': 'noto-sans-arabic',
  'theme.cover.emblem': 'padlock.svg',
} as const;

const KEYS: Record<string, 'map' | 'text'> = {
  slug: 'text',
  source: 'text',
  page: 'text',
  theme: 'map',
  'theme.accent': 'text',
  'theme.ink': 'text',
  'theme.fonts': 'map',
  'theme.fonts.body': 'text',
  'theme.fonts.headings': 'text',
  'theme.fonts.display': 'text',
  'theme.fonts.mono': 'text',
  'theme.fonts.arabic': 'text',
  'theme.cover': 'map',
  'theme.cover.emblem': 'text',
  'base-url': 'text',
  pages: 'text',
};

const HEX = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

/** `a5`, `half-letter`, `120x170mm`: the page size in points, or null. */
export function parsePageSize(value: string): { name: string; width: number; height: number } | null {
  const v = value.trim().toLowerCase();
  const named = PAGE_SIZES[v];
  if (named) return { name: v, width: named[0] * MM, height: named[1] * MM };
  const m = /^(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*mm$/.exec(v);
  if (!m) return null;
  const [w, h] = [Number(m[1]), Number(m[2])];
  return { name: `${w}x${h}mm`, width: w * MM, height: h * MM };
}

/** Smallest and largest pages we lay out: a pocket zine to a poster-sized page. */
const PAGE_MIN_MM = 70;
const PAGE_MAX_MM = 500;
/** Cover, contents, a page of text, back cover. */
const MIN_PAGES = 4;

/** #abc -> #aabbcc, so colours compare and print the same however they were written. */
function fullHex(v: string): string {
  return v.length === 4 ? `#${[...v.slice(1)].map((c) => c + c).join('')}`.toLowerCase() : v.toLowerCase();
}

/** base-url names a folder: without the final /, links would resolve beside it rather than in it. */
function folderUrl(address: string): string {
  const u = new URL(address);
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return u.href;
}

export function readGuideConfigFile(root: string, languages: string[]): GuideConfig {
  const path = CONFIG_PATH;
  const text = existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : '';
  const lc = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter: lc });
  const posOf = (offset: number | undefined): SourcePos => {
    if (offset === undefined) return { file: path, line: 1, col: 1 };
    const p = lc.linePos(offset);
    return { file: path, line: p.line, col: p.col };
  };
  const err = doc.errors[0];
  if (err) fail(`broken YAML: ${err.message.split('\n')[0]}`, posOf(err.pos[0]), 'Fix the YAML syntax (indentation, quotes around values with ":" or "#").');
  const values = new Map<string, string>();
  const positions = new Map<string, SourcePos>();
  const known = (prefix: string) => Object.keys(KEYS).filter((k) => k.startsWith(prefix) && !k.slice(prefix.length).includes('.')).map((k) => k.slice(prefix.length));

  const walk = (map: YAMLMap, prefix: string) => {
    for (const pair of map.items) {
      const keyNode = pair.key as Node;
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const full = prefix + key;
      const at = posOf(keyNode?.range?.[0]);
      const kind = KEYS[full];
      if (!kind) fail(`unknown key "${full}" in zine.yml`, at, `Keys here: ${known(prefix).join(', ')} (see README, "Make your own zine").`);
      positions.set(full, at);
      const value = pair.value as Node | null;
      if (kind === 'map') {
        if (value === null || (isScalar(value) && value.value === null)) continue;
        if (!isMap(value)) fail(`"${full}" holds keys, not a value`, at, `Write, indented under it: ${known(full + '.').map((k) => `${k}: …`).join(', ')}.`);
        walk(value, full + '.');
      } else {
        if (!isScalar(value) || value.value === null || typeof value.value === 'object') {
          const colour = full === 'theme.accent' || full === 'theme.ink';
          fail(`"${full}" needs a value`, at, colour ? `Write the colour in quotes, e.g. ${key}: "#d42a20" (without quotes YAML reads # as the start of a comment).` : `Write ${key}: followed by its value on the same line.`);
        }
        values.set(full, String(value.value).trim());
      }
    }
  };
  const contents = doc.contents;
  if (contents !== null && !(isScalar(contents) && contents.value === null)) {
    if (!isMap(contents)) fail('zine.yml holds keys (key: value)', posOf(0), 'See README, "Make your own zine".');
    walk(contents, '');
  }
  const at = (key: string): SourcePos => positions.get(key) ?? { file: path, line: 1, col: 1 };
  const get = <K extends keyof typeof DEFAULTS>(k: K): string => values.get(k) ?? DEFAULTS[k];

  const source = values.get('source') ?? languages[0];
  if (!languages.includes(source)) fail(`source language "${source}" has no folder in content/`, at('source'), `Languages found: ${languages.join(', ')}.`);
  const slug = get('slug');
  if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) fail(`slug "${slug}" must be lowercase letters, digits and dashes`, at('slug'), 'For example: slug: my-zine');
  const page = parsePageSize(get('page'));
  if (!page) fail(`page "${get('page')}" is not a page size`, at('page'), `Write one of ${Object.keys(PAGE_SIZES).join(', ')}, or a size in millimetres such as 120x170mm (width x height).`);
  const [wMm, hMm] = [page.width / MM, page.height / MM];
  if (Math.min(wMm, hMm) < PAGE_MIN_MM || Math.max(wMm, hMm) > PAGE_MAX_MM) {
    fail(`page ${page.name} is outside what a zine can be (${PAGE_MIN_MM} to ${PAGE_MAX_MM} mm a side)`, at('page'), 'A6 (105 × 148 mm) is the smallest page that holds a screenshot legibly.');
  }
  for (const k of ['theme.accent', 'theme.ink'] as const) {
    if (!HEX.test(get(k))) fail(`${k.split('.')[1]} "${get(k)}" is not a colour`, at(k), 'Write a CSS hex colour in quotes, e.g. accent: "#d42a20" (without quotes YAML reads # as a comment).');
  }
  const baseUrl = values.get('base-url') ?? null;
  if (baseUrl !== null && (!/^https?:\/\/[^\s/]+(\/\S*)?$/i.test(baseUrl) || !URL.canParse(baseUrl))) {
    fail(`base-url "${baseUrl}" is not an http(s) address`, at('base-url'), 'Write the address of the folder the guide’s pages were published in, e.g. base-url: https://example.org/guide/');
  }
  const pagesValue = values.get('pages');
  if (pagesValue !== undefined && !/^\d+$/.test(pagesValue)) fail(`pages "${pagesValue}" is not a page count`, at('pages'), 'Write a whole number of pages, covers included, e.g. pages: 12 (a multiple of 4 prints a booklet without blank pages).');
  const pages = pagesValue === undefined ? null : Number(pagesValue);
  if (pages !== null && pages < MIN_PAGES) fail(`pages: ${pages} is fewer than a book has`, at('pages'), `A book has at least ${MIN_PAGES} pages: cover, contents, a page of text, back cover.`);
  const fonts = { body: get('theme.fonts.body'), headings: get('theme.fonts.headings'), display: get('theme.fonts.display'), mono: get('theme.fonts.mono'), arabic: get('theme.fonts.arabic') };
  const emblem = get('theme.cover.emblem');
  return {
    slug,
    source,
    page,
    baseUrl: baseUrl === null ? null : folderUrl(baseUrl),
    pages,
    theme: { accent: fullHex(get('theme.accent')), ink: fullHex(get('theme.ink')), fonts, emblem: emblem.toLowerCase() === 'none' ? null : emblem },
    at,
    explicit: (key) => values.has(key),
  };
}
