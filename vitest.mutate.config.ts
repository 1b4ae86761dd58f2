// The tests of the pure stages, for mutation testing (npm run mutate): fast, no PDF written.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/parse/**/*.test.ts', 'test/typography/**/*.test.ts', 'test/layout/**/*.test.ts', 'test/impose/saddleStitchOrder.test.ts', 'test/theme/pageSizes.test.ts'],
    // Tests that write PDFs or sweep many layouts: slow under Stryker, and they mutate nothing it checks.
    exclude: ['test/layout/contents.test.ts', 'test/layout/webGuidePdf.test.ts', 'test/layout/webMarkdown.test.ts', 'test/layout/inlineCode.test.ts'],
    testTimeout: 180_000,
  },
});
