import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (scripts/setup.sh installs it); CHROMIUM_PATH names another. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Headless Chromium, driven by playwright-core; fails, never skips, when it is not installed. */
async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: run scripts/setup.sh (apt: chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true });
}

/** What a page asked of the network and said on its console while it was open. */
interface PageWatch {
  readonly requests: string[];
  readonly errors: string[];
}

/**
 * Opens a file in a new page and records every request it makes (the file's own load aside)
 * and every console error, page error and dialog.
 */
async function openFile(browser: Browser, path: string): Promise<{ page: Page; watch: PageWatch }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const url = `file://${path}`;
  const watch: PageWatch = { requests: [], errors: [] };
  page.on('request', (request) => {
    if (request.url() !== url) watch.requests.push(request.url());
  });
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(message.text());
  });
  page.on('pageerror', (error) => watch.errors.push(error.message));
  page.on('dialog', async (dialog) => {
    watch.errors.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, watch };
}

export type { PageWatch };
export { launchChromium, openFile };
