// Pure helpers of Settings (unit-tested in model.test.ts).

/** A token's name is at most this long. */
export const TOKEN_NAME_MAX = 100;

/** Why a token name cannot be used, or null when it can (the name is trimmed first). */
export function tokenNameProblem(name: string): string | null {
  const n = name.trim();
  if (n === '') return 'Give the token a name, e.g. the integration that will use it.';
  if (n.length > TOKEN_NAME_MAX) return `At most ${TOKEN_NAME_MAX} characters.`;
  return null;
}
