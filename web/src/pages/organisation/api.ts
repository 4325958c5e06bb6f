// The Organisation page's calls: spokes, the members of a unit, roles given and taken, users
// (listed page by page with the cursor, created with a first role by hub admins) and invitations by
// e-mail (sent, listed while pending, withdrawn).
import { api, type Answer, type BodyOf, type Schemas } from '../../api/client';
import type { Role, Unit } from '../../api/types';

export type Member = Answer<'/api/v1/units/{slug}/members', 'get'>['items'][number];
/** A page of GET /users; `next` is the cursor of the next page, null on the last. */
export type UserPage = Answer<'/api/v1/users', 'get'>;
export type OrgUser = UserPage['items'][number];
export type NewUser = BodyOf<'/api/v1/users', 'post'>;
/** A pending invitation of a unit (GET /units/{slug}/invitations, POST answers one). */
export type Invitation = Schemas['Invitation'];

/** Users per page of GET /users. */
const USERS_PAGE = 200;

export const orgApi = {
  createUnit: (parent: string, slug: string, name: string): Promise<Unit> =>
    api.post('/api/v1/units', { body: { slug, name, parent } }),
  members: (slug: string): Promise<Member[]> =>
    api.get('/api/v1/units/{slug}/members', { path: { slug } }).then((r) => r.items),
  addMember: (slug: string, userId: number, role: Role) =>
    api.post('/api/v1/units/{slug}/members', { path: { slug }, body: { user_id: userId, role } }),
  removeMembership: (id: number): Promise<void> => api.delete('/api/v1/memberships/{id}', { path: { id } }),
  /** A page of users by id; `cursor` is the `next` of the page before (null for the first). */
  users: (cursor: string | null = null, limit = USERS_PAGE): Promise<UserPage> =>
    api.get('/api/v1/users', { query: { limit, ...(cursor ? { cursor } : {}) } }),
  createUser: (u: NewUser): Promise<OrgUser> => api.post('/api/v1/users', { body: u }),
  /** The pending invitations of a unit, newest first. */
  invitations: (slug: string): Promise<Invitation[]> =>
    api.get('/api/v1/units/{slug}/invitations', { path: { slug } }).then((r) => r.items),
  /** Sends the link to `email` (only there); inviting the same address to the same role again replaces it. */
  invite: (slug: string, email: string, role: Role): Promise<Invitation> =>
    api.post('/api/v1/units/{slug}/invitations', { path: { slug }, body: { email, role } }),
  withdrawInvitation: (id: number): Promise<void> => api.delete('/api/v1/invitations/{id}', { path: { id } }),
};

/** Every user the caller may see, following the cursor (bounded, to stay responsive). */
export async function allUsers(maxPages = 20): Promise<OrgUser[]> {
  const out: OrgUser[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const page: UserPage = await orgApi.users(cursor);
    out.push(...page.items);
    if (page.next === null || page.items.length === 0) break;
    cursor = page.next;
  }
  return out;
}
