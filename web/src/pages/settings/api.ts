// Settings' calls: the user's API tokens (list, create — the secret comes back once —, revoke).
import { api, type Answer } from '../../api/client';

export type ApiToken = Answer<'/api/v1/auth/tokens', 'get'>['items'][number];
export type CreatedToken = Answer<'/api/v1/auth/tokens', 'post'>;

export const settingsApi = {
  tokens: (): Promise<ApiToken[]> => api.get('/api/v1/auth/tokens').then((r) => r.items),
  createToken: (name: string): Promise<CreatedToken> => api.post('/api/v1/auth/tokens', { body: { name } }),
  revokeToken: (id: number): Promise<void> => api.delete('/api/v1/auth/tokens/{id}', { path: { id } }),
};
