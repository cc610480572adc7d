# GLM Chat: multi-stage build of Next.js's standalone server.
#   docker build -t glm-chat .
#   docker run -p 3000:3000 -v glm-chat-data:/app/data \
#     -e AUTH_SECRET=... -e ENCRYPTION_KEY=... -e GLM_BASE_URL=... -e GLM_API_KEY=... glm-chat
# Migrations run on start; the SQLite file lives in the /app/data volume unless DATABASE_URL
# points at a libSQL / Turso server.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# The Prisma client is generated in the build stage, where the schema and its config are.
RUN npm ci --no-audit --no-fund --ignore-scripts

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npx prisma generate && npx next build

FROM node:20-bookworm-slim AS runner
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    DATABASE_URL=file:/app/data/glm-chat.db
# A user of its own: the server never runs as root.
RUN groupadd --system --gid 1001 glmchat && useradd --system --uid 1001 --gid glmchat glmchat \
    && mkdir -p /app/data && chown glmchat:glmchat /app/data
# The app's files belong to root and are read-only to the server: a compromised process cannot
# change the code it runs. It writes only to the database volume and Next.js's cache.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
# The icons and anything else in public/: the standalone server serves them, but does not copy them.
COPY --from=build /app/public ./public
COPY --from=build /app/prisma/migrations ./prisma/migrations
COPY --from=build /app/scripts/standalone/start.mjs /app/scripts/standalone/migrate.mjs ./
RUN mkdir -p .next/cache && chown glmchat:glmchat .next/cache
USER glmchat
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "start.mjs"]
