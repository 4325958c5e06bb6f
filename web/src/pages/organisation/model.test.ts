import { describe, expect, it } from 'vitest';
import type { Membership, Unit } from '../../api/types';
import {
  abilitiesAt,
  byName,
  daysBetween,
  emailProblem,
  invitationSentText,
  isHubAdmin,
  slugify,
  slugProblem,
  validFor,
} from './model';

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
    expect(abilitiesAt('emea', units, [m(1, 'hub', 'admin')])).toEqual({ createSpoke: true, administer: true, addUsers: true });
    expect(abilitiesAt('emea', units, [m(1, 'emea', 'manager')])).toEqual({
      createSpoke: true,
      administer: false,
      addUsers: false,
    });
    expect(abilitiesAt('hub', units, [m(1, 'emea', 'admin')])).toEqual({
      createSpoke: false,
      administer: false,
      addUsers: false,
    });
  });
  it('lets only hub admins create accounts; spoke admins invite', () => {
    expect(abilitiesAt('emea-retail', units, [m(1, 'emea', 'admin')])).toEqual({
      createSpoke: true,
      administer: true,
      addUsers: false,
    });
    // A hub manager who is admin of a spoke is not a hub admin.
    expect(abilitiesAt('emea', units, [m(1, 'hub', 'manager'), m(2, 'emea', 'admin')]).addUsers).toBe(false);
  });
});

describe('isHubAdmin', () => {
  it('is admin at the unit without a parent', () => {
    expect(isHubAdmin(units, [m(1, 'hub', 'admin')])).toBe(true);
    expect(isHubAdmin(units, [m(1, 'hub', 'manager')])).toBe(false);
    expect(isHubAdmin(units, [m(1, 'emea', 'admin')])).toBe(false);
    expect(isHubAdmin(units, [])).toBe(false);
  });
  it('does not take a spoke for the hub when the hub is outside the list the user sees', () => {
    const spokeView = units.filter((x) => x.slug !== 'hub');
    expect(isHubAdmin(spokeView, [m(1, 'emea', 'admin')])).toBe(false);
  });
});

describe('invitations', () => {
  const created = '2026-12-01T10:00:00.000Z';
  it('counts the days an invitation stays valid', () => {
    expect(daysBetween(created, '2026-12-08T10:00:00.000Z')).toBe(7);
    expect(daysBetween(created, '2026-12-08T09:59:59.000Z')).toBe(7);
    expect(daysBetween(created, 'not a time')).toBeNull();
    expect(validFor(created, '2026-12-02T10:00:00.000Z')).toBe('1 day');
    expect(validFor(created, '2026-12-08T10:00:00.000Z')).toBe('7 days');
  });
  it('says where the link went and for how long it works', () => {
    expect(invitationSentText({ email: 'new@x.example', created_at: created, expires_at: '2026-12-08T10:00:00.000Z' })).toBe(
      'An invitation link was e-mailed to new@x.example. It expires in 7 days.',
    );
    expect(invitationSentText({ email: 'new@x.example', created_at: '', expires_at: '' })).toBe(
      'An invitation link was e-mailed to new@x.example.',
    );
  });
  it('checks the e-mail address before sending', () => {
    expect(emailProblem('  ')).toBe('Enter the e-mail address to invite.');
    expect(emailProblem('no-at-sign')).toBe('Enter a valid e-mail address.');
    expect(emailProblem('a b@x.example')).toBe('Enter a valid e-mail address.');
    expect(emailProblem(' new@x.example ')).toBeNull();
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
