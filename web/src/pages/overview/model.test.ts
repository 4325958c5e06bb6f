import { describe, expect, it } from 'vitest';
import type { Membership, Unit } from '../../api/types';
import { firstName, roleRows } from './model';

describe('firstName', () => {
  it('takes the first word of the name', () => {
    expect(firstName('Ada Okafor')).toBe('Ada');
    expect(firstName('  Jonas  Weber ')).toBe('Jonas');
    expect(firstName('')).toBe('');
  });
});

describe('roleRows', () => {
  const unit = (slug: string, parent: string | null): Unit => ({
    id: 1,
    slug,
    name: slug.toUpperCase(),
    parent,
    depth: parent ? 1 : 0,
    created_at: '2026-12-01T10:00:00.000Z',
  });
  const m = (id: number, u: string, role: Membership['role'], unit_name = ''): Membership => ({ id, user_id: 1, unit: u, role, unit_name });
  it('names the unit and says what the role allows', () => {
    const rows = roleRows([m(1, 'hub', 'admin'), m(2, 'emea', 'analyst')], [unit('hub', null), unit('emea', 'hub')], [
      { role: 'admin', description: 'Runs the unit.' },
    ]);
    expect(rows).toEqual([
      { id: 1, slug: 'hub', unitName: 'HUB', isHub: true, role: 'admin', allows: 'Runs the unit.' },
      { id: 2, slug: 'emea', unitName: 'EMEA', isHub: false, role: 'analyst', allows: null },
    ]);
  });
  it('falls back on the session’s name of the unit, then its slug', () => {
    expect(roleRows([m(1, 'x', 'agent', 'Unit X')], [], [])[0]!.unitName).toBe('Unit X');
    expect(roleRows([m(1, 'x', 'agent')], [], [])[0]!.unitName).toBe('x');
  });
});
