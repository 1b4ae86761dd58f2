/**
 * The structure of a tagged PDF, decided where the marks are made: each block kind says what its marks
 * are (a heading, a list item's label, a figure), and blocks nest as the document does. Render only
 * turns the nodes into structure elements.
 */
import type { PageItem, StructNode, StructRole } from '../model/page.js';
import type { Flow } from './flow.js';

export const structNode = (role: StructRole, more: Omit<StructNode, 'role'> = {}): StructNode => ({ role, ...more });

const rootOf = (n: StructNode): StructNode => (n.parent ? rootOf(n.parent) : n);

/** `node`'s outermost element goes into `element`, unless it is there already (or holds it). */
function attach(node: StructNode, element: StructNode): void {
  const root = rootOf(node);
  if (root !== element && rootOf(element) !== root) root.parent = element;
}

/**
 * Make `items` part of `element`: text not yet in an element becomes its content, elements made
 * inside it (a paragraph's links, a list item's paragraphs) become its descendants. Shapes and images
 * without a node stay artifacts (rules, tints, bullets, decorative images).
 */
export function adopt(items: PageItem[], element: StructNode): void {
  for (const it of items) {
    if (!it.tag) {
      if (it.type === 'text' && !it.hyphen) it.tag = element;
      continue;
    }
    attach(it.tag, element);
  }
}

/** Every mark of a flow, for `adopt` (a figure's image is made by pagination from its `tag`). */
export function adoptFlows(flows: Flow[], element: StructNode): void {
  for (const f of flows) {
    if (f.kind === 'lines') for (const l of f.lines) adopt(l.items, element);
    else if (f.kind === 'block') adopt(f.items, element);
    else if (f.kind === 'figure') {
      for (const l of f.caption) adopt(l.items, element);
      if (f.tag) attach(f.tag, element);
    }
  }
}

/** All of `items` in `element`, whatever they were in (a links-page entry is one link). */
export function tagAll(items: PageItem[], element: StructNode): PageItem[] {
  return items.map((it) => (it.type === 'text' || it.type === 'link' ? { ...it, tag: element } : it));
}

/** The same marks as artifacts: a table's header row set again at the top of a page. */
export function untagged(items: PageItem[]): PageItem[] {
  return items.map((it) => {
    if (!it.tag) return it;
    const { tag: _, ...rest } = it;
    return rest as PageItem;
  });
}
