import type { Token } from 'markdown-it';
import { fail } from '../errors.js';
import type { Inline } from '../model/document.js';
import { attr, where, type ParseContext } from './context.js';
import { footnoteReference } from './blocks/footnote.js';

const ALLOWED_SCHEMES = /^(https?:|mailto:)/i;

/** Every link is printed as a QR code (error correction M holds 2,331 bytes): longer ones cannot be. */
export const MAX_URL = 2000;

/** An inline token (the children of a paragraph or heading) -> runs of text with one style each. */
export function parseInlines(ctx: ParseContext, inline: Token): Inline[] {
  const out: Inline[] = [];
  let bold = 0;
  let italic = 0;
  let link: string | undefined;
  const push = (text: string, code = false, note = false) => {
    if (!text) return;
    out.push({ text, ...(bold ? { bold: true } : {}), ...(italic ? { italic: true } : {}), ...(code ? { code: true } : {}), ...(link ? { link } : {}), ...(note ? { note: true } : {}) });
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
      case 'footnote_ref': {
        const ref = footnoteReference(ctx, c, inline);
        push(ref.text, false, ref.note);
        break;
      }
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
