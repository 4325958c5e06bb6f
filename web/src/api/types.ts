// Names for the bodies that more than one area uses, all read off the OpenAPI document (schema.gen.ts).
// An area's own bodies are named in its api.ts, the same way.
import type { Answer, BodyOf, Schemas } from './client';

export type Role = Schemas['Role'];
export type User = Schemas['User'];
export type Unit = Schemas['Unit'];
export type Membership = Schemas['Membership'];
/** GET /auth/me and POST /auth/login: the user, their memberships and the CSRF token. */
export type SessionInfo = Answer<'/api/v1/auth/me', 'get'>;
/** A role with what it allows (GET /roles). */
export type RoleInfo = Answer<'/api/v1/roles', 'get'>['items'][number];

/** Every role, in the order the server lists them (offered until GET /roles has answered). */
export const ROLES = ['admin', 'manager', 'publisher', 'agent', 'reviewer', 'advocate', 'analyst'] as const satisfies readonly Role[];

/** The networks whose length rules POST /text/analyze knows. */
export type Network = BodyOf<'/api/v1/text/analyze', 'post'>['network'];
/** What POST /text/analyze reads off a text (also the enrichment of a mention). */
export type Enrichment = Schemas['Enrichment'];
export type SentimentLabel = Enrichment['sentiment']['label'];
export type Intent = Enrichment['intents'][number]['intent'];
