// The unit tree, after the WAI-ARIA tree view pattern: one tab stop (roving tabindex),
// arrows move, Left/Right collapse and expand, Home/End jump, Enter/Space select,
// typing a letter jumps to the next unit starting with it.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { visibleNodes, type TreeNode } from '../lib/units';

export interface UnitTreeProps {
  roots: TreeNode[];
  selected: string | null;
  collapsed: ReadonlySet<string>;
  label: string;
  onSelect: (slug: string) => void;
  onToggle: (slug: string, expand: boolean) => void;
}

export function UnitTree({ roots, selected, collapsed, label, onSelect, onToggle }: UnitTreeProps) {
  const visible = useMemo(() => visibleNodes(roots, collapsed), [roots, collapsed]);
  const parentOf = useMemo(() => {
    const m = new Map<string, string | null>();
    const walk = (n: TreeNode, p: string | null) => {
      m.set(n.unit.slug, p);
      for (const c of n.children) walk(c, n.unit.slug);
    };
    for (const r of roots) walk(r, null);
    return m;
  }, [roots]);
  const [focused, setFocused] = useState<string | null>(selected);
  const items = useRef(new Map<string, HTMLLIElement>());
  // The unit that should have the focus after the next render (null: leave the focus alone).
  const moveFocus = useRef<string | null>(null);

  // Keep the tab stop on a visible unit (the selected one by default).
  const tabStop = visible.some((n) => n.unit.slug === focused)
    ? focused
    : visible.some((n) => n.unit.slug === selected)
      ? selected
      : (visible[0]?.unit.slug ?? null);

  useEffect(() => {
    const target = moveFocus.current;
    if (target) {
      moveFocus.current = null;
      const el = items.current.get(target);
      if (el && document.activeElement !== el) el.focus();
    }
  });

  const focusOn = (slug: string | undefined | null) => {
    if (!slug) return;
    moveFocus.current = slug;
    setFocused(slug);
    items.current.get(slug)?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    // The focused item is the truth (state may lag behind fast key repeats).
    const li = (e.target as HTMLElement).closest('[role="treeitem"]');
    const current = (li instanceof HTMLElement && li.dataset['slug']) || tabStop;
    const i = visible.findIndex((n) => n.unit.slug === current);
    if (i < 0) return;
    const node = visible[i]!;
    const slug = node.unit.slug;
    const hasChildren = node.children.length > 0;
    const open = hasChildren && !collapsed.has(slug);
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        focusOn(visible[i + 1]?.unit.slug);
        break;
      case 'ArrowUp':
        focusOn(visible[i - 1]?.unit.slug);
        break;
      case 'Home':
        focusOn(visible[0]?.unit.slug);
        break;
      case 'End':
        focusOn(visible[visible.length - 1]?.unit.slug);
        break;
      case 'ArrowRight':
        if (hasChildren && !open) onToggle(slug, true);
        else if (open) focusOn(node.children[0]?.unit.slug);
        break;
      case 'ArrowLeft':
        if (open) onToggle(slug, false);
        else focusOn(parentOf.get(slug));
        break;
      case 'Enter':
      case ' ':
        onSelect(slug);
        break;
      case '*': {
        // Expand every sibling, as the pattern suggests.
        const parent = parentOf.get(slug) ?? null;
        for (const n of visible) if ((parentOf.get(n.unit.slug) ?? null) === parent && n.children.length) onToggle(n.unit.slug, true);
        break;
      }
      default:
        if (e.key.length === 1 && /\S/.test(e.key)) {
          const ch = e.key.toLowerCase();
          const order = [...visible.slice(i + 1), ...visible.slice(0, i + 1)];
          const hit = order.find((n) => n.unit.name.toLowerCase().startsWith(ch));
          if (hit) focusOn(hit.unit.slug);
          else handled = false;
        } else handled = false;
    }
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  const renderNode = (n: TreeNode, posinset: number, setsize: number) => {
    const slug = n.unit.slug;
    const hasChildren = n.children.length > 0;
    const open = hasChildren && !collapsed.has(slug);
    const isSelected = slug === selected;
    const labelId = `unit-label-${slug}`;
    return (
      <li
        key={slug}
        role="treeitem"
        ref={(el) => {
          if (el) items.current.set(slug, el);
          else items.current.delete(slug);
        }}
        class="tree__item"
        data-slug={slug}
        aria-level={n.level}
        aria-posinset={posinset}
        aria-setsize={setsize}
        aria-selected={isSelected ? 'true' : 'false'}
        aria-expanded={hasChildren ? (open ? 'true' : 'false') : undefined}
        aria-labelledby={labelId}
        tabIndex={slug === tabStop ? 0 : -1}
        onFocus={(e) => {
          if (e.target === e.currentTarget) setFocused(slug);
        }}
      >
        <div
          class={isSelected ? 'tree__row tree__row--selected' : 'tree__row'}
          data-level={Math.min(n.level, 8)}
          onClick={(e) => {
            e.stopPropagation();
            setFocused(slug);
            items.current.get(slug)?.focus();
            onSelect(slug);
          }}
        >
          {hasChildren ? (
            <span
              class={open ? 'tree__toggle tree__toggle--open' : 'tree__toggle'}
              aria-hidden="true"
              onClick={(e) => {
                e.stopPropagation();
                onToggle(slug, !open);
              }}
            />
          ) : (
            <span class="tree__toggle tree__toggle--leaf" aria-hidden="true" />
          )}
          <span class="tree__label" id={labelId}>
            <span class="tree__name">{n.unit.name}</span>{' '}
            <span class="tree__slug">{slug}</span>
          </span>
          {n.unit.parent === null ? <span class="badge badge--hub" aria-hidden="true">hub</span> : null}
        </div>
        {open ? (
          <ul role="group" class="tree__group">
            {n.children.map((c, k) => renderNode(c, k + 1, n.children.length))}
          </ul>
        ) : null}
      </li>
    );
  };

  return (
    <ul role="tree" aria-label={label} class="tree" onKeyDown={onKeyDown}>
      {roots.map((r, k) => renderNode(r, k + 1, roots.length))}
    </ul>
  );
}
