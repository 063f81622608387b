import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import Redis from 'ioredis';

/** A free loopback port, found by letting the OS pick one. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RedisServer {
  readonly client: Redis;
  readonly port: number;
  /** A field of INFO, as a number. */
  info(field: string): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts Debian's `redis-server` on a free loopback port with persistence off, the given extra
 * configuration, and a connected client. Stop it with `stop()`, which kills it by its pid.
 */
export async function startRedis(config: Record<string, string> = {}): Promise<RedisServer> {
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  for (const [name, value] of Object.entries(config)) args.push(`--${name}`, value);
  const child: ChildProcess = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr!.on('data', (data: Buffer) => (output += data.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (error) => reject(new Error(`could not start redis-server (apt-get install redis-server): ${error.message}`))),
  );
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {}); // connection attempts before the server listens fail by design
  const connect = async (): Promise<void> => {
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        await client.connect();
        return;
      } catch {
        if (child.exitCode !== null) throw new Error(`redis-server exited at start:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    throw new Error(`redis-server did not accept connections on port ${port}:\n${output}`);
  };
  await Promise.race([connect(), spawnError]);
  return {
    client,
    port,
    async info(field) {
      const text = await client.info();
      const match = new RegExp(`^${field}:(\\S+)`, 'm').exec(text);
      if (!match) throw new Error(`INFO has no field ${field}`);
      return Number(match[1]);
    },
    async stop() {
      client.disconnect();
      if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
      await exited;
    },
  };
}
