import type { MarkdownIt } from 'markdown-it';
import type { BlockHandler } from '../context.js';
import { code } from './code.js';
import { container, containerSyntax } from './container.js';
import { heading } from './heading.js';
import { footnoteDefinition, footnoteSyntax } from './footnote.js';
import { list } from './list.js';
import { pageBreak, pageBreakSyntax } from './pageBreak.js';
import { paragraph } from './paragraph.js';
import { quote } from './quote.js';
import { html } from './refused.js';
import { separator } from './separator.js';
import { table } from './table.js';

/**
 * The block kinds of a guide, by the markdown-it token that opens them (as mdast-util-from-markdown's
 * `enter` table). A new kind is a file in this folder and a line here; a token not listed is refused as
 * unsupported Markdown, at its line.
 */
export const BLOCKS: Readonly<Record<string, BlockHandler>> = {
  heading_open: heading,
  paragraph_open: paragraph,
  bullet_list_open: list,
  ordered_list_open: list,
  blockquote_open: quote,
  container_any_open: container,
  fence: code,
  code_block: code,
  page_break: pageBreak,
  hr: separator,
  table_open: table,
  footnote_def_open: footnoteDefinition,
  html_block: html,
};

/** markdown-it syntax that block kinds bring, registered in this order (after markdown-it-attrs). */
export const SYNTAX: readonly ((md: MarkdownIt) => void)[] = [containerSyntax, pageBreakSyntax, footnoteSyntax];
