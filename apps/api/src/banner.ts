import type { Env } from './env.ts';
import type { SalesforceApp } from './salesforce-setup.ts';
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD } from './seed/demo.ts';

/** What a person who just ran `pnpm start` needs to know, on stdout (logs are JSON on the same). */
export function printBanner({
  env,
  embedded,
  seeded,
  salesforceApp,
}: {
  env: Env;
  embedded: boolean;
  seeded: boolean;
  salesforceApp: SalesforceApp;
}): void {
  const lines = [
    '',
    `  Cloverhound Cloud is running at ${env.appOrigin}  (role: ${env.ROLE})`,
    `  Database: ${embedded ? `embedded PostgreSQL under ${env.dataDir}` : 'DATABASE_URL'}`,
  ];
  if (salesforceApp.emulatorUrl) {
    lines.push(
      `  Salesforce: no SALESFORCE_CLIENT_ID configured, so the local emulator stands in at ${salesforceApp.emulatorUrl}`,
      '    sign in there as integration.user@acme.example (Enterprise, CDC) or admin@globex.example, password "salesforce"',
    );
  } else {
    lines.push(
      `  Salesforce: connected app ${salesforceApp.clientId}, callback ${salesforceApp.callbackUrl}`,
    );
  }
  if (seeded || embedded || env.SEED_DEMO) {
    lines.push(`  Demo logins (password "${DEMO_PASSWORD}"):`);
    for (const org of DEMO_ORGANIZATIONS) {
      for (const user of org.users)
        lines.push(`    ${user.email.padEnd(20)} ${user.role.padEnd(8)} ${org.name}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}
