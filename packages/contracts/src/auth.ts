import { z } from 'zod';
import { featureKey } from './features.ts';
import { storable, text } from './text.ts';

export const roles = ['ADMIN', 'MEMBER', 'SUPPORT'] as const;
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;

export const loginRequest = z.strictObject({
  email: storable(z.email().max(254)),
  password: text().min(1).max(200),
});
export type LoginRequest = z.infer<typeof loginRequest>;

export const me = z.object({
  user: z.object({ id: z.uuid(), email: z.string(), name: z.string(), role }),
  organization: z.object({ id: z.uuid(), name: z.string() }),
  features: z.array(featureKey),
});
export type Me = z.infer<typeof me>;
