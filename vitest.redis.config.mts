import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/redis/**/*.test.ts'],
    // One redis-server at a time: the request rate it reaches must not depend on a neighbour.
    fileParallelism: false,
  },
});
