declare module 'markdown-it-attrs' {
  import type { MarkdownIt } from 'markdown-it';
  const plugin: (md: MarkdownIt, options?: { allowedAttributes?: string[]; leftDelimiter?: string; rightDelimiter?: string }) => void;
  export default plugin;
}
declare module 'markdown-it-container' {
  import type { MarkdownIt } from 'markdown-it';
  const plugin: (md: MarkdownIt, name: string, options?: { validate?: (params: string) => boolean }) => void;
  export default plugin;
}
declare module 'fontkit' {
  export interface Font {
    unitsPerEm: number;
    ascent: number;
    descent: number;
    numGlyphs: number;
    layout(text: string): { advanceWidth: number };
    hasGlyphForCodePoint(cp: number): boolean;
  }
  export function openSync(path: string): Font;
}
declare module 'hyphen/*' {
  const mod: { hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number }): string };
  export default mod;
}
declare module 'qrcode/lib/core/qrcode.js' {
  export { create } from 'qrcode';
}
