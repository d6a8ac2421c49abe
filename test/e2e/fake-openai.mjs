#!/usr/bin/env node
// A small stand-in for an OpenAI-compatible Chat Completions API on 127.0.0.1, for the
// end-to-end tests of failover routes. Its answer is read from $FAKE_MODE_FILE on every request
// (default mode "ok"):
//   ok       200 with a minimal completion (SSE chunks when the request streams)
//   401 429 billing hang   the error OpenAI sends for that case (hang: never answer)
// $FAKE_LOG (optional): one JSON line per request (method, path, model, key hint, mode).
// Prints "listening" once ready. Plain node:http, no dependencies.
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const port = Number(process.env.FAKE_PORT ?? 18998);

const ERRORS = {
  401: [401, 'invalid_request_error', 'invalid_api_key', 'Incorrect API key provided.'],
  429: [429, 'requests', 'rate_limit_exceeded', 'Rate limit reached for requests per min (RPM).'],
  // Worded so OpenClaw reads billing, not its rate-limit pattern `exceeded your current quota`.
  billing: [
    402,
    'billing_error',
    'billing_hard_limit_reached',
    'Payment required: insufficient credits for this request. Add credits in Plans & Billing.',
  ],
};

function mode() {
  try {
    return readFileSync(process.env.FAKE_MODE_FILE ?? '', 'utf8').trim() || 'ok';
  } catch {
    return 'ok';
  }
}

function sendError(res, [status, type, code, message]) {
  const headers = {
    'content-type': 'application/json',
    'x-request-id': `req_fake${randomBytes(9).toString('hex')}`,
  };
  if (status === 429) headers['retry-after'] = '1';
  res.writeHead(status, headers);
  res.end(JSON.stringify({ error: { message, type, param: null, code } }));
}

function sendOk(res, model, stream) {
  const id = `chatcmpl-fake${randomBytes(8).toString('hex')}`;
  const created = Math.floor(Date.now() / 1000);
  const usage = { prompt_tokens: 12, completion_tokens: 1, total_tokens: 13 };
  if (!stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
        usage,
      }),
    );
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const chunk = (delta, finish, extra = {}) =>
    res.write(
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`,
    );
  chunk({ role: 'assistant', content: '' }, null);
  chunk({ content: 'ok' }, null);
  chunk({}, 'stop', { usage });
  res.write('data: [DONE]\n\n');
  res.end();
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let body = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    } catch {}
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const key = String(req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    const m = mode();
    if (process.env.FAKE_LOG) {
      const hint = key
        ? `${key.slice(0, 8)}…#${createHash('sha256').update(key).digest('hex').slice(0, 8)}`
        : '';
      appendFileSync(
        process.env.FAKE_LOG,
        `${JSON.stringify({ at: new Date().toISOString(), method: req.method, path, model: body.model, key: hint, mode: m })}\n`,
      );
    }
    if (path.endsWith('/models')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          object: 'list',
          data: ['gpt-5', 'gpt-5-mini'].map((id) => ({ id, object: 'model', owned_by: 'fake' })),
        }),
      );
    } else if (m === 'hang') {
      req.socket.setTimeout(0);
    } else if (ERRORS[m]) {
      sendError(res, ERRORS[m]);
    } else {
      sendOk(res, body.model ?? 'gpt-fake', body.stream === true);
    }
  });
});
// As in fake-anthropic.mjs: keep idle keep-alive sockets open for the length of a scenario.
server.keepAliveTimeout = 10 * 60_000;
server.headersTimeout = 10 * 60_000 + 1_000;
server.listen(port, '127.0.0.1', () => process.stdout.write('listening\n'));
process.on('SIGTERM', () => process.exit(0));
