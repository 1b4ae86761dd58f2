/**
 * Font folders -> faces. A folder of fonts/ holds one family; each file is a weight or style, told by
 * its name (`Inter-SemiBold.otf`, `NotoSerif-BoldItalic.ttf`; a file without a suffix is Regular).
 * Each face takes the first style of its wish list that the folder has, so a family with only a
 * Regular and a Bold still sets every role.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fail, type SourcePos } from '../errors.js';
import type { FaceId } from '../model/theme.js';

export type FontRole = 'body' | 'headings' | 'display' | 'mono' | 'arabic';

const FONT_FILE = /\.(ttf|otf)$/i;

/** Style name from a file name: the part after the last '-', or Regular. */
export function styleOf(file: string): string {
  const stem = file.replace(FONT_FILE, '');
  const i = stem.lastIndexOf('-');
  return (i < 0 ? 'regular' : stem.slice(i + 1)).toLowerCase().replace(/[\s_]/g, '');
}

/** For each face: its role's folder, and the styles it would take, best first. */
const WISHES: Record<FaceId, [FontRole, string[]]> = {
  body: ['body', ['regular', 'book', 'text']],
  'body-bold': ['body', ['bold', 'semibold', 'extrabold', 'black', 'regular']],
  'body-italic': ['body', ['italic', 'regular']],
  'body-bold-italic': ['body', ['bolditalic', 'semibolditalic', 'italic', 'bold', 'regular']],
  headings: ['headings', ['regular', 'book', 'medium']],
  'headings-italic': ['headings', ['italic', 'regular']],
  'headings-semibold': ['headings', ['semibold', 'medium', 'bold', 'regular']],
  'headings-bold': ['headings', ['bold', 'semibold', 'extrabold', 'black', 'regular']],
  'headings-extrabold': ['headings', ['extrabold', 'bold', 'black', 'semibold', 'regular']],
  'headings-black': ['headings', ['black', 'heavy', 'extrabold', 'bold', 'regular']],
  display: ['display', ['bold', 'black', 'extrabold', 'regular']],
  mono: ['mono', ['regular', 'book']],
  arabic: ['arabic', ['regular', 'book', 'text']],
  'arabic-bold': ['arabic', ['bold', 'semibold', 'extrabold', 'black', 'regular']],
};

/** Each face's file (relative to fonts/) from the four folders a theme names. */
export function resolveFaces(fontsDir: string, folders: Record<FontRole, string>, at: (role: FontRole) => SourcePos | null): Record<FaceId, string> {
  if (!existsSync(fontsDir)) fail('no fonts/ folder', { file: 'fonts' }, 'Restore fonts/ from the repository (git checkout -- fonts): the fonts are not downloaded at build time.');
  const files = new Map<FontRole, Map<string, string>>();
  for (const role of Object.keys(folders) as FontRole[]) {
    const folder = folders[role];
    const dir = join(fontsDir, folder);
    // A guide without Arabic needs no Arabic font: without the default folder, the body's faces stand in
    // (they add no glyph, so Arabic text still gets the "no font has them" error).
    if (role === 'arabic' && !at(role) && !existsSync(dir)) {
      files.set(role, files.get('body')!);
      continue;
    }
    if (folder.includes('..') || folder.includes('/') || !existsSync(dir) || !statSync(dir).isDirectory()) {
      const have = existsSync(fontsDir) ? readdirSync(fontsDir).filter((d) => statSync(join(fontsDir, d)).isDirectory()) : [];
      // A folder zine.yml names is an error there; a default one missing means fonts/ lost it.
      const where = at(role);
      const listed = `Folders of fonts/: ${have.join(', ') || 'none'}.`;
      fail(
        `font folder "${folder}" is not in fonts/`,
        where ?? { file: `fonts/${folder}` },
        where ? `${listed} Add the family as fonts/${folder}/ (its .ttf or .otf files and licence), or name one of these.` : `Restore fonts/ from the repository, or name another folder in content/zine.yml (theme: fonts:). ${listed}`,
      );
    }
    const byStyle = new Map<string, string>();
    for (const f of readdirSync(dir).filter((f) => FONT_FILE.test(f)).sort()) if (!byStyle.has(styleOf(f))) byStyle.set(styleOf(f), `${folder}/${f}`);
    if (!byStyle.size) fail(`font folder "fonts/${folder}" has no .ttf or .otf file`, at(role) ?? { file: `fonts/${folder}` }, 'Put the font files of the family in it (e.g. MyFont-Regular.ttf, MyFont-Bold.ttf).');
    files.set(role, byStyle);
  }
  const faces = {} as Record<FaceId, string>;
  for (const [face, [role, wishes]] of Object.entries(WISHES) as [FaceId, [FontRole, string[]]][]) {
    const byStyle = files.get(role)!;
    faces[face] = wishes.map((w) => byStyle.get(w)).find(Boolean) ?? [...byStyle.values()][0];
  }
  return faces;
}
