# Ordo server image: multi-stage, runs as a non-root user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production ORDO_DATA_DIR=/data
WORKDIR /app
RUN groupadd --system ordo && useradd --system --gid ordo --home /app ordo && mkdir -p /data && chown ordo:ordo /data
COPY --from=build --chown=ordo:ordo /app /app
USER ordo
EXPOSE 3000
VOLUME ["/data"]
CMD ["node", "bin/ordo-server.js"]
