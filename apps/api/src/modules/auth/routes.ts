import { Router } from 'express';
import type { Deps } from '../../deps.ts';
import { requireUser } from '../../http/auth.ts';
import { getMe } from './get-me.ts';
import { postLogin } from './post-login.ts';
import { postLogout } from './post-logout.ts';

export function authRoutes(deps: Deps): Router {
  const router = Router();
  router.post('/login', postLogin(deps));
  router.post('/logout', postLogout(deps));
  router.get('/me', requireUser, getMe);
  return router;
}
