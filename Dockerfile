# The Headroom server: dashboard, API, alert worker, as Next.js standalone output
# on a non-root user. Needs DATABASE_URL (a Postgres server); migrations run at start.
# docker build -t headroom .   (the agent has its own image: deploy/agent/Dockerfile)
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY agent ./agent
COPY lib ./lib
RUN npm ci --no-audit --no-fund
COPY . .
RUN HEADROOM_STANDALONE=1 npx next build && node scripts/build-migrate.mjs

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/prisma/migrations ./prisma/migrations
COPY --from=build --chown=node:node /app/agent/dist/headroom-agent.js ./agent/dist/headroom-agent.js
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["sh", "-c", "node dist/migrate.mjs && exec node server.js"]
