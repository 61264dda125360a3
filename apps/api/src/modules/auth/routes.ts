import { Router } from 'express';
import type { Deps } from '../../deps.ts';
import { requireUser } from '../../http/auth.ts';
import { getMe } from './get-me.ts';
import { login } from './login.ts';
import { logout } from './logout.ts';

export function authRoutes(deps: Deps): Router {
  const router = Router();
  router.post('/login', login(deps));
  router.post('/logout', logout(deps));
  router.get('/me', requireUser, getMe);
  return router;
}
