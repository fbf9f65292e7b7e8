# syntax=docker/dockerfile:1
# controlbot: build with the dev toolchain, run on a slim image as a non-root user.

FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY data ./data
# `npm ci` runs the prepare script, which compiles src/ to dist/.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev

FROM node:22-slim
ENV NODE_ENV=production \
    PORT=3000 \
    CONTROLBOT_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY data ./data
# The shipped workflows run on the sample data; mount your own folder over /app/workflows.
COPY workflows ./workflows
# Remediation lists of closed campaigns: beside the embedded store, or /app/exports with MongoDB.
RUN mkdir -p /data /app/exports && chown node:node /data /app/exports
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "bin/controlbot.js"]
CMD ["start"]
