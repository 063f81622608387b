import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Against a live redis-server: slow, so `npm run test:redis` runs them on their own.
    exclude: ['test/redis/**', '**/node_modules/**'],
  },
});
