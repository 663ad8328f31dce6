// The two ends of DynamoDB Local's only way in (local/dynamo.ts), each its own small process:
//   inside <socket> <port>   in the JVM's network namespace: Unix socket -> 127.0.0.1:<port>
//   outside <port> <socket>  in ours: 127.0.0.1:<port> -> Unix socket
// Each ends when the process that started it is gone; `outside` prints "listening" once it is.
import { rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';

const [mode, a, b] = process.argv.slice(2);
const target = mode === 'inside' ? () => connect(Number(b), '127.0.0.1') : () => connect(b);

const server = createServer((from) => {
  const to = target();
  from.pipe(to).pipe(from);
  const close = () => {
    from.destroy();
    to.destroy();
  };
  from.on('error', close);
  to.on('error', close);
});
server.on('error', (e) => {
  console.error(e.message);
  process.exit(1);
});
if (mode === 'inside') {
  rmSync(a, { force: true });
  server.listen(a);
} else {
  server.listen(Number(a), '127.0.0.1', () => console.log('listening'));
}
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) {
    if (mode === 'inside') rmSync(a, { force: true });
    process.exit(0);
  }
}, 500);
