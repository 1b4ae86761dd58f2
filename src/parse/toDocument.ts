import type { Token } from 'markdown-it';
import { fail, type SourcePos } from '../errors.js';
import type { Block, Chapter, FigureAttrs, Inline } from '../model/document.js';
import type { SourceFile } from '../load/loadGuide.js';
import { CONTAINERS, markdownParser } from './markdown.js';

/** markdown-it types attribute values as string | number; ours are always text. */
const attr = (t: Token, name: string): string | undefined => {
  const v = t.attrGet(name);
  return v === null || v === undefined ? undefined : String(v);
};

const ALLOWED_SCHEMES = /^(https?:|mailto:)/i;

/**
 * Lists, quotes and callouts inside each other: each level indents the text, and a guide never needs
 * more than a few. Deeper nesting (hostile or broken input) is refused before it leaves no room to set text.
 */
export const MAX_NESTING = 8;

/** Every link is printed as a QR code (error correction M holds 2,331 bytes): longer ones cannot be. */
export const MAX_URL = 2000;

/** Markdown file -> chapter of blocks. markdown-it's flat token stream becomes a tree here, once. */
export function parseChapter(file: SourceFile, ids = new Set<string>()): Chapter {
  const tokens = markdownParser().parse(file.body, {});
  const lines = file.body.split('\n');
  const ctx: Ctx = { file, lines, ids, pos: 0, tokens, depth: 0 };
  const blocks = parseBlocks(ctx, null);
  return { file: file.path, blocks };
}

interface Ctx {
  file: SourceFile;
  lines: string[];
  ids: Set<string>;
  tokens: Token[];
  pos: number;
  /** Lists, quotes and callouts open around the current token. */
  depth: number;
}

/** Parse the blocks of a list item, quote or callout, one nesting level deeper. */
function nested(ctx: Ctx, closeType: string, source: SourcePos): Block[] {
  if (ctx.depth >= MAX_NESTING) {
    fail(`lists, quotes and callouts are nested more than ${MAX_NESTING} levels deep`, source, 'Flatten the structure: a zine page has no room for deeper indentation.');
  }
  ctx.depth++;
  const blocks = parseBlocks(ctx, closeType);
  ctx.depth--;
  return blocks;
}

function where(ctx: Ctx, t: Token | undefined, needle?: string): SourcePos {
  const line0 = t?.map?.[0] ?? 0;
  let col = 1;
  if (needle) {
    // markdown-it keeps lines, not columns: find the text on the block's lines for a precise column.
    const end = t?.map?.[1] ?? line0 + 1;
    for (let l = line0; l < end; l++) {
      const i = ctx.lines[l]?.indexOf(needle) ?? -1;
      if (i >= 0) return { file: ctx.file.path, line: ctx.file.bodyLine + l, col: i + 1 };
    }
  }
  return { file: ctx.file.path, line: ctx.file.bodyLine + line0, col };
}

function parseBlocks(ctx: Ctx, closeType: string | null): Block[] {
  const out: Block[] = [];
  while (ctx.pos < ctx.tokens.length) {
    const t = ctx.tokens[ctx.pos];
    if (closeType && t.type === closeType) {
      ctx.pos++;
      return out;
    }
    const block = parseBlock(ctx, t);
    if (block) out.push(block);
  }
  return out;
}

function parseBlock(ctx: Ctx, t: Token): Block | null {
  const source = where(ctx, t);
  switch (t.type) {
    case 'heading_open': {
      const inline = ctx.tokens[ctx.pos + 1];
      ctx.pos += 3;
      const level = Math.min(3, Number(t.tag.slice(1))) as 1 | 2 | 3;
      const inlines = parseInlines(ctx, inline);
      if (!inlines.some((i) => i.text.trim())) fail('empty heading', source, 'Write the heading’s text after the #, or remove the line.');
      const id = uniqueId(ctx.ids, attr(t, 'id') ?? slugify(inlines.map((i) => i.text).join('')));
      return { kind: 'heading', level, inlines, id, source };
    }
    case 'paragraph_open': {
      const inline = ctx.tokens[ctx.pos + 1];
      ctx.pos += 3;
      const images = (inline.children ?? []).filter((c) => c.type === 'image');
      if (images.length) return figure(ctx, inline, images);
      return { kind: 'paragraph', inlines: parseInlines(ctx, inline), source };
    }
    case 'bullet_list_open':
    case 'ordered_list_open': {
      const ordered = t.type === 'ordered_list_open';
      const close = ordered ? 'ordered_list_close' : 'bullet_list_close';
      ctx.pos++;
      const items: Block[][] = [];
      while (ctx.tokens[ctx.pos].type !== close) {
        // list_item_open
        ctx.pos++;
        items.push(nested(ctx, 'list_item_close', source));
      }
      ctx.pos++;
      return { kind: 'list', ordered, start: Number(attr(t, 'start') ?? 1), items, source };
    }
    case 'blockquote_open':
      ctx.pos++;
      return { kind: 'quote', blocks: nested(ctx, 'blockquote_close', source), source };
    case 'container_any_open': {
      const name = t.info.trim().split(/\s+/)[0];
      if (!(CONTAINERS as readonly string[]).includes(name)) {
        fail(`unknown block "::: ${name}"`, source, `Use one of: ${CONTAINERS.map((c) => '::: ' + c).join(', ')}.`);
      }
      ctx.pos++;
      const blocks = nested(ctx, 'container_any_close', source);
      if (name === 'links') return { kind: 'linksIndex', source };
      return { kind: 'callout', variant: name, blocks, source };
    }
    case 'fence':
    case 'code_block':
      ctx.pos++;
      return { kind: 'code', text: t.content.replace(/\n$/, ''), source };
    case 'page_break':
      ctx.pos++;
      return { kind: 'pageBreak', source };
    case 'hr':
      ctx.pos++;
      return null;
    case 'html_block':
      fail('raw HTML is not allowed in a guide', source, 'Write it in Markdown; for a page break use \\newpage alone on a line.');
    case 'table_open':
      fail('tables are not supported', source, 'Use a list instead.');
    default:
      fail(`unsupported Markdown (${t.type})`, source);
  }
}

function figure(ctx: Ctx, inline: Token, images: Token[]): Block {
  const img = images[0];
  const others = (inline.children ?? []).filter((c) => c !== img && !(c.type === 'text' && !c.content.trim()) && c.type !== 'softbreak');
  const src = attr(img, 'src') ?? '';
  const source = where(ctx, inline, src);
  if (images.length > 1 || others.length) {
    fail('an image must stand alone in its paragraph', source, 'Put a blank line before and after the image.');
  }
  const alt = (img.children ?? []).map((c) => c.content).join('');
  const caption = attr(img, 'title') ?? '';
  return { kind: 'figure', src, alt, caption: caption ? [{ text: caption }] : [], attrs: figureAttrs(img, source), source };
}

function numbers(value: string, count: number, what: string, source: SourcePos): number[] {
  const n = value.split(',').map((s) => Number(s.trim()));
  if (n.length !== count || n.some((x) => !Number.isFinite(x) || x < 0)) {
    fail(`${what}="${value}" needs ${count} non-negative numbers separated by commas`, source);
  }
  return n;
}

function figureAttrs(img: Token, source: SourcePos): FigureAttrs {
  const attrs: FigureAttrs = { width: 1, redact: [] };
  for (const [key, raw] of img.attrs ?? []) {
    const value = String(raw);
    if (key === 'src' || key === 'alt' || key === 'title') continue;
    if (key === 'width') {
      const m = /^(\d+(?:\.\d+)?)%$/.exec(value);
      if (!m || Number(m[1]) <= 0 || Number(m[1]) > 100) fail(`width="${value}" must be a percentage of the text width, 1% to 100%`, source);
      attrs.width = Number(m[1]) / 100;
    } else if (key === 'crop') {
      attrs.crop = numbers(value, 4, 'crop', source) as FigureAttrs['crop'];
    } else if (key === 'redact') {
      attrs.redact = value
        .split(';')
        .filter((s) => s.trim())
        .map((box) => numbers(box, 4, 'redact', source) as [number, number, number, number]);
    } else {
      fail(`unknown image attribute "${key}"`, source, 'Image attributes are width, crop and redact.');
    }
  }
  return attrs;
}

function parseInlines(ctx: Ctx, inline: Token): Inline[] {
  const out: Inline[] = [];
  let bold = 0;
  let italic = 0;
  let link: string | undefined;
  const push = (text: string, code = false) => {
    if (!text) return;
    out.push({ text, ...(bold ? { bold: true } : {}), ...(italic ? { italic: true } : {}), ...(code ? { code: true } : {}), ...(link ? { link } : {}) });
  };
  for (const c of inline.children ?? []) {
    switch (c.type) {
      case 'text':
        push(c.content);
        break;
      case 'softbreak':
        push(' ');
        break;
      case 'hardbreak':
        push('\n');
        break;
      case 'code_inline':
        push(c.content, true);
        break;
      case 'strong_open':
        bold++;
        break;
      case 'strong_close':
        bold--;
        break;
      case 'em_open':
        italic++;
        break;
      case 'em_close':
        italic--;
        break;
      case 'link_open': {
        const href = attr(c, 'href') ?? '';
        if (!ALLOWED_SCHEMES.test(href)) {
          fail(`link "${href}" is not allowed`, where(ctx, inline, href), 'Only https:, http: and mailto: links can be printed and clicked.');
        }
        if (href.length > MAX_URL) {
          fail(`link of ${href.length} characters is too long`, where(ctx, inline, href.slice(0, 40)), `Links are printed with a QR code, which holds at most ${MAX_URL} characters: use a shorter address.`);
        }
        link = href;
        break;
      }
      case 'link_close':
        link = undefined;
        break;
      case 'html_inline':
        fail('raw HTML is not allowed in a guide', where(ctx, inline, c.content), 'Write it in Markdown.');
      case 'image':
        fail('an image must stand alone in its paragraph', where(ctx, inline, attr(c, 'src')));
      default:
        push(c.content);
    }
  }
  return out;
}

export function slugify(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'section'
  );
}

function uniqueId(ids: Set<string>, base: string): string {
  let id = base;
  for (let i = 2; ids.has(id); i++) id = `${base}-${i}`;
  ids.add(id);
  return id;
}
