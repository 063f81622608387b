import { coalesce } from './coalesce';
import { jitter } from './jitter';
import { mutex } from './mutex';
import { none } from './none';
import type { StampedeProtection } from './protection';
import { staleWhileRevalidate } from './staleWhileRevalidate';
import { xfetch } from './xfetch';

/** Every stampede protection; adding one means a new file and a line here. */
export const protections: readonly StampedeProtection[] = [none, mutex, xfetch, coalesce, staleWhileRevalidate, jitter];

export function requireProtection(id: string): StampedeProtection {
  const protection = protections.find((candidate) => candidate.id === id);
  if (!protection) throw new Error(`unknown protection '${id}' (choose from ${protections.map((p) => p.id).join(', ')})`);
  return protection;
}
