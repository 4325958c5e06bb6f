// The login form's own check, before anything is sent (unit-tested in model.test.ts).

export const LOGIN_FIELDS = ['email', 'password'] as const;
export type LoginField = (typeof LOGIN_FIELDS)[number];

/** What is missing from the form (the e-mail first), or null when it can be sent. */
export function loginProblem(email: string, password: string): { field: LoginField; message: string } | null {
  if (!email.trim()) return { field: 'email', message: 'Enter your e-mail address.' };
  if (!password) return { field: 'password', message: 'Enter your password.' };
  return null;
}
