import { describe, expect, it } from 'vitest';
import type { Membership, Unit } from '../../api/types';
import { abilitiesAt, byName, slugify, slugProblem } from './model';

const u = (slug: string, parent: string | null, depth: number): Unit => ({
  id: slug.length,
  slug,
  name: slug.toUpperCase(),
  parent,
  depth,
  created_at: '2026-12-01T10:00:00.000Z',
});
const units: Unit[] = [u('hub', null, 0), u('emea', 'hub', 1), u('emea-retail', 'emea', 2), u('support', 'hub', 1)];
const m = (id: number, unit: string, role: Membership['role']): Membership => ({ id, user_id: 1, unit, role, unit_name: unit });

describe('abilities', () => {
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

describe('byName', () => {
  it('sorts people by name, then e-mail', () => {
    const people = [
      { name: 'Bo', email: 'b@x' },
      { name: 'Al', email: 'z@x' },
      { name: 'Al', email: 'a@x' },
    ];
    expect(byName(people).map((p) => p.email)).toEqual(['a@x', 'z@x', 'b@x']);
  });
});
