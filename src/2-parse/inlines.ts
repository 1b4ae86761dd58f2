import type { Token } from 'markdown-it';
import { fail } from '../errors.js';
import type { Inline } from '../model/document.js';
import { attr, warnUnusedAttrs, where, type ParseContext } from './context.js';
import { footnoteReference } from './blocks/footnote.js';

const ALLOWED_SCHEMES = /^(https?:|mailto:)/i;
/** A link with a scheme of its own (`ftp:`, `javascript:`); anything else is relative to the page it was on. */
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Every link is printed as a QR code (error correction M holds 2,331 bytes): longer ones cannot be. */
export const MAX_URL = 2000;

/**
 * The inline HTML a guide written for the web uses, printed as formatting: each tag sets one flag of
 * the run (`b` is `strong`, `i` is `em`). Any other tag is refused at its line.
 */
const HTML_STYLES: Record<string, keyof Omit<Inline, 'text' | 'link'>> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  code: 'code',
  kbd: 'kbd',
  mark: 'mark',
  small: 'small',
  sub: 'sub',
  sup: 'sup',
};

/** What to write instead of the HTML tags guides use most, for the error's hint. */
const HTML_INSTEAD: Record<string, string> = {
  span: 'Write the text without the tag (a span that says its words’ language, <span lang="de">, is read).',
  img: 'Write the image in Markdown: ![what it shows](file.png)',
  a: 'Write the link in Markdown: [text](https://…)',
  u: 'Write *italic* or **bold** instead: underlining is not printed.',
  font: 'Write the text without the tag.',
  p: 'Leave a blank line between paragraphs instead.',
  div: 'Leave a blank line between paragraphs instead.',
};

/** A language tag (BCP 47: "de", "pt-BR"). */
export const LANG_TAG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

/** A span's lang attribute. */
const SPAN_LANG = /\blang\s*=\s*["']?([^"'\s>]*)["']?/i;

/** `<br>`, `</kbd>`, `<sup class="x">`: closing?, tag name, attributes. */
const TAG = /^<(\/?)([a-z][a-z0-9]*)\b([^>]*?)\/?>$/i;

/** `:smile:`, `:material-check:`: icon shortcodes of web generators, which print as their name. */
const SHORTCODE = /(?<![\w:]):[a-z][a-z0-9]*(?:[_+-][a-z0-9]+)*:(?![\w:])/g;

/**
 * An inline token (the children of a paragraph or heading) -> runs of text with one style each.
 * `children`: the tokens to read, when not all of them (a paragraph's images become figures).
 */
export function parseInlines(ctx: ParseContext, inline: Token, children = inline.children ?? []): Inline[] {
  const out: Inline[] = [];
  // How many open tags set each flag (nested <b><strong> is one bold).
  const open: Partial<Record<keyof Inline, number>> = {};
  const on = (flag: keyof Inline, by: number) => (open[flag] = Math.max(0, (open[flag] ?? 0) + by));
  let link: string | undefined;
  // Open <span lang>s, innermost last.
  const langs: string[] = [];
  const push = (text: string, code = false, note = false) => {
    if (!text) return;
    const run: Inline = { text };
    if (langs.length) run.lang = langs[langs.length - 1];
    for (const flag of ['bold', 'italic', 'code', 'kbd', 'mark', 'small', 'sub', 'sup'] as const) if (open[flag]) run[flag] = true;
    if (code) run.code = true;
    if (link) run.link = link;
    if (note) run.note = true;
    out.push(run);
  };
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    switch (c.type) {
      case 'text':
        for (const m of c.content.matchAll(SHORTCODE)) if (!ctx.shortcodes.has(m[0])) ctx.shortcodes.set(m[0], where(ctx, inline, m[0]));
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
      case 'strong_close':
        on('bold', c.nesting);
        break;
      case 'em_open':
      case 'em_close':
        on('italic', c.nesting);
        break;
      case 'link_open':
        link = linkTarget(ctx, inline, c);
        break;
      case 'link_close':
        link = undefined;
        break;
      case 'html_inline': {
        const tag = TAG.exec(c.content.trim());
        const name = tag?.[2].toLowerCase() ?? '';
        const source = where(ctx, inline, c.content);
        if (name === 'br') {
          push('\n');
          // A <br> at a line's end is one break, as Markdown's own hard break.
          if (children[i + 1]?.type === 'softbreak') i++;
        } else if (tag && name === 'span' && (tag[1] ? langs.length > 0 : SPAN_LANG.test(tag[3]))) {
          // <span lang="de">: words in another language, said so to screen readers (tagged PDF).
          if (tag[1]) langs.pop();
          else {
            const lang = SPAN_LANG.exec(tag[3])![1];
            if (!LANG_TAG.test(lang)) fail(`lang="${lang}" is not a language tag`, source, 'Write the language’s ISO code: <span lang="de">, <span lang="pt-BR">.');
            const other = tag[3].replace(SPAN_LANG, '').trim();
            if (other) ctx.warn(`the attributes of <span> other than lang are not used: ${other}`, source, `Write <span lang="${lang}">.`);
            langs.push(lang);
          }
        } else if (tag && Object.hasOwn(HTML_STYLES, name)) {
          if (tag[3].trim()) ctx.warn(`the attributes of <${name}> are not used: ${tag[3].trim()}`, source, `Write <${name}> alone.`);
          // <kbd> is code in a box: the key's name is printed as typed, in the code face.
          if (name === 'kbd') on('code', tag[1] ? -1 : 1);
          on(HTML_STYLES[name], tag[1] ? -1 : 1);
        } else {
          const allowed = Object.keys(HTML_STYLES).map((t) => `<${t}>`).join(' ');
          fail(`raw HTML is not allowed in a guide`, source, `${HTML_INSTEAD[name] ?? 'Write it in Markdown.'} Inline, only <br>, <span lang> and ${allowed} are read.`);
        }
        break;
      }
      case 'image':
        fail('an image cannot be placed here', where(ctx, inline, attr(c, 'src')), 'Put images in paragraphs or list items, not in headings or callout titles.');
      default:
        push(c.content);
    }
  }
  return out;
}

/**
 * Where a link goes: https:, http: and mailto: as written; a relative link (`Chapter02-01.html`,
 * `../x.md`) resolved against zine.yml's base-url; `#anchor` links print as plain text (their target
 * is a page of the website, and the printed guide has no such page).
 */
function linkTarget(ctx: ParseContext, inline: Token, t: Token): string | undefined {
  const href = attr(t, 'href') ?? '';
  const source = where(ctx, inline, href);
  warnUnusedAttrs(ctx, t, ['href', 'title'], 'a link', source);
  let url = href;
  if (href.startsWith('#')) {
    ctx.warn(`link "${href}" points inside a web page: printed as plain text`, source, 'Write the words without a link, or link a full address.');
    return undefined;
  }
  if (!ANY_SCHEME.test(href)) {
    if (!ctx.baseUrl) {
      fail(`link "${href}" is relative: no base-url to resolve it against`, source, 'Set base-url: in content/zine.yml to the address the guide was published at (e.g. base-url: https://example.org/guide/), or write the full address.');
    }
    try {
      url = new URL(href, ctx.baseUrl).href;
    } catch {
      fail(`link "${href}" is not an address`, source, 'Write the full address, e.g. https://example.org/page.html');
    }
  }
  if (!ALLOWED_SCHEMES.test(url)) {
    fail(`link "${href}" is not allowed`, source, 'Only https:, http: and mailto: links can be printed and clicked.');
  }
  if (url.length > MAX_URL) {
    fail(`link of ${url.length} characters is too long`, where(ctx, inline, href.slice(0, 40)), `Links are printed with a QR code, which holds at most ${MAX_URL} characters: use a shorter address.`);
  }
  return url;
}
