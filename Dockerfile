# Two stages: the first compiles TypeScript, builds better-sqlite3 and the search index; the second carries only
# what runs. Build: docker build -t k8sblog .   Run: docker run --env-file .env -p 3000:3000 k8sblog
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY content ./content
# npm ci runs the prepare script: tsc, then the prebuilt search index in dist/search-index.bin.
RUN npm ci && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/app/data
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/content ./content
# The playground's page (what `start` runs when no Slack credentials are set) is served from the sources.
COPY --from=build /app/src/playground/public ./src/playground/public
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/cli.js", "start", "--mode", "http"]
