// The calls that more than one part of the UI makes: the session (the shell), the units and the
// roles (overview, organisation, listening…). An area's own calls live in its api.ts.
import { api } from './client';
import type { RoleInfo, SessionInfo, Unit } from './types';

export const sessionApi = {
  me: (): Promise<SessionInfo> => api.get('/api/v1/auth/me'),
  login: (email: string, password: string): Promise<SessionInfo> =>
    api.post('/api/v1/auth/login', { body: { email, password } }),
  logout: (): Promise<void> => api.post('/api/v1/auth/logout'),
  /** Ends every session of the user, this one included (the cookie is cleared). */
  logoutEverywhere: (): Promise<{ sessions_ended: number }> => api.post('/api/v1/auth/logout-everywhere'),
};

/** The units the caller can see, depth first (GET /units). */
export const listUnits = (): Promise<Unit[]> => api.get('/api/v1/units').then((r) => r.items);

/** The roles with what each allows (GET /roles). */
export const listRoles = (): Promise<RoleInfo[]> => api.get('/api/v1/roles').then((r) => r.items);
