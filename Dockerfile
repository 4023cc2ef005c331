# The govdata image: every service of a node, and the `govdata` operator CLI, from one build.
#
#   docker build -t govdata:dev .
#   docker run --rm -v $PWD/node.yaml:/etc/govdata/node.yaml:ro -p 8080:8080 govdata:dev
#       → the all-in-one node (`govdata node start`), gateway on the port node.yaml names
#   docker run ... govdata:dev dist/apps/catalog/src/main.js --config /etc/govdata/node.yaml
#       → one service
#   docker run ... govdata:dev dist/apps/cli/src/main.js migrate --config /etc/govdata/node.yaml
#       → create the node database, one schema and one role per service, run migrations
#
# The ENTRYPOINT is `node` with the resolver hook that maps `@govdata/*` imports onto dist/; the
# CMD (or compose `command:` / Kubernetes `args:`) names the script and its arguments.
# Needs BuildKit (the default builder since Docker 23) for the npm cache mounts.
# tests/deploy/deploy-files.spec.ts checks this file against what the runtime needs.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- npm: the project's npm. npm 11 runs dependency install scripts only where package.json
# `allowScripts` allows them (the project allows none), so no compiler toolchain is needed; the
# npm 10 that node:20 ships would ignore that list and run every install script.
FROM ${NODE_IMAGE} AS npm
ARG NPM_VERSION=11.19.1
ENV npm_config_update_notifier=false
RUN --mount=type=cache,target=/root/.npm npm install --global npm@${NPM_VERSION}
WORKDIR /app
COPY package.json package-lock.json .npmrc ./

# ---- build: all dependencies, then tsc → dist/ (mirrors the source tree), the staff portal
# (vite → dist/portal, served by the gateway at /) and the open-data portal (→ dist/open-portal).
FROM npm AS build
# npm install, not npm ci: npm 11 lockfiles omit other platforms' optional packages (npm/cli#8669).
RUN --mount=type=cache,target=/root/.npm npm install --no-audit --no-fund
COPY tsconfig.base.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build && npm run build:portal && npm run build:open-portal \
  && rm -f dist/.tsbuildinfo dist/portal/.build-stamp dist/open-portal/.build-stamp

# ---- production dependencies only.
FROM npm AS prod-deps
RUN --mount=type=cache,target=/root/.npm npm install --omit=dev --no-audit --no-fund

# ---- runtime: no compiler, no dev dependencies, no sources; files owned by root, run as `node`.
FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="govdata" \
      org.opencontainers.image.description="govdata node: gateway, catalog, demand, exchange, governance, open-data, analytics, federation" \
      org.opencontainers.image.licenses="Apache-2.0"
ENV NODE_ENV=production \
    GOVDATA_CONFIG=/etc/govdata/node.yaml
WORKDIR /app
# package.json carries "type": "module": without it Node would load dist/**/*.js as CommonJS.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The resolver hook reads tsconfig.base.json `paths` to map @govdata/* onto dist/.
COPY tsconfig.base.json ./
COPY tools/register.mjs tools/resolve-workspace.mjs ./tools/
# gRPC services load their .proto files at run time (libs/contracts finds proto/ above dist/).
COPY proto ./proto
COPY deploy/docker/healthcheck.mjs ./deploy/docker/healthcheck.mjs
# /etc/govdata: mount node.yaml here. /var/lib/govdata: node.dataDir (keys, local state): mount a
# volume there, or the node's keys go with the container.
RUN mkdir -p /etc/govdata /var/lib/govdata && chown 1000:1000 /var/lib/govdata
# The `node` user of the base image, numeric so Kubernetes runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 8080
ENTRYPOINT ["node", "--enable-source-maps", "--import", "./tools/register.mjs"]
CMD ["dist/apps/cli/src/main.js", "node", "start", "--config", "/etc/govdata/node.yaml"]
# GET /healthz of the gateway (or of $GOVDATA_HEALTHCHECK_SERVICE), on the port this container's
# node.yaml + GOVDATA__ overrides give it. Uses Node's fetch: slim images have no curl.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "--import", "/app/tools/register.mjs", "/app/deploy/docker/healthcheck.mjs"]
