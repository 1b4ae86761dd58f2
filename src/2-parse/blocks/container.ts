import type { MarkdownIt } from 'markdown-it';
import markdownItContainer from 'markdown-it-container';
import { fail } from '../../errors.js';
import { nested, type BlockHandler } from '../context.js';

/** Callout variants and the `::: links` placeholder are the only containers the format knows. */
export const CONTAINERS = ['note', 'tip', 'warning', 'links'] as const;

/** Any container name parses, so that the handler below can refuse an unknown one with its line. */
export function containerSyntax(md: MarkdownIt): void {
  md.use(markdownItContainer, 'any', { validate: () => true });
}

/** `::: note` … `:::` (a callout) and `::: links` … `:::` (where the links page goes; its content is not printed). */
export const container: BlockHandler = (ctx, t, source) => {
  const name = t.info.trim().split(/\s+/)[0];
  if (!(CONTAINERS as readonly string[]).includes(name)) {
    fail(`unknown block "::: ${name}"`, source, `Use one of: ${CONTAINERS.map((c) => '::: ' + c).join(', ')}.`);
  }
  ctx.pos++;
  const blocks = nested(ctx, 'container_any_close', source);
  if (name === 'links') return { kind: 'linksIndex', source };
  return { kind: 'callout', variant: name, blocks, source };
};
