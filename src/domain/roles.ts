// The roles of staff accounts; what each may do is decided in src/policies.ts.

export const ROLES = ['admin', 'editor', 'contributor'] as const;
export type Role = (typeof ROLES)[number];
