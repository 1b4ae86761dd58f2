// The tests of the pure stages, for mutation testing (npm run mutate): fast, no PDF written.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/parse/**/*.test.ts', 'test/typography/**/*.test.ts', 'test/layout/**/*.test.ts', 'test/impose/saddleStitchOrder.test.ts', 'test/theme/pageSizes.test.ts'],
    exclude: ['test/layout/contents.test.ts'],
    testTimeout: 180_000,
  },
});
