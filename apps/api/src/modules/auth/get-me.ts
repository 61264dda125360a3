import { me } from '@ch/contracts';
import type { RequestHandler } from 'express';
import { principalOf } from '../../http/auth.ts';
import { send } from '../../http/send.ts';

/** GET /api/auth/me: who is logged in, their organization and its enabled features. */
export const getMe: RequestHandler = (req, res) => {
  const p = principalOf(req);
  send(res, me, {
    user: { id: p.userId, email: p.email, name: p.name, role: p.role },
    organization: { id: p.organizationId, name: p.organizationName },
    features: p.features,
  });
};
