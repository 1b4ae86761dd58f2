/**
 * The theme stage: zine.yml's choices (page size, colours, font folders, emblem) -> the Theme value
 * layout reads. Reads fonts/ and images/ to resolve them; errors point at the key in zine.yml.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { GuideConfig } from '../1-load/zineConfig.js';
import type { Emblem, Theme } from '../model/theme.js';
import { designTheme } from './design.js';
import { loadEmblem, type EmblemSource } from './emblem.js';
import { resolveFaces, type FontRole } from './fonts.js';

export { designTheme, defaultTheme } from './design.js';

/** The printed page of zine.yml, or a phone's screen. */
export type Medium = 'page' | 'phone';

/** A phone held upright shows about this much without zooming (a 6-inch screen at 9:16). */
export const PHONE_PAGE = { width: 90 * (72 / 25.4), height: 160 * (72 / 25.4) };

export interface ThemeSources {
  faces: Theme['faces'];
  emblem: EmblemSource | null;
}

/** Fonts and emblem of a guide, read once per language (an edition may have its own emblem). */
export function themeSources(root: string, config: GuideConfig, lang: string): ThemeSources {
  const faces = resolveFaces(join(root, 'fonts'), config.theme.fonts, (role: FontRole) => (config.explicit(`theme.fonts.${role}`) ? config.at(`theme.fonts.${role}`) : null));
  let name = config.theme.emblem;
  // The default emblem is ours: a guide that brings its own images/ without it simply has none.
  if (name === 'padlock.svg' && !config.explicit('theme.cover.emblem') && !existsSync(join(root, 'images', name))) name = null;
  const emblem = name ? loadEmblem(root, lang, name, config.theme.ink, config.at('theme.cover.emblem')) : null;
  return { faces, emblem };
}

/** The theme of one medium. A raster emblem comes with its size from the image stage. */
export function themeFor(config: GuideConfig, sources: ThemeSources, medium: Medium, rasterEmblem: Extract<Emblem, { kind: 'image' }> | null = null): Theme {
  const emblem = sources.emblem?.kind === 'paths' ? sources.emblem.emblem : rasterEmblem;
  const page = medium === 'phone' ? PHONE_PAGE : config.page;
  return designTheme({ page, accent: config.theme.accent, ink: config.theme.ink, faces: sources.faces, emblem, medium });
}
