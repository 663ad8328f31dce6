// Inside DynamoDB Local's own network namespace (local/dynamo.ts): carries each connection made
// to a Unix socket on to the JVM's port on that namespace's loopback, so the only way in from
// outside is that socket. Ends when the JVM it was started beside is gone.
import { rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';

const [socketPath, port] = process.argv.slice(2);
rmSync(socketPath, { force: true });
const server = createServer((outside) => {
  const inside = connect(Number(port), '127.0.0.1');
  outside.pipe(inside).pipe(outside);
  const close = () => {
    outside.destroy();
    inside.destroy();
  };
  outside.on('error', close);
  inside.on('error', close);
});
server.listen(socketPath);
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) {
    rmSync(socketPath, { force: true });
    process.exit(0);
  }
}, 500).unref();
server.ref();
