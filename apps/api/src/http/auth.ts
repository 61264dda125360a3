import type { FeatureKey, Role } from '@ch/contracts';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from './app-error.ts';

/** Who is calling, set by the session middleware; absent for anonymous requests. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  role: Role;
  organizationId: string;
  organizationName: string;
  features: FeatureKey[];
  sessionId: string;
}

declare global {
  namespace Express {
    interface Request {
      principal?: Principal;
    }
  }
}

/** The caller, or a 401: use in handlers mounted behind `requireUser`. */
export function principalOf(req: Request): Principal {
  if (!req.principal) throw new AppError('unauthenticated', 'Log in to continue.');
  return req.principal;
}

export const requireUser: RequestHandler = (req, _res, next) => {
  principalOf(req);
  next();
};

export function requireRole(...roles: Role[]): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!roles.includes(principalOf(req).role)) {
      throw new AppError('forbidden', 'You do not have permission to do this.');
    }
    next();
  };
}
