// Pure helpers of the overview (unit-tested in model.test.ts).
import type { Membership, Role, RoleInfo, Unit } from '../../api/types';

/** "Ada Okafor" -> "Ada"; the whole name when it has no first word. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] || name;
}

export interface RoleRow {
  id: number;
  slug: string;
  /** The unit's name (from GET /units, else from the session, else the slug). */
  unitName: string;
  isHub: boolean;
  role: Role;
  /** What the role allows, or null while unknown. */
  allows: string | null;
}

/** The user's memberships with the names of their units and what each role allows. */
export function roleRows(memberships: readonly Membership[], units: readonly Unit[], roles: readonly RoleInfo[]): RoleRow[] {
  const bySlug = new Map(units.map((u) => [u.slug, u]));
  const allows = new Map(roles.map((r) => [r.role, r.description]));
  return memberships.map((m) => {
    const u = bySlug.get(m.unit);
    return {
      id: m.id,
      slug: m.unit,
      unitName: u ? u.name : m.unit_name || m.unit,
      isHub: u !== undefined && u.parent === null,
      role: m.role,
      allows: allows.get(m.role) ?? null,
    };
  });
}
