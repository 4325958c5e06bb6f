// The draft checker's call: POST /text/analyze (any logged-in user; cancellable, as a draft is re-sent while typed).
import { api } from '../../api/client';
import type { Network } from '../../api/types';
import type { TextAnalysis } from './model';

export const publishingApi = {
  analyze: (text: string, network: Network, signal?: AbortSignal): Promise<TextAnalysis> =>
    api.post('/api/v1/text/analyze', { body: { text, network }, signal }),
};
