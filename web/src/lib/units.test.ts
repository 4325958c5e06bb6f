import { describe, expect, it } from 'vitest';
import type { Membership, Unit } from '../api/types';
import { ancestry, buildTree, effectiveRoles, visibleNodes } from './units';

const u = (slug: string, parent: string | null, depth: number): Unit => ({
  id: slug.length,
  slug,
  name: slug.toUpperCase(),
  parent,
  depth,
  created_at: '2026-12-01T10:00:00.000Z',
});

// Depth-first, as GET /api/v1/units returns them.
const units: Unit[] = [u('hub', null, 0), u('emea', 'hub', 1), u('emea-retail', 'emea', 2), u('support', 'hub', 1)];

const m = (id: number, unit: string, role: Membership['role']): Membership => ({ id, user_id: 1, unit, role, unit_name: unit });

describe('buildTree', () => {
  it('nests units in depth-first order with levels', () => {
    const roots = buildTree(units);
    expect(roots.map((r) => r.unit.slug)).toEqual(['hub']);
    expect(roots[0]!.children.map((c) => c.unit.slug)).toEqual(['emea', 'support']);
    expect(roots[0]!.children[0]!.children[0]!.level).toBe(3);
  });
  it('keeps units whose parent is not visible as roots', () => {
    const roots = buildTree([u('emea', 'hub', 1), u('emea-retail', 'emea', 2)]);
    expect(roots.map((r) => r.unit.slug)).toEqual(['emea']);
  });
  it('lists visible nodes, skipping collapsed subtrees', () => {
    const roots = buildTree(units);
    expect(visibleNodes(roots, new Set()).map((n) => n.unit.slug)).toEqual(['hub', 'emea', 'emea-retail', 'support']);
    expect(visibleNodes(roots, new Set(['emea'])).map((n) => n.unit.slug)).toEqual(['hub', 'emea', 'support']);
  });
});

describe('roles', () => {
  it('walks up the tree', () => {
    expect(ancestry('emea-retail', units)).toEqual(['emea-retail', 'emea', 'hub']);
  });
  it('inherits a role from a unit above', () => {
    expect([...effectiveRoles('emea-retail', units, [m(1, 'emea', 'manager')])]).toEqual(['manager']);
    expect(effectiveRoles('support', units, [m(1, 'emea', 'manager')]).size).toBe(0);
  });
});
