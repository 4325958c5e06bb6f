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
  logout: () => Promise<void>;
}

export const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside of a logged-in shell');
  return s;
}
