# The Headroom server: dashboard, API and background worker, run by `headroom
# serve` exactly as `npm start` runs it (and as docs/scaling.md measured it): the
# lean ingest endpoint in front of Next.js, the worker as its own niced process,
# migrations applied at start, the CLI at hand (docker exec … node bin/headroom.mjs).
# DATABASE_URL: a Postgres server; unset, the embedded PGlite in /app/.headroom
# (mount a volume there). Not built on this project's CI machines (no Docker
# engine); scripts/check-image.ts runs the runtime stage's tree there instead.
#   docker build -t headroom .   (the agent has its own image: deploy/agent/Dockerfile)
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
# Build, then drop what only building and testing need.
RUN npx next build && npm prune --omit=dev --no-audit --no-fund && rm -rf .next/cache

FROM node:20-bookworm-slim
WORKDIR /app
# The agent belongs on the hosts (deploy/agent), not inside the server's container.
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0 HEADROOM_LOCAL_AGENT=0
COPY --from=build --chown=node:node /app ./
# WORKDIR made /app root's, and --chown reaches only what is copied into it:
# the server creates its data folder here (a named volume mounted on it takes
# the folder's owner).
RUN mkdir -p /app/.headroom && chown node:node /app /app/.headroom && chmod 700 /app/.headroom
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "bin/headroom.mjs", "serve"]
