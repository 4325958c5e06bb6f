// The logged-in user, their memberships and the CSRF token, shared with every page.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Membership, User } from './api/types';

export interface Session {
  user: User;
  memberships: Membership[];
}

export interface SessionApi {
  session: Session;
  /** Re-reads GET /auth/me (memberships change when an admin edits roles). */
  refresh: () => Promise<void>;
  /** Ends this session and goes to the login page (a failure is shown as a toast). */
  logout: () => Promise<void>;
  /** Ends every session of the user, this one included, and goes to the login page; throws when it failed. */
  logoutEverywhere: () => Promise<void>;
}

export const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside of a logged-in shell');
  return s;
}
