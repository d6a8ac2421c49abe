#!/usr/bin/env node
// A small stand-in for the Anthropic Messages API on 127.0.0.1, for the end-to-end tests.
// Its answer is read from $FAKE_MODE_FILE on every request (default mode "ok"):
//   ok       200 with a minimal message (SSE when the request streams)
//   401 403 404 429 529 billing hang   the error Anthropic sends for that case (hang: never answer)
// $FAKE_VALID_KEYS (comma list): a request with any other key gets the 401, whatever the mode;
// $FAKE_VALID_KEYS_FILE: the same list read from a file on every request (a key revoked later).
// Prints "listening" once ready. Plain node:http, no dependencies.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const port = Number(process.env.FAKE_PORT ?? 18999);
const keyList = (s) => s.split(/[,\s]+/).filter(Boolean);
const validKeys = () => {
  try {
    if (process.env.FAKE_VALID_KEYS_FILE)
      return keyList(readFileSync(process.env.FAKE_VALID_KEYS_FILE, 'utf8'));
  } catch {}
  return keyList(process.env.FAKE_VALID_KEYS ?? '');
};
const requestId = () => `req_fake${randomBytes(9).toString('hex')}`;

const ERRORS = {
  401: [401, 'authentication_error', 'invalid x-api-key'],
  403: [403, 'permission_error', 'Your API key does not have permission to use the specified resource.'],
  404: [404, 'not_found_error', 'model: %model%'],
  429: [
    429,
    'rate_limit_error',
    'This request would exceed the rate limit for your organization of 50 requests per minute.',
  ],
  529: [529, 'overloaded_error', 'Overloaded'],
  billing: [
    400,
    'invalid_request_error',
    'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
  ],
};

function mode() {
  try {
    return readFileSync(process.env.FAKE_MODE_FILE ?? '', 'utf8').trim() || 'ok';
  } catch {
    return 'ok';
  }
}

function sendError(res, [status, type, message], model) {
  const headers = { 'content-type': 'application/json', 'request-id': requestId() };
  if (status === 429) headers['retry-after'] = '1';
  res.writeHead(status, headers);
  res.end(
    JSON.stringify({
      type: 'error',
      error: { type, message: message.replace('%model%', model ?? '') },
      request_id: headers['request-id'],
    }),
  );
}

function sendOk(res, model, stream) {
  const message = {
    id: `msg_fake${randomBytes(8).toString('hex')}`,
    type: 'message',
    role: 'assistant',
    model,
    content: [{ type: 'text', text: 'ok' }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 12, output_tokens: 1 },
  };
  if (!stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(message));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const event = (name, data) => res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  event('message_start', { type: 'message_start', message: { ...message, content: [], stop_reason: null } });
  event('content_block_start', {
    type: 'content_block_start',
    index: 0,
    content_block: { type: 'text', text: '' },
  });
  event('content_block_delta', {
    type: 'content_block_delta',
    index: 0,
    delta: { type: 'text_delta', text: 'ok' },
  });
  event('content_block_stop', { type: 'content_block_stop', index: 0 });
  event('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: { output_tokens: 1 },
  });
  event('message_stop', { type: 'message_stop' });
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
    const key = String(req.headers['x-api-key'] ?? req.headers.authorization ?? '').replace(
      /^Bearer\s+/i,
      '',
    );
    let m = mode();
    const valid = validKeys();
    if (valid.length > 0 && m !== 'hang' && !valid.includes(key)) m = '401';
    if (path.endsWith('/v1/models')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          data: ['claude-opus-5', 'claude-sonnet-5', 'claude-haiku-4-5'].map((id) => ({ type: 'model', id })),
          has_more: false,
        }),
      );
    } else if (m === 'hang') {
      req.socket.setTimeout(0);
    } else if (ERRORS[m]) {
      sendError(res, ERRORS[m], body.model);
    } else if (path.endsWith('/count_tokens')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"input_tokens":12}');
    } else {
      sendOk(res, body.model ?? 'claude-fake', body.stream === true);
    }
  });
});
// Node closes an idle keep-alive socket after 5 s; on a loaded host the gateway can reuse one
// just as it closes and log `fetch failed … UND_ERR_SOCKET`, a network error the real API would
// not have caused. Keep idle sockets open for the length of a scenario.
server.keepAliveTimeout = 10 * 60_000;
server.headersTimeout = 10 * 60_000 + 1_000;
server.listen(port, '127.0.0.1', () => process.stdout.write('listening\n'));
process.on('SIGTERM', () => process.exit(0));
