import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The tests that start something outside the test process: Chromium (test/chromium.ts), s3rver and
 * the local Lambda stack (test/functions/), a CDK synth (test/cdk/), `urakata serve` over HTTP(S).
 * `npm run test:integration` runs these (project "integration"); `npm run test:unit` runs every
 * other test, core and the adapters (project "unit"); `npm test` runs both.
 */
const INTEGRATION = [
  'test/addin/taskpane-browser.test.ts',
  'test/apps-script/sidebar-page.test.ts',
  'test/functions/**/*.test.ts',
  'test/cdk/**/*.test.ts',
  'test/cli/serve.test.ts',
  // The abuse cases that run the local stack (s3rver): findings 1, 2, 4, 5 and 10.
  'test/abuse/01-*.test.ts',
  'test/abuse/02-*.test.ts',
  'test/abuse/04-*.test.ts',
  'test/abuse/05-*.test.ts',
  'test/abuse/10-*.test.ts',
];

/**
 * Each project's own options (a project does not inherit them; the global setup stays once per run).
 * The Lambda handlers write no metrics (EMF lines on stdout) in tests; a test that reads them turns them on.
 */
const common = { testTimeout: 30_000, pool: 'forks', env: { POWERTOOLS_METRICS_DISABLED: 'true' } } as const;

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    projects: [
      { test: { ...common, name: 'unit', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...INTEGRATION] } },
      { test: { ...common, name: 'integration', include: INTEGRATION } },
    ],
  },
});
