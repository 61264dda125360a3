import { createApiKeyRequest, createApiKeyResponse } from '@ch/contracts';
import type { RequestHandler } from 'express';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { send } from '../../http/send.ts';
import { parse } from '../../http/validate.ts';
import { generateApiKey } from './api-key-secret.ts';
import { toApiKeyView } from './api-key-view.ts';

/** POST /api/api-keys: creates a key and returns it this once; only its hash is kept. */
export function createApiKey({ db }: Deps): RequestHandler {
  return async (req, res) => {
    const { name, scopes } = parse(createApiKeyRequest, req.body);
    const actor = principalOf(req);
    const { key, hash, prefix } = generateApiKey();
    const row = await db.$transaction(async (tx) => {
      const created = await tx.apiKey.create({
        data: {
          organizationId: actor.organizationId,
          name,
          scopes,
          prefix,
          hash,
          createdByUserId: actor.userId,
        },
      });
      await recordAudit(tx, {
        organizationId: actor.organizationId,
        actorUserId: actor.userId,
        action: 'api_key.created',
        details: { apiKeyId: created.id, name, prefix, scopes },
      });
      return created;
    });
    res.setHeader('Cache-Control', 'no-store');
    send(res, createApiKeyResponse, { apiKey: toApiKeyView(row, actor.email), key }, 201);
  };
}
