/**
 * Slack redelivers an event it thinks went unanswered (with `X-Slack-Retry-Num`), keeping its event_id: the first
 * delivery of an id runs the listeners, later ones are acknowledged (Bolt acks events before middleware) and dropped.
 */
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../types.js';

export const EVENT_MEMORY_MS = 60 * 60 * 1000;

export function registerEventOnce(app: App, deps: SlackDeps): void {
  app.use(async ({ body, context, next }) => {
    const envelope = body as { type?: unknown; event_id?: unknown };
    if (envelope.type === 'event_callback' && typeof envelope.event_id === 'string') {
      const first = await deps.eventOnce.claim(`event:${envelope.event_id}`, EVENT_MEMORY_MS);
      if (!first) {
        deps.log.info('repeated event delivery ignored', {
          event_id: envelope.event_id,
          retry_num: context.retryNum,
          retry_reason: context.retryReason,
        });
        return;
      }
    }
    await next();
  });
}
