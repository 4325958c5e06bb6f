// The overview's calls: the units and roles, to name the user's memberships (either may fail: the
// page still lists the memberships from the session).
import { listRoles, listUnits } from '../../api/shared';
import type { RoleInfo, Unit } from '../../api/types';

export const overviewApi = {
  /** The units and the roles, each empty when its request failed. */
  context: async (): Promise<{ units: Unit[]; roles: RoleInfo[] }> => {
    const [units, roles] = await Promise.allSettled([listUnits(), listRoles()]);
    return {
      units: units.status === 'fulfilled' ? units.value : [],
      roles: roles.status === 'fulfilled' ? roles.value : [],
    };
  },
};
