import type { Db } from '@ch/db';

const WINDOW_MS = 15 * 60_000;
const MAX_PER_EMAIL = 5;
const MAX_PER_IP = 30;

/**
 * Failed logins live in PostgreSQL, not process memory, so every API process counts the same
 * attempts. Per email stops guessing one account; per address stops spraying many.
 */
export async function isThrottled(db: Db, email: string, ip: string): Promise<boolean> {
  const since = new Date(Date.now() - WINDOW_MS);
  const [byEmail, byIp] = await Promise.all([
    db.loginFailure.count({ where: { email, createdAt: { gt: since } } }),
    db.loginFailure.count({ where: { ip, createdAt: { gt: since } } }),
  ]);
  return byEmail >= MAX_PER_EMAIL || byIp >= MAX_PER_IP;
}

export async function recordFailure(db: Db, email: string, ip: string): Promise<void> {
  await db.$transaction([
    db.loginFailure.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - WINDOW_MS) } } }),
    db.loginFailure.create({ data: { email, ip } }),
  ]);
}

export async function clearFailures(db: Db, email: string): Promise<void> {
  await db.loginFailure.deleteMany({ where: { email } });
}
