// Pure helpers of the Organisation page (unit-tested in model.test.ts): what the user's roles allow
// at a unit, and unit slugs (suggested from a name, checked before sending). The tree itself and
// inherited roles are shared with other areas (lib/units.ts).
import type { Membership, Unit } from '../../api/types';
import { effectiveRoles } from '../../lib/units';

export interface Abilities {
  /** admin or manager at the unit or above: may create a spoke under it. */
  createSpoke: boolean;
  /** admin at the unit or above: may add users, give and remove roles. */
  administer: boolean;
}

export function abilitiesAt(slug: string, units: readonly Unit[], memberships: readonly Membership[]): Abilities {
  const roles = effectiveRoles(slug, units, memberships);
  return {
    createSpoke: roles.has('admin') || roles.has('manager'),
    administer: roles.has('admin'),
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
