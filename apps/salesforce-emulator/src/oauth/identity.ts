import type { IncomingMessage } from 'node:http';
import { isoSeconds } from '../core/clock.ts';
import type { Emulator } from '../core/emulator.ts';
import { sendJson } from '../http/respond.ts';
import type { Ctx, Router } from '../http/router.ts';
import type { Org, User } from '../store/types.ts';
import { identityUrl } from './token.ts';

export function bearerToken(req: IncomingMessage, url?: URL): string | undefined {
  const header = req.headers.authorization ?? '';
  const m = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header);
  return m?.[1]?.trim() ?? url?.searchParams.get('oauth_token') ?? undefined;
}

function identity(emu: Emulator, org: Org, user: User) {
  const base = emu.publicUrl;
  const v = '{version}';
  return {
    id: identityUrl(emu, org.id, user.id),
    asserted_user: true,
    user_id: user.id,
    organization_id: org.id,
    username: user.username,
    nick_name: user.username.split('@')[0],
    display_name: `${user.firstName} ${user.lastName}`,
    email: user.email,
    email_verified: true,
    first_name: user.firstName,
    last_name: user.lastName,
    timezone: user.timezone,
    photos: { picture: `${base}/profilephoto/005/F`, thumbnail: `${base}/profilephoto/005/T` },
    addr_country: 'US',
    mobile_phone: null,
    active: true,
    user_type: 'STANDARD',
    language: 'en_US',
    locale: 'en_US',
    utcOffset: -28800000,
    last_modified_date: isoSeconds(emu.clock.now() - 86_400_000),
    is_app_installed: true,
    urls: {
      enterprise: `${base}/services/Soap/c/${v}/${org.id}`,
      metadata: `${base}/services/Soap/m/${v}/${org.id}`,
      partner: `${base}/services/Soap/u/${v}/${org.id}`,
      rest: `${base}/services/data/v${v}/`,
      sobjects: `${base}/services/data/v${v}/sobjects/`,
      search: `${base}/services/data/v${v}/search/`,
      query: `${base}/services/data/v${v}/query/`,
      recent: `${base}/services/data/v${v}/recent/`,
      tooling_soap: `${base}/services/Soap/T/${v}/${org.id}`,
      tooling_rest: `${base}/services/data/v${v}/tooling/`,
      profile: `${base}/${user.id}`,
      feeds: `${base}/services/data/v${v}/chatter/feeds`,
      groups: `${base}/services/data/v${v}/chatter/groups`,
      users: `${base}/services/data/v${v}/chatter/users`,
      feed_items: `${base}/services/data/v${v}/chatter/feed-items`,
      custom_domain: base,
    },
  };
}

/** GET /id/<orgId>/<userId> and the OpenID Connect userinfo endpoint. */
export function registerIdentity(router: Router, emu: Emulator): void {
  router.on('GET', '/id/:orgId/:userId', ({ req, res, url, params }: Ctx) => {
    const token = emu.tokens.validAccess(bearerToken(req, url));
    if (!token) return sendJson(res, 403, 'Bad_OAuth_Token');
    const org = emu.org(params.orgId ?? '');
    const user = emu.user(params.userId ?? '');
    if (!org || !user || user.orgId !== org.id || token.orgId !== org.id) return sendJson(res, 403, 'Bad_Id');
    sendJson(res, 200, identity(emu, org, user));
  });

  router.on('GET', '/services/oauth2/userinfo', ({ req, res, url }: Ctx) => {
    const token = emu.tokens.validAccess(bearerToken(req, url));
    const user = token ? emu.user(token.userId) : undefined;
    const org = user ? emu.org(user.orgId) : undefined;
    if (!user || !org) return sendJson(res, 403, 'Bad_OAuth_Token');
    const id = identity(emu, org, user);
    sendJson(res, 200, {
      sub: id.id,
      user_id: user.id,
      organization_id: org.id,
      preferred_username: user.username,
      nickname: id.nick_name,
      name: id.display_name,
      email: user.email,
      email_verified: true,
      given_name: user.firstName,
      family_name: user.lastName,
      zoneinfo: user.timezone,
      photos: id.photos,
      profile: id.urls.profile,
      picture: id.photos.picture,
      address: { country: 'US' },
      urls: id.urls,
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: id.utcOffset,
      updated_at: id.last_modified_date,
    });
  });
}
