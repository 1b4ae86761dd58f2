import type { Token } from 'markdown-it';
import { fail, type SourcePos } from '../../errors.js';
import type { Block, FigureAttrs } from '../../model/document.js';
import { attr, where, type BlockHandler, type ParseContext } from '../context.js';
import { parseInlines } from '../inlines.js';

/** A paragraph of text; a paragraph that is an image is a figure. */
export const paragraph: BlockHandler = (ctx, _t, source) => {
  const inline = ctx.tokens[ctx.pos + 1];
  ctx.pos += 3; // paragraph_open, inline, paragraph_close
  const images = (inline.children ?? []).filter((c) => c.type === 'image');
  if (images.length) return figure(ctx, inline, images);
  return { kind: 'paragraph', inlines: parseInlines(ctx, inline), source };
};

function figure(ctx: ParseContext, inline: Token, images: Token[]): Block {
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
