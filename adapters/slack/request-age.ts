import type { IncomingMessage, RequestListener } from 'node:http';

/**
 * How far a request's `X-Slack-Request-Timestamp` may be from this host's clock, either way.
 * @see https://api.slack.com/authentication/verifying-requests-from-slack
 */
export const MAX_REQUEST_SKEW_S = 5 * 60;

/** Whether a request claims to come from more than the allowed skew in the future. */
function fromTheFuture(req: IncomingMessage, nowMs: number): boolean {
  const header = req.headers['x-slack-request-timestamp'];
  const sent = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(sent) && sent - Math.floor(nowMs / 1000) > MAX_REQUEST_SKEW_S;
}

/**
 * Bolt refuses requests older than five minutes but takes any from the future, so a captured
 * request signed with a far-future timestamp would replay for ever. This refuses those first.
 */
export function refuseFutureRequests(next: RequestListener): RequestListener {
  return (req, res) => {
    if (fromTheFuture(req, Date.now())) {
      res.writeHead(401).end();
      return;
    }
    next(req, res);
  };
}
