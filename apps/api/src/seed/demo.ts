import type { Db, Role } from '@ch/db';
import { hashPassword } from '../modules/auth/passwords.ts';

export const DEMO_PASSWORD = 'demo-password';

export const DEMO_ORGANIZATIONS: {
  name: string;
  integrations: boolean;
  users: { email: string; name: string; role: Role }[];
}[] = [
  {
    name: 'Demo Org',
    integrations: true,
    users: [
      { email: 'admin@demo.test', name: 'Dana Admin', role: 'ADMIN' },
      { email: 'agent@demo.test', name: 'Alex Agent', role: 'MEMBER' },
      { email: 'support@demo.test', name: 'Sam Support', role: 'SUPPORT' },
    ],
  },
  {
    name: 'Other Org',
    integrations: false,
    users: [{ email: 'admin@other.test', name: 'Olive Admin', role: 'ADMIN' }],
  },
];

/** Seeds the demo organizations on an empty database only; returns whether it did. */
export async function seedDemo(db: Db): Promise<boolean> {
  if ((await db.organization.count()) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(async (tx) => {
    for (const org of DEMO_ORGANIZATIONS) {
      await tx.organization.create({
        data: {
          name: org.name,
          featureFlags: { create: [{ key: 'integrations', enabled: org.integrations }] },
          users: { create: org.users.map((user) => ({ ...user, passwordHash })) },
        },
      });
    }
  });
  return true;
}
