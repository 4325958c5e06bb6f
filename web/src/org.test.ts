import { describe, expect, it } from 'vitest';
import type { Membership, Unit } from './api';
import { toApiError } from './api';
import { abilitiesAt, ancestry, buildTree, effectiveRoles, slugify, slugProblem, visibleNodes } from './org';
import { safeNext } from './paths';

const u = (slug: string, parent: string | null, depth: number): Unit => ({ id: slug.length, slug, name: slug.toUpperCase(), parent, depth });

// Depth-first, as GET /api/v1/units returns them.
const units: Unit[] = [
  u('hub', null, 0),
  u('emea', 'hub', 1),
  u('emea-retail', 'emea', 2),
  u('support', 'hub', 1),
];

const m = (id: number, unit: string, role: Membership['role']): Membership => ({ id, user_id: 1, unit, role });

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
  it('gives admins everything and managers spokes only', () => {
    expect(abilitiesAt('emea', units, [m(1, 'hub', 'admin')])).toEqual({ createSpoke: true, administer: true });
    expect(abilitiesAt('emea', units, [m(1, 'emea', 'manager')])).toEqual({ createSpoke: true, administer: false });
    expect(abilitiesAt('hub', units, [m(1, 'emea', 'admin')])).toEqual({ createSpoke: false, administer: false });
  });
});

describe('slugs', () => {
  it('suggests a slug from a name', () => {
    expect(slugify('Retail – North EU')).toBe('retail-north-eu');
    expect(slugify('Café Support!')).toBe('cafe-support');
    expect(slugify('x'.repeat(40))).toHaveLength(32);
  });
  it('explains a bad slug', () => {
    expect(slugProblem('ok-slug')).toBeNull();
    expect(slugProblem('-bad')).not.toBeNull();
    expect(slugProblem('Bad')).not.toBeNull();
    expect(slugProblem('')).not.toBeNull();
  });
});

describe('api errors', () => {
  it('reads the error envelope', () => {
    const e = toApiError(409, { error: { code: 'already_exists', message: 'slug taken', field: 'slug' } });
    expect([e.status, e.code, e.message, e.field]).toEqual([409, 'already_exists', 'Slug taken.', 'slug']);
  });
  it('recognises a refused CSRF token', () => {
    expect(toApiError(403, { error: { code: 'permission_denied', message: 'x', field: 'X-CSRF-Token' } }).badCsrf).toBe(true);
    expect(toApiError(403, { error: { code: 'permission_denied', message: 'x', field: null } }).badCsrf).toBe(false);
  });
  it('falls back on a plain message', () => {
    const e = toApiError(502, undefined);
    expect(e.message).toMatch(/not reachable/);
    expect(e.field).toBeNull();
  });
});

describe('safeNext', () => {
  it('only goes back to local paths', () => {
    expect(safeNext('/organisation?unit=x')).toBe('/organisation?unit=x');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/login')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
