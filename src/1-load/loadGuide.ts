import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { fail, systemError, type Diagnostics, type Warn } from '../errors.js';
import { readGuideConfigFile, type GuideConfig } from './zineConfig.js';
import { STRING_KEYS, type BookMeta, type Strings } from '../model/document.js';

/** One Markdown file as read from disk, front matter split off. */
export interface SourceFile {
  path: string; // project-relative
  body: string;
  /** Line of the body's first line in the file, so parse positions map back to the file. */
  bodyLine: number;
  frontMatter: Record<string, unknown>;
  /** The line of each front matter key in the file, for warnings about it. */
  keyLines?: Record<string, number>;
}

export type { GuideConfig } from './zineConfig.js';

export interface LoadedGuide {
  root: string;
  lang: string;
  slug: string;
  sourceLang: string;
  config: GuideConfig;
  meta: BookMeta;
  strings: Strings;
  files: SourceFile[];
  /** False when its book keys or strings could not be read (their errors recorded): too broken to lay out. */
  complete: boolean;
}

const LANG_DIR = /^[a-z]{2,3}(-[A-Za-z0-9]+)?$/;

/** Languages are the folders under content/ that hold Markdown. */
export function listLanguages(root: string): string[] {
  const dir = join(root, 'content');
  if (!existsSync(dir)) fail('no content/ folder here', { file: 'content' }, 'Run zine from the project root, or pass --root.');
  return readdirSync(dir)
    .filter((d) => LANG_DIR.test(d) && statSync(join(dir, d)).isDirectory())
    .filter((d) => markdownFiles(root, d).length > 0)
    .sort();
}

export function markdownFiles(root: string, lang: string): string[] {
  return readdirSync(join(root, 'content', lang))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `content/${lang}/${f}`);
}

/** A text file of the project; one that vanished or cannot be read is an error naming it. */
export function readText(root: string, path: string): string {
  try {
    return readFileSync(join(root, path), 'utf8');
  } catch (e) {
    throw systemError(e, path, 'read');
  }
}

export function readYamlFile(root: string, path: string): Record<string, unknown> {
  return parseYaml(readText(root, path), path, 1);
}

function parseYaml(text: string, path: string, firstLine: number): Record<string, unknown> {
  const doc = parseDocument(text, { prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    // The offset yaml gives, turned into the line and column a user finds in the file.
    const before = text.slice(0, Math.min(err.pos[0], Math.max(0, text.trimEnd().length)));
    const line = before.split('\n').length;
    const col = before.length - before.lastIndexOf('\n');
    fail(`broken YAML: ${err.message.split('\n')[0]}`, { file: path, line: line + firstLine - 1, col }, 'Fix the YAML syntax (indentation, quotes around values with ":").');
  }
  const value = doc.toJS() ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) fail('expected YAML keys (key: value)', { file: path, line: firstLine });
  return value as Record<string, unknown>;
}

/** content/zine.yml, checked (see zineConfig.ts); a folder without a guide fails here. */
export function readGuideConfig(root: string): GuideConfig {
  const langs = listLanguages(root);
  if (!langs.length) fail('no guide here: content/ has no language folder with Markdown files', { file: 'content' }, 'Create content/<lang>/01-intro.md (see README, "Writing a guide").');
  return readGuideConfigFile(root, langs);
}

/** Split `---\nyaml\n---\n` off a Markdown file. */
export function splitFrontMatter(text: string, path: string): Omit<SourceFile, 'path'> {
  const m = /^---\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(\r?\n|$)/.exec(text);
  if (!m) {
    if (/^---\r?\n/.test(text)) fail('front matter is not closed', { file: path, line: 1 }, 'End the front matter with a line holding only ---.');
    return { body: text, bodyLine: 1, frontMatter: {} };
  }
  const frontMatter = m[1] ? parseYaml(m[1], path, 2) : {};
  const bodyLine = m[0].split('\n').length - (m[2] ? 0 : 1);
  // Top-level keys start their line (YAML nests by indenting): their lines, without a second parse.
  const keyLines: Record<string, number> = {};
  (m[1] ?? '').split(/\r?\n/).forEach((l, i) => {
    const key = /^([^\s#'"][^:]*?)\s*:(\s|$)/.exec(l)?.[1];
    if (key !== undefined && !(key in keyLines)) keyLines[key] = i + 2;
  });
  return { body: text.slice(m[0].length), bodyLine, frontMatter, keyLines };
}

/** The front matter keys of the first file, which describe the book. */
const BOOK_KEYS = ['title', 'subtitle', 'edition', 'publisher', 'website', 'back', 'slogan', 'subject'] as const;
/** Keys any file may carry: what a translation was made from (see status). */
const FILE_KEYS = ['source-hash'];

/**
 * Front matter keys nothing reads (a website generator's `layout:`, `nav_order:`), and book keys in a
 * file other than the first: each a warning at its line, never silently dropped.
 */
function warnUnusedKeys(files: SourceFile[], warn: Warn): void {
  files.forEach((file, n) => {
    for (const key of Object.keys(file.frontMatter)) {
      const at = { file: file.path, line: file.keyLines?.[key] ?? 1, col: 1 };
      if (FILE_KEYS.includes(key)) continue;
      if (!(BOOK_KEYS as readonly string[]).includes(key)) warn(`front matter key "${key}" is not used`, at, `The keys read are ${[...BOOK_KEYS, ...FILE_KEYS].join(', ')} (see README, "Front matter"). Remove it.`);
      else if (n > 0) warn(`front matter key "${key}" is not used in this file`, at, `The book’s keys are read from the first file only (${files[0].path}).`);
    }
  });
}

/**
 * A language's files, front matter split off, its book keys and strings. With `d`, a file or key found
 * wrong is recorded there and the rest still read (a file with broken front matter is left out), so
 * that `check` goes on to parse every other file; without it, the first error is thrown.
 */
export function loadGuide(root: string, lang: string, d?: Diagnostics): LoadedGuide {
  const langs = listLanguages(root);
  if (!langs.includes(lang)) {
    fail(`unknown language "${lang}"`, { file: `content/${lang}` }, `Languages found in content/: ${langs.join(', ') || 'none'}.`);
  }
  const config = readGuideConfig(root);
  let complete = true;
  // With d, what cannot be read is recorded and stood in for; the book keys and strings are needed to lay out.
  const attempt = <T>(f: () => T, fallback: T, needed: boolean): T => {
    if (!d) return f();
    const read = d.attempt(f);
    if (read !== undefined) return read;
    if (needed) complete = false;
    return fallback;
  };
  const paths = markdownFiles(root, lang);
  if (!paths.length) fail(`content/${lang} has no Markdown file any more`, { file: `content/${lang}` }, 'Was it emptied while zine ran? Put the files back, then try again.');
  // A file whose front matter is broken is left out; the others are still parsed and laid out.
  const files = paths.flatMap((path) => attempt(() => [{ path, ...splitFrontMatter(readText(root, path), path) }], [], false));
  // The book's keys are the first file's: when that file could not be read, its error is the one to tell.
  const first = files[0]?.path === paths[0] ? files[0] : undefined;
  if (!first) complete = false;
  const meta = first ? attempt(() => bookMeta(first), { title: '' }, true) : { title: '' };
  warnUnusedKeys(files, d?.warn ?? (() => {}));
  const strings = attempt(() => loadStrings(root, lang), Object.fromEntries(STRING_KEYS.map((k) => [k, k])) as Strings, true);
  return { root, lang, slug: config.slug, sourceLang: config.source, config, meta, strings, files, complete };
}

function bookMeta(file: SourceFile): BookMeta {
  const fm = file.frontMatter;
  const str = (k: string): string | undefined => {
    const v = fm[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' && typeof v !== 'number') fail(`front matter key "${k}" must be text`, { file: file.path, line: 2 });
    return String(v).trim();
  };
  const title = str('title');
  if (!title) fail('the first file of a guide needs a "title" in its front matter', { file: file.path, line: 1 }, 'Start the file with a front matter block:\n---\ntitle: My guide\n---');
  const website = str('website');
  // The website becomes a link and a QR code on the cover and the links page: same rules as links in the text.
  if (website && (!/^https?:\/\/[^\s]+$/i.test(website) || website.length > 2000)) {
    fail(`website "${website.slice(0, 80)}" is not an http(s) address`, { file: file.path, line: 2 }, 'Write the full address, e.g. website: https://example.org');
  }
  return {
    title,
    subtitle: str('subtitle'),
    edition: str('edition'),
    publisher: str('publisher'),
    website,
    back: str('back'),
    slogan: str('slogan'),
    subject: str('subject') ?? str('subtitle'),
  };
}

export function loadStrings(root: string, lang: string): Strings {
  const path = `content/${lang}/strings.yml`;
  if (!existsSync(join(root, path))) {
    fail(`missing strings file`, { file: path }, `Create it with these keys: ${STRING_KEYS.join(', ')} (copy another language's strings.yml).`);
  }
  const raw = readYamlFile(root, path);
  const missing = STRING_KEYS.filter((k) => typeof raw[k] !== 'string' || !(raw[k] as string).trim());
  if (missing.length) fail(`missing keys: ${missing.join(', ')}`, { file: path, line: 1 }, 'Every language defines every key of the strings file.');
  return Object.fromEntries(STRING_KEYS.map((k) => [k, String(raw[k])])) as Strings;
}
