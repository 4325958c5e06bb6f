// The invitation page's calls: what a link offers (public), accepting it as the logged-in user, and
// creating the account it is for (public); then the session calls shared with the shell.
import { api, type Answer, type Schemas } from '../../api/client';
import { sessionApi } from '../../api/shared';
import type { SessionInfo } from '../../api/types';

export type Preview = Schemas['InvitationPreview'];
export type AcceptedMember = Answer<'/api/v1/invitations/by-token/{token}/accept', 'post'>;
export type NewAccount = Answer<'/api/v1/invitations/by-token/{token}/signup', 'post'>;

export const invitationApi = {
  preview: (token: string): Promise<Preview> => api.get('/api/v1/invitations/by-token/{token}', { path: { token } }),
  accept: (token: string): Promise<AcceptedMember> =>
    api.post('/api/v1/invitations/by-token/{token}/accept', { path: { token } }),
  signup: (token: string, name: string, password: string): Promise<NewAccount> =>
    api.post('/api/v1/invitations/by-token/{token}/signup', { path: { token }, body: { name, password } }),
  login: (email: string, password: string): Promise<SessionInfo> => sessionApi.login(email, password),
  /** The session again (the memberships changed once an invitation is accepted). */
  me: (): Promise<SessionInfo> => sessionApi.me(),
};
