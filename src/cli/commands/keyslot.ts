import { parseArgs } from 'node:util';
import { keySlot } from '../../sim/distribution/slots';
import { UsageError, type CliCommand } from '../io';

const usage = `Usage: cache-lab keyslot KEY...

Prints each key and its Redis Cluster hash slot, separated by a tab, exactly as CLUSTER KEYSLOT
computes it: CRC16 (XMODEM) of the key's UTF-8 bytes, or of its hash tag (the bytes between the
first { and the next }, if there are any), modulo 16384. Put -- before keys that start with -.
`;

export const keyslotCommand: CliCommand = {
  name: 'keyslot',
  summary: 'the Redis Cluster slot of each key, as CLUSTER KEYSLOT computes it',
  run(args, io) {
    const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      io.stdout(usage);
      return 0;
    }
    if (positionals.length === 0) throw new UsageError('give at least one key');
    io.stdout(positionals.map((key) => `${key}\t${keySlot(key)}\n`).join(''));
    return 0;
  },
};
