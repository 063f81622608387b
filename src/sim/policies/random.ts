import type { PolicyDefinition } from './policy';

export const random: PolicyDefinition = {
  id: 'random',
  label: 'Random',
  description: 'Evicts a resident key chosen uniformly at random.',
  create({ capacity, keySpace, rng, onEvict }) {
    // Residents packed densely so a random pick is one index; position[key] is -1 when absent.
    const residents = new Int32Array(Math.min(capacity, keySpace));
    const position = new Int32Array(keySpace).fill(-1);
    let size = 0;
    const drop = (key: number): void => {
      const index = position[key]!;
      const last = residents[--size]!;
      residents[index] = last;
      position[last] = index;
      position[key] = -1;
    };
    return {
      get size() {
        return size;
      },
      access(key) {
        if (position[key] !== -1) return true;
        if (size >= capacity) {
          const victim = residents[rng.nextInt(size)]!;
          drop(victim);
          onEvict(victim);
        }
        residents[size] = key;
        position[key] = size++;
        return false;
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
