// The login page's call: POST /auth/login (the session cookie is set by the answer).
import { sessionApi } from '../../api/shared';

export const loginApi = {
  login: sessionApi.login,
};
