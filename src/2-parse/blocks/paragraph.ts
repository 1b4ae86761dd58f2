import type { Token } from 'markdown-it';
import { fail, type SourcePos } from '../../errors.js';
import type { Block, FigureAttrs, Inline } from '../../model/document.js';
import { attr, warnUnusedAttrs, where, type BlockHandler, type ParseContext } from '../context.js';
import { LANG_TAG, parseInlines } from '../inlines.js';

/**
 * A paragraph of text. Its images become figures placed after it (a paragraph that is only an image is
 * a figure): "Add it. ![The add button](shot.png)" prints the sentence, then the screenshot. Several images of one
 * paragraph may share a row (`sideBySide`).
 */
export const paragraph: BlockHandler = (ctx, t, source) => {
  const inline = ctx.tokens[ctx.pos + 1];
  ctx.pos += 3; // paragraph_open, inline, paragraph_close
  warnUnusedAttrs(ctx, t, ['lang'], 'a paragraph', source);
  const lang = attr(t, 'lang');
  // A language tag (BCP 47: "de", "pt-BR"), said by screen readers in that language's voice.
  if (lang !== undefined && !LANG_TAG.test(lang)) fail(`lang=${lang} is not a language tag`, source, 'Write the language’s ISO code: {lang=de}, {lang=pt-BR}.');
  const children = inline.children ?? [];
  const images = children.filter((c) => c.type === 'image');
  const text = children.filter((c) => c.type !== 'image');
  const inlines = parseInlines(ctx, inline, text);
  const figures = images.map((img) => figure(ctx, inline, img, images.length > 1));
  // What is left of a paragraph once its images are taken out may be only spaces and line ends.
  if (!inlines.some((i) => i.text.trim())) return figures;
  const other = lang ? { lang } : {};
  if (!figures.length) return { kind: 'paragraph', inlines, ...other, source };
  return [{ kind: 'paragraph', inlines: trimRuns(inlines), imagesAfter: true, ...other, source }, ...figures];
};

/** The space an image leaves at a paragraph's end ("Add it. ![The add button](x.png)") is not part of the text. */
function trimRuns(inlines: Inline[]): Inline[] {
  const out = [...inlines];
  while (out.length && !out[out.length - 1].text.trim()) out.pop();
  const last = out[out.length - 1];
  if (!last.code) out[out.length - 1] = { ...last, text: last.text.trimEnd() };
  return out;
}

function figure(ctx: ParseContext, inline: Token, img: Token, sideBySide: boolean): Block {
  const src = attr(img, 'src') ?? '';
  const source = where(ctx, inline, src);
  // An image inside a link would print without it (a figure is not clickable): the link would be lost.
  const i = (inline.children ?? []).indexOf(img);
  const before = (inline.children ?? []).slice(0, i);
  if (before.filter((c) => c.type === 'link_open').length > before.filter((c) => c.type === 'link_close').length) {
    fail('an image inside a link cannot be printed', source, 'Put the link in the text beside the image: [text](https://…) ![What it shows](image.png)');
  }
  const alt = (img.children ?? []).map((c) => c.content).join('').trim();
  // Screen readers say an image by its alt text; one that shows nothing to say is marked {decorative}.
  const decorative = (img.attrs ?? []).some(([k]) => k === 'decorative');
  if (!alt && !decorative) {
    fail(
      `the image ${src} has no alt text`,
      source,
      `Say what it shows for readers who cannot see it, between the brackets: ![The dialog asking to confirm the call](${src}). An image that shows nothing to say (an ornament) is marked decorative instead: ![](${src}){decorative}.`,
    );
  }
  const caption = attr(img, 'title') ?? '';
  return { kind: 'figure', src, alt, ...(decorative ? { decorative: true as const } : {}), caption: caption ? [{ text: caption }] : [], attrs: figureAttrs(ctx, img, source), ...(sideBySide ? { sideBySide: true as const } : {}), source };
}

function numbers(value: string, count: number, what: string, source: SourcePos): number[] {
  const n = value.split(',').map((s) => Number(s.trim()));
  if (n.length !== count || n.some((x) => !Number.isFinite(x) || x < 0)) {
    fail(`${what}="${value}" needs ${count} non-negative numbers separated by commas`, source);
  }
  return n;
}

function figureAttrs(ctx: ParseContext, img: Token, source: SourcePos): FigureAttrs {
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
    }
  }
  warnUnusedAttrs(ctx, img, ['src', 'alt', 'title', 'width', 'crop', 'redact', 'decorative'], `the image ${img.attrGet('src')}`, source);
  return attrs;
}
