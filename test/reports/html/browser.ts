import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { repoRoot } from '../../support/run-conform.js';

/** Debian's chromium: the browser these tests drive (playwright-core downloads none). */
export const chromiumPath = '/usr/bin/chromium';

/** Why the browser tests cannot run here, or undefined when they can. */
export const noBrowser = existsSync(chromiumPath)
  ? undefined
  : `chromium is not installed at ${chromiumPath} (apt-get install chromium)`;

/** A test's title, saying why it is skipped where it is. */
export function inBrowser(title: string): string {
  return noBrowser === undefined ? title : `${title} — skipped: ${noBrowser}`;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    timeout: 30_000,
    // Chromium's sandbox refuses to start as root.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
}

/** Where screenshots go: a folder git ignores, kept after the run for a person to look at. */
export async function artifactPath(name: string): Promise<string> {
  const folder = join(repoRoot, 'test-artifacts', 'html-report');
  await mkdir(folder, { recursive: true });
  return join(folder, name);
}

/** Every console error and uncaught exception of a page, from now on. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Whether a `<details>` element is open. */
export function isOpen(details: Locator): Promise<boolean> {
  return details.evaluate((element) => (element as unknown as { open: boolean }).open);
}

/** A property of an element's computed style, as the browser resolved it. */
export function computedStyle(locator: Locator, property: string): Promise<string> {
  return locator.evaluate((element, name) => {
    const view = globalThis as unknown as {
      getComputedStyle(target: unknown): { getPropertyValue(name: string): string };
    };
    return view.getComputedStyle(element).getPropertyValue(name);
  }, property);
}
