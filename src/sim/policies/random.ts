import { Access, type PolicyDefinition } from './policy';
import { SizeLedger } from './sizeLedger';

export const random: PolicyDefinition = {
  id: 'random',
  label: 'Random',
  description: 'Evicts a resident key chosen uniformly at random.',
  create({ capacity, keySpace, rng, onEvict }) {
    // Residents packed densely so a random pick is one index; position[key] is -1 when absent.
    const residents = new Int32Array(keySpace);
    const position = new Int32Array(keySpace).fill(-1);
    const ledger = new SizeLedger(capacity, keySpace);
    let size = 0;
    const drop = (key: number): void => {
      const index = position[key]!;
      const last = residents[--size]!;
      residents[index] = last;
      position[last] = index;
      position[key] = -1;
      ledger.release(key);
    };
    return {
      get size() {
        return size;
      },
      get used() {
        return ledger.used;
      },
      access(request) {
        const key = request.key;
        if (position[key] !== -1) return Access.Hit;
        const objectSize = request.size;
        if (ledger.tooLarge(objectSize)) return Access.Bypassed;
        while (ledger.full(objectSize)) {
          const victim = residents[rng.nextInt(size)]!;
          drop(victim);
          onEvict(victim);
        }
        residents[size] = key;
        position[key] = size++;
        ledger.add(key, objectSize);
        return Access.Stored;
      },
      contains: (key) => position[key] !== -1,
      remove(key) {
        if (position[key] === -1) return false;
        drop(key);
        return true;
      },
    };
  },
};
