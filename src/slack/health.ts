/** `GET /healthz`: 200 with what a probe or a person wants to know — articles in the index, when it loaded, version. */
import type { CustomRoute } from '@slack/bolt';
import type { Searcher } from '../search/types.js';

export interface Health {
  articles: number;
  index_loaded_at: string | null;
  version: string;
}

export function health(searcher: Searcher, version: string, indexLoadedAt: () => Date | undefined): Health {
  return { articles: searcher.size, index_loaded_at: indexLoadedAt()?.toISOString() ?? null, version };
}

export function healthRoute(searcher: Searcher, version: string, indexLoadedAt: () => Date | undefined): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      const body = JSON.stringify(health(searcher, version, indexLoadedAt));
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(body);
    },
  };
}
