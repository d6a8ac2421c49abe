# syntax=docker/dockerfile:1
# One image for `clawops bot` and `clawops worker` (the default target, last below), and two
# targets for the Compose variant where the OpenClaw gateway is itself a container
# (docker-compose.openclaw.yml): `openclaw-gateway` and `worker-openclaw`.
#
#   docker build -t clawops .                                   # bot and worker image
#   docker run --rm --env-file .env clawops worker              # any verb: bot, worker, hosts, …

ARG NODE_IMAGE=node:20-bookworm-slim
# OpenClaw needs Node 24 or newer; its images use this base.
ARG OPENCLAW_NODE_IMAGE=node:24-trixie-slim
ARG OPENCLAW_VERSION=2026.9.6

# --- build: compile the TypeScript -------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are copied.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY adapters ./adapters
COPY commands ./commands
COPY scripts ./scripts
RUN npm run build

# --- app: production dependencies and the built CLI, shared by the runtime targets -------------
FROM ${NODE_IMAGE} AS app
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist

# --- openclaw-gateway: a stand-in gateway image for docker-compose.openclaw.yml ----------------
# Replace it with the image your gateway already runs; keep OPENCLAW_VERSION equal to it, since
# worker-openclaw below runs the same `openclaw` CLI against that gateway's state.
FROM ${OPENCLAW_NODE_IMAGE} AS openclaw-gateway
ARG OPENCLAW_VERSION
RUN npm install -g --no-audit --no-fund "openclaw@${OPENCLAW_VERSION}" && npm cache clean --force
# State and log folders owned by the gateway's user, so the named volumes mounted there start so.
RUN install -d -o node -g node -m 700 /home/node/.openclaw /tmp/openclaw
USER node
WORKDIR /home/node
CMD ["openclaw", "gateway", "run"]

# --- worker-openclaw: clawops worker beside a containerised gateway ----------------------------
# The same `openclaw` CLI as the gateway, plus the Docker CLI and its Compose plugin for
# CLAWOPS_RESTART_METHOD=compose (Debian trixie: docker-cli, docker-compose v2).
FROM openclaw-gateway AS worker-openclaw
USER root
RUN apt-get update \
  && apt-get install -y --no-install-recommends docker-cli docker-compose \
  && rm -rf /var/lib/apt/lists/*
COPY --from=app /app /app
RUN chmod +x /app/dist/src/cli/main.js && ln -s /app/dist/src/cli/main.js /usr/local/bin/clawops
ENV NODE_ENV=production
# The gateway's user (uid 1000 in both images): /proc/<pid>/environ and its logs are readable by
# that user only.
USER node
ENTRYPOINT ["node", "/app/dist/src/cli/main.js"]
CMD ["worker"]

# --- clawops (default): bot and worker ---------------------------------------------------------
FROM ${NODE_IMAGE} AS clawops
COPY --from=app /app /app
RUN chmod +x /app/dist/src/cli/main.js && ln -s /app/dist/src/cli/main.js /usr/local/bin/clawops
ENV NODE_ENV=production
WORKDIR /app
# Not root: the `node` user of the base image (uid 1000).
USER node
# The clawops CLI; `docker compose exec bot clawops hosts` works too.
ENTRYPOINT ["node", "/app/dist/src/cli/main.js"]
CMD ["bot"]
