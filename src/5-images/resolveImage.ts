import { existsSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, normalize, sep } from 'node:path';
import { fail, type SourcePos } from '../errors.js';

export interface ResolvedImage {
  /** Project-relative path of the file used. */
  path: string;
  absPath: string;
  /** True when a language-specific image was looked for and the shared one used instead. */
  fellBack: boolean;
}

/**
 * Image references are relative to images/, looked up in images/<lang>/ first. Anything that would
 * read outside images/ (.., absolute paths, links pointing out) is refused: a guide from a stranger
 * must not be able to put our files into a PDF.
 */
export function resolveImage(root: string, lang: string, src: string, source: SourcePos): ResolvedImage {
  if (!src) fail('image without a path', source);
  if (/^[a-z][a-z0-9+.-]*:/i.test(src)) fail(`image "${src}" is a URL`, source, 'Images are files under images/; nothing is downloaded.');
  if (isAbsolute(src) || src.startsWith('/') || normalize(src).split(sep).includes('..')) {
    fail(`image path "${src}" leaves images/`, source, 'Write image paths relative to images/, e.g. riot/dialog.png.');
  }
  if (!existsSync(join(root, 'images'))) fail(`image not found: ${src}`, source, 'There is no images/ folder: create it and put the image there.');
  const imagesDir = realpathSync(join(root, 'images'));
  const candidates = [`images/${lang}/${src}`, `images/${src}`];
  for (const [i, path] of candidates.entries()) {
    const abs = join(root, path);
    if (!existsSync(abs)) continue;
    const real = realpathSync(abs);
    if (!real.startsWith(imagesDir + sep)) fail(`image "${src}" is a link to a file outside images/`, source, 'Copy the file into images/ instead of linking to it.');
    if (!statSync(real).isFile()) fail(`image "${src}" is not a file`, source);
    return { path, absPath: real, fellBack: i > 0 && existsSync(join(root, 'images', lang)) };
  }
  fail(`image not found: ${src}`, source, `Looked in ${candidates.join(' and ')}.`);
}
