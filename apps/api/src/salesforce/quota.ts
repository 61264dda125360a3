import { type SalesforceClient, SalesforceError } from '@ch/salesforce';

/**
 * Below this share of DailyApiRequests left, background work (polls, write-back) waits rather than
 * spend the organization's last requests: its own Salesforce users and integrations come first.
 */
export const MIN_QUOTA_SHARE = 0.1;

const checkedAt = new Map<string, number>();

/**
 * Throws `rate_limited` (which every worker treats as "defer, do not count") when the quota is low.
 * With `everyMs`, an organization is asked at most that often per process, so a quiet poll does not
 * double its API calls just to look at the quota.
 */
export async function ensureQuota(
  client: SalesforceClient,
  options: { organizationId?: string; everyMs?: number; minShare?: number } = {},
): Promise<{ asked: boolean }> {
  const key = options.organizationId;
  if (key && options.everyMs && Date.now() - (checkedAt.get(key) ?? 0) < options.everyMs)
    return { asked: false };
  const { dailyApiRequests: quota } = await client.limits();
  if (key) checkedAt.set(key, Date.now());
  if (quota.remaining < quota.max * (options.minShare ?? MIN_QUOTA_SHARE)) {
    if (key) checkedAt.delete(key);
    throw new SalesforceError(
      'rate_limited',
      `Only ${quota.remaining} of ${quota.max} daily API requests are left; waiting for the quota to recover`,
    );
  }
  return { asked: true };
}

/** Forget when organizations were last asked (tests that change the quota at the emulator). */
export function forgetQuotaChecks(): void {
  checkedAt.clear();
}
