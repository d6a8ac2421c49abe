#!/usr/bin/env node
// Carries a scenario's Redis connections across its private network namespace through a Unix
// socket in the scenario's folder (a file both sides see), since its loopback is its own:
//   node redis-bridge.mjs unix <socket> <host:port>   outside: the socket leads to the real Redis
//   node redis-bridge.mjs tcp <host:port> <socket>    inside: a loopback port leads to the socket
// Prints "listening" once ready. Plain node:net, no dependencies.
import { rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';

const [mode, from, to] = process.argv.slice(2);
const address = (s) => {
  const i = s.lastIndexOf(':');
  return { host: s.slice(0, i), port: Number(s.slice(i + 1)) };
};
const server = createServer((client) => {
  const upstream = mode === 'unix' ? connect(address(to)) : connect({ path: to });
  client.pipe(upstream).pipe(client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', close);
  upstream.on('error', close);
  client.on('close', close);
  upstream.on('close', close);
});
if (mode === 'unix') rmSync(from, { force: true });
server.listen(mode === 'unix' ? { path: from } : address(from), () => process.stdout.write('listening\n'));
process.on('SIGTERM', () => process.exit(0));
