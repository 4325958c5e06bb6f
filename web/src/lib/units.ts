// Pure helpers over the unit tree and the roles held in it, for every area: the tree from the
// depth-first unit list, the way up to the hub, and the roles that apply at a unit (a role held at a
// unit applies to its whole subtree). Unit-tested in units.test.ts.
import type { Membership, Role, Unit } from '../api/types';

export interface TreeNode {
  unit: Unit;
  children: TreeNode[];
  /** 1 for the roots (the hub). */
  level: number;
}

/**
 * Builds the forest from GET /units (depth-first order). Units whose parent is
 * not in the list become roots, so nothing the caller may see is lost.
 */
export function buildTree(units: readonly Unit[]): TreeNode[] {
  const bySlug = new Map<string, TreeNode>();
  for (const u of units) bySlug.set(u.slug, { unit: u, children: [], level: 1 });
  const roots: TreeNode[] = [];
  for (const u of units) {
    const node = bySlug.get(u.slug)!;
    const parent = u.parent !== null ? bySlug.get(u.parent) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const setLevel = (n: TreeNode, level: number) => {
    n.level = level;
    for (const c of n.children) setLevel(c, level + 1);
  };
  for (const r of roots) setLevel(r, 1);
  return roots;
}

/** The nodes a keyboard user can reach: depth-first, skipping children of collapsed nodes. */
export function visibleNodes(roots: readonly TreeNode[], collapsed: ReadonlySet<string>): TreeNode[] {
  const out: TreeNode[] = [];
  const walk = (n: TreeNode) => {
    out.push(n);
    if (!collapsed.has(n.unit.slug)) for (const c of n.children) walk(c);
  };
  for (const r of roots) walk(r);
  return out;
}

/** The slugs from the unit up to its root, the unit first. */
export function ancestry(slug: string, units: readonly Unit[]): string[] {
  const parentOf = new Map(units.map((u) => [u.slug, u.parent] as const));
  const out: string[] = [];
  const seen = new Set<string>();
  let s: string | null | undefined = slug;
  while (s && !seen.has(s)) {
    out.push(s);
    seen.add(s);
    s = parentOf.get(s);
  }
  return out;
}

/** The roles the user holds at this unit or above (a role applies to the whole subtree). */
export function effectiveRoles(slug: string, units: readonly Unit[], memberships: readonly Membership[]): Set<Role> {
  const chain = new Set(ancestry(slug, units));
  const roles = new Set<Role>();
  for (const m of memberships) if (chain.has(m.unit)) roles.add(m.role);
  return roles;
}
