import type { MarkdownIt, Token } from 'markdown-it';
import markdownItContainer from 'markdown-it-container';
import { fail } from '../../errors.js';
import type { Inline } from '../../model/document.js';
import { nested, type BlockHandler, type ParseContext } from '../context.js';
import { parseInlines } from '../inlines.js';

/** Callout variants and the `::: links` placeholder are the only containers the format knows. */
export const CONTAINERS = ['note', 'tip', 'warning', 'links'] as const;

/** Any container name parses, so that the handler below can refuse an unknown one with its line. */
export function containerSyntax(md: MarkdownIt): void {
  md.use(markdownItContainer, 'any', { validate: () => true });
}

/**
 * `::: note` … `:::` (a callout; `::: warning Before you leave` gives it a title) and `::: links` … `:::`
 * (where the links page goes; anything written inside is not printed: a warning says so).
 */
export const container: BlockHandler = (ctx, t, source) => {
  const [, name, titleText] = /^\s*(\S*)\s*(.*?)\s*$/.exec(t.info)!;
  if (!(CONTAINERS as readonly string[]).includes(name)) {
    fail(`unknown block "::: ${name}"`, source, `Use one of: ${CONTAINERS.map((c) => '::: ' + c).join(', ')}.`);
  }
  ctx.pos++;
  const blocks = nested(ctx, 'container_any_close', source);
  if (name === 'links') {
    if (titleText) ctx.warn(`"${titleText}" after ::: links is not printed`, source, 'The links page takes its title from strings.yml (links): write ::: links alone.');
    // A web guide's "useful links" list written inside the marker would vanish, its links off the links page too.
    if (blocks.length) ctx.warn('what is written inside ::: links is not printed, and its links are not on the links page', blocks[0].source, 'Write it before ::: links (the links page lists every link of the guide), and close the marker at once: ::: links then :::.');
    return { kind: 'linksIndex', source };
  }
  return { kind: 'callout', variant: name, title: titleText ? calloutTitle(ctx, t, titleText) : [], blocks, source };
};

/** The title is Markdown of one line (bold, code, links), read where it stands: the container's first line. */
function calloutTitle(ctx: ParseContext, t: Token, text: string): Inline[] {
  const [inline] = ctx.md.parseInline(text, {});
  inline.map = [t.map![0], t.map![0] + 1];
  return parseInlines(ctx, inline);
}
