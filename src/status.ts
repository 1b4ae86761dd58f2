import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { listLanguages, markdownFiles, readGuideConfig, splitFrontMatter } from './1-load/loadGuide.js';

export type FileState = 'ok' | 'missing' | 'untranslated' | 'outdated' | 'extra';

export interface LanguageStatus {
  lang: string;
  files: { file: string; state: FileState; detail?: string }[];
}

/** What a translation records of its source: the first 12 hex digits of the source file's SHA-256. */
export function sourceHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/**
 * For each translation, each source file: missing (no file), untranslated (no `source-hash`: never
 * marked as translated), outdated (the source changed since the hash was recorded) or ok.
 */
export function translationStatus(root: string): LanguageStatus[] {
  const { source } = readGuideConfig(root);
  const sources = markdownFiles(root, source).map((path) => ({ name: basename(path), hash: sourceHash(readFileSync(join(root, path), 'utf8')) }));
  return listLanguages(root)
    .filter((l) => l !== source)
    .map((lang) => {
      const files: LanguageStatus['files'] = sources.map(({ name, hash }) => {
        const path = `content/${lang}/${name}`;
        if (!existsSync(join(root, path))) return { file: path, state: 'missing' as const };
        const { frontMatter } = splitFrontMatter(readFileSync(join(root, path), 'utf8'), path);
        const recorded = frontMatter['source-hash'];
        if (recorded === undefined) return { file: path, state: 'untranslated' as const, detail: 'no source-hash in its front matter' };
        if (String(recorded) !== hash) return { file: path, state: 'outdated' as const, detail: `translated from ${recorded}, source is now ${hash}: see git diff of content/${source}/${name}` };
        return { file: path, state: 'ok' as const };
      });
      for (const path of markdownFiles(root, lang)) {
        if (!sources.some((s) => s.name === basename(path))) files.push({ file: path, state: 'extra', detail: `no content/${source}/${basename(path)}` });
      }
      return { lang, files };
    });
}

export function formatStatus(report: LanguageStatus[]): string {
  const lines: string[] = [];
  for (const l of report) {
    const bad = l.files.filter((f) => f.state !== 'ok');
    lines.push(`${l.lang}: ${bad.length ? `${bad.length} to do` : 'up to date'} (${l.files.length - bad.length}/${l.files.length} ok)`);
    for (const f of bad) lines.push(`  ${f.state.padEnd(12)} ${f.file}${f.detail ? `  (${f.detail})` : ''}`);
  }
  return lines.join('\n') + '\n';
}
