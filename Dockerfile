# syntax=docker/dockerfile:1
# The production image (docs/decisions/025-production-build.md): the compiled API and the built web
# app, run by plain node as a non-root user, with production dependencies only. One image for every
# role: ROLE=api serves HTTP, ROLE=worker runs the sync workers (docker-compose.production.yml).
#   docker build -t cloverhound-integrations .
ARG NODE_VERSION=24.21.0
ARG PNPM_VERSION=12.4.2

# The workspace's manifests alone, so that the dependency layers below are rebuilt only when one
# of them changes.
FROM node:${NODE_VERSION}-slim AS manifests
ARG PNPM_VERSION
RUN npm install --global --no-fund --no-audit "pnpm@${PNPM_VERSION}"
WORKDIR /app
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY apps/salesforce-emulator/package.json apps/salesforce-emulator/
COPY packages/contracts/package.json packages/contracts/
COPY packages/db/package.json packages/db/
COPY packages/salesforce/package.json packages/salesforce/

# Every dependency, then `pnpm build`: tsc for each app and package, Vite for the web app. The
# install's postinstall generates the Prisma client, which the build compiles into packages/db/dist.
FROM manifests AS build
COPY prisma.config.ts ./
COPY prisma prisma
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm build

# Production dependencies of the API and the workspace packages it imports, nothing else (no
# TypeScript, no tsx, no Vite, no test tools). Scripts are skipped: the Prisma client is already
# compiled, and the embedded PostgreSQL's set-up is for local runs only.
FROM manifests AS prod-deps
RUN pnpm install --frozen-lockfile --prod --ignore-scripts --filter "@ch/api..."

FROM node:${NODE_VERSION}-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
# The repository's layout is kept (workspace links, migrations and the web app where the API looks
# for them); only manifests, production node_modules and compiled output are in it.
COPY --from=prod-deps /app ./
COPY --from=build /app/prisma/migrations prisma/migrations
COPY --from=build /app/apps/web/dist apps/web/dist
COPY --from=build /app/apps/api/dist apps/api/dist
COPY --from=build /app/apps/salesforce-emulator/dist apps/salesforce-emulator/dist
COPY --from=build /app/packages/contracts/dist packages/contracts/dist
COPY --from=build /app/packages/db/dist packages/db/dist
COPY --from=build /app/packages/salesforce/dist packages/salesforce/dist
# The official image's unprivileged user; nothing under /app is writable by it (production keeps no
# local state: the database is DATABASE_URL's, the token key is TOKEN_ENCRYPTION_KEY).
USER node
EXPOSE 3000
# Ready, not merely alive: 200 once the database is reachable and every migration is applied. The
# start period covers a boot that migrates. Workers serve no HTTP; the compose file turns it off there.
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# `pnpm start:prod` without pnpm: plain node on the compiled output, TypeScript stripping off.
CMD ["node", "--conditions=compiled", "--no-experimental-strip-types", "--enable-source-maps", "apps/api/dist/main.js"]
