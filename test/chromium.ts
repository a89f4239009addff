/**
 * Headless Chromium for the browser tests and the invoice benchmark: Debian's build, a fresh
 * profile per launch (a persistent context is how Playwright takes a user-data-dir), removed
 * when the context closes.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Fails with the install command when Chromium is missing: a browser test runs, it never skips.
 * @example const browser = await launchChromium({ width: 360, height: 900 }); … await browser.close();
 */
export async function launchChromium(viewport?: { width: number; height: number }): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (browser tests run, never skip)`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'urakata-chromium-'));
  // 'close' comes before the browser process has quite finished writing its profile: removal
  // retries while files still appear, and a profile it cannot remove is only a stray temp folder.
  const removeProfile = () => rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 }).catch(() => undefined);
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      ...(viewport ? { viewport } : {}),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    context.on('close', removeProfile);
    return context;
  } catch (e) {
    await removeProfile();
    throw e;
  }
}
