import type { SyncObject } from '@ch/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';
import { connectSalesforce } from '../../../test/salesforce-sign-in.ts';
import { enableSync, supervise, syncOf, TRANSPORTS, waitFor } from '../../../test/sync-support.ts';

// Salesforce nests compound fields in change events ("Get Compound Fields in Change Events"):
// the product must store them in the flat fields the REST API shows.
describe.each(TRANSPORTS)('CDC shapes over %s', (transport) => {
  const ctx = useTestContext({ cdcTransport: transport });
  const control = () => ctx.emulator.control;
  const syncIds: string[] = [];

  beforeAll(async () => {
    const admin = await ctx.loginAs('admin@demo.test');
    await connectSalesforce(admin, 'integration.user@acme.example');
    await enableSync(admin, 'Contact', 'CDC');
    await enableSync(admin, 'Lead', 'CDC');
    syncIds.push(...(await ctx.db.objectSync.findMany()).map((s) => s.id));
  });

  const stored = async (object: SyncObject, id: string) =>
    (await ctx.db.salesforceRecord.findFirst({ where: { object, id } }))?.fields as
      | Record<string, unknown>
      | undefined;

  async function eventPayload(replayId: number | undefined) {
    const events = await control().events('acme');
    return events.find((e) => e.replayId === replayId)?.payload;
  }

  describe('CDC with compound fields', () => {
    it('a Contact and a Lead created and renamed arrive nested and are stored with FirstName, LastName, Name and city', async () => {
      const { supervisor } = supervise(ctx, { workerId: 'w1' });
      try {
        for (const id of syncIds) {
          await waitFor('the full load and the subscription', async () => {
            const sync = await syncOf(ctx, id);
            return sync.fullLoadCompletedAt && sync.lastSuccessAt;
          });
        }
        const contact = await control().createRecords('acme', 'Contact', [
          { FirstName: 'Ada', LastName: 'Lovelace', MailingCity: 'London', MailingCountry: 'United Kingdom' },
        ]);
        const lead = await control().createRecords('acme', 'Lead', [
          {
            FirstName: 'Grace',
            LastName: 'Hopper',
            Company: 'Navy',
            City: 'Arlington',
            Country: 'United States',
          },
        ]);
        const contactId = contact.results[0]!.id!;
        const leadId = lead.results[0]!.id!;

        // The events are shaped as in Salesforce's documented examples.
        const created = await eventPayload(contact.replayIds[0]);
        expect(created).toMatchObject({
          ChangeEventHeader: { changeType: 'CREATE', changedFields: [] },
          Name: { FirstName: 'Ada', LastName: 'Lovelace' },
          MailingAddress: { City: 'London', Country: 'United Kingdom' },
        });
        for (const flat of ['FirstName', 'LastName', 'MailingCity', 'MailingCountry'])
          expect(created).not.toHaveProperty(flat);
        expect(await eventPayload(lead.replayIds[0])).toMatchObject({
          Name: { FirstName: 'Grace', LastName: 'Hopper' },
          Address: { City: 'Arlington', Country: 'United States' },
          Company: 'Navy',
        });

        await waitFor('the created Contact', () => stored('CONTACT', contactId));
        expect(await stored('CONTACT', contactId)).toMatchObject({
          FirstName: 'Ada',
          LastName: 'Lovelace',
          Name: 'Ada Lovelace',
          MailingCity: 'London',
          MailingCountry: 'United Kingdom',
        });
        await waitFor('the created Lead', () => stored('LEAD', leadId));
        expect(await stored('LEAD', leadId)).toMatchObject({
          FirstName: 'Grace',
          LastName: 'Hopper',
          Name: 'Grace Hopper',
          City: 'Arlington',
          Country: 'United States',
        });

        const renamedContact = await control().updateRecords('acme', 'Contact', [
          { Id: contactId, LastName: 'King', MailingCity: 'Ockham' },
        ]);
        const renamedLead = await control().updateRecords('acme', 'Lead', [
          { Id: leadId, FirstName: 'Amazing Grace', City: 'Washington' },
        ]);
        expect(await eventPayload(renamedContact.replayIds[0])).toEqual({
          ChangeEventHeader: expect.objectContaining({
            changeType: 'UPDATE',
            changedFields: ['Name.LastName', 'MailingAddress.City', 'LastModifiedDate'],
          }),
          Name: { LastName: 'King' },
          MailingAddress: { City: 'Ockham' },
          LastModifiedDate: expect.any(String),
        });
        expect((await eventPayload(renamedLead.replayIds[0]))?.ChangeEventHeader.changedFields).toEqual([
          'Name.FirstName',
          'Address.City',
          'LastModifiedDate',
        ]);

        await waitFor(
          'the renamed Contact',
          async () => (await stored('CONTACT', contactId))?.Name === 'Ada King',
        );
        expect(await stored('CONTACT', contactId)).toMatchObject({
          FirstName: 'Ada',
          LastName: 'King',
          MailingCity: 'Ockham',
          MailingCountry: 'United Kingdom',
        });
        await waitFor(
          'the renamed Lead',
          async () => (await stored('LEAD', leadId))?.Name === 'Amazing Grace Hopper',
        );
        expect(await stored('LEAD', leadId)).toMatchObject({
          FirstName: 'Amazing Grace',
          LastName: 'Hopper',
          City: 'Washington',
          Country: 'United States',
        });
      } finally {
        await supervisor.stop();
      }
    });
  });
});
