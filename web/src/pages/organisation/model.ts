// Pure helpers of the Organisation page (unit-tested in model.test.ts): what the user's roles allow
// at a unit, unit slugs (suggested from a name, checked before sending) and the words about an
// invitation. The tree itself and inherited roles are shared with other areas (lib/units.ts).
import type { Membership, Unit } from '../../api/types';
import { effectiveRoles } from '../../lib/units';

export interface Abilities {
  /** admin or manager at the unit or above: may create a spoke under it. */
  createSpoke: boolean;
  /** admin at the unit or above: may invite people by e-mail, give and remove roles. */
  administer: boolean;
  /** admin at the hub (the root): may also create accounts directly (POST /users). */
  addUsers: boolean;
}

/** True when the user is admin at the root of the tree (the hub, the unit without a parent). */
export function isHubAdmin(units: readonly Unit[], memberships: readonly Membership[]): boolean {
  const roots = new Set(units.filter((u) => u.parent === null).map((u) => u.slug));
  return memberships.some((m) => m.role === 'admin' && roots.has(m.unit));
}

export function abilitiesAt(slug: string, units: readonly Unit[], memberships: readonly Membership[]): Abilities {
  const roles = effectiveRoles(slug, units, memberships);
  return {
    createSpoke: roles.has('admin') || roles.has('manager'),
    administer: roles.has('admin'),
    addUsers: roles.has('admin') && isHubAdmin(units, memberships),
  };
}

export const SLUG_RE = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** A slug suggested from a unit name: "Retail – North EU" -> "retail-north-eu". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 32)
    .replace(/-+$/, '');
}

/** Why a slug is not valid, or null when it is. */
export function slugProblem(slug: string): string | null {
  if (slug === '') return 'Enter a slug.';
  if (slug.length > 32) return 'A slug has at most 32 characters.';
  if (!SLUG_RE.test(slug)) return 'Use lower-case letters, digits and hyphens, starting with a letter or digit.';
  return null;
}

/** People sorted for a picker: by name, then e-mail. */
export function byName<T extends { name: string; email: string }>(people: readonly T[]): T[] {
  return [...people].sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
}

const DAY_MS = 24 * 3600 * 1000;

/** Whole days from one timestamp to a later one (7 for an invitation made now that expires in a week). */
export function daysBetween(fromIso: string, toIso: string): number | null {
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  if (Number.isNaN(from) || Number.isNaN(to)) return null;
  return Math.max(0, Math.round((to - from) / DAY_MS));
}

/** "7 days", "1 day": how long an invitation made at `created` stays valid. */
export function validFor(createdIso: string, expiresIso: string): string | null {
  const d = daysBetween(createdIso, expiresIso);
  if (d === null) return null;
  return d === 1 ? '1 day' : `${d} days`;
}

/** The confirmation after inviting: the link went to the address (only there), and for how long it works. */
export function invitationSentText(inv: { email: string; created_at: string; expires_at: string }): string {
  const days = validFor(inv.created_at, inv.expires_at);
  return `An invitation link was e-mailed to ${inv.email}.${days ? ` It expires in ${days}.` : ''}`;
}

/** Why an e-mail address cannot be invited, or null (the server checks it fully). */
export function emailProblem(email: string): string | null {
  const e = email.trim();
  if (e === '') return 'Enter the e-mail address to invite.';
  if (e.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(e)) return 'Enter a valid e-mail address.';
  return null;
}
