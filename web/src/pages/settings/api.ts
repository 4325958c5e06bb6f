// Settings' calls: the user's API tokens (list, create with a scope and an expiry — the secret comes
// back once —, revoke) and changing the password. Logging out everywhere is the session's
// (session.tsx: the shell then goes to the login page).
import { api, type Answer, type BodyOf } from '../../api/client';

export type ApiToken = Answer<'/api/v1/auth/tokens', 'get'>['items'][number];
export type CreatedToken = Answer<'/api/v1/auth/tokens', 'post'>;
export type NewToken = BodyOf<'/api/v1/auth/tokens', 'post'>;

export const settingsApi = {
  tokens: (): Promise<ApiToken[]> => api.get('/api/v1/auth/tokens').then((r) => r.items),
  createToken: (token: NewToken): Promise<CreatedToken> => api.post('/api/v1/auth/tokens', { body: token }),
  revokeToken: (id: number): Promise<void> => api.delete('/api/v1/auth/tokens/{id}', { path: { id } }),
  /** 204; the user's other sessions end, this one stays. */
  changePassword: (current_password: string, new_password: string): Promise<void> =>
    api.post('/api/v1/auth/password', { body: { current_password, new_password } }),
};
