/**
 * A real headless Chromium for the console's tests, driven by playwright-core: the browser of the
 * machine (Debian's `chromium`, installed by .ci/run; RULEBOOK_CHROMIUM names another), never one
 * downloaded at run time. A machine without it fails the tests that need it, saying how to install it.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { projectRoot } from '../../src/config/project-root';
import { useForAll } from './use-for-all';

/** Where the test run writes the screenshots of the console's pages. */
export const screenshotDir = path.join(projectRoot, 'test-results', 'console');

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium executable to drive; throws naming how to install one when there is none. */
export function chromiumExecutable(): string {
  const named = process.env.RULEBOOK_CHROMIUM;
  if (named) {
    if (!existsSync(named)) throw new Error(`RULEBOOK_CHROMIUM names ${named}, which does not exist.`);
    return named;
  }
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(
      `The console's browser tests need Chromium and found none at ${candidates.join(', ')}. ` +
        'Install it (`apt-get install chromium`, as .ci/run does) or set RULEBOOK_CHROMIUM to its executable.',
    );
  }
  return found;
}

/** The browser of this test file; `newPage()` opens a page with its own storage, closed after the test. */
export function useBrowser(): { newPage: (viewport?: { width: number; height: number }) => Promise<Page> } {
  const browser = useForAll<Browser>(
    'Chromium',
    // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
    () => chromium.launch({ executablePath: chromiumExecutable(), headless: true, args: ['--no-sandbox'] }),
    (running) => running.close(),
  );
  const opened: BrowserContext[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((context) => context.close()));
  });
  return {
    async newPage(viewport = { width: 1280, height: 900 }) {
      const context = await browser().newContext({ viewport, locale: 'en-GB', timezoneId: 'Asia/Kolkata' });
      opened.push(context);
      return context.newPage();
    },
  };
}

/** Writes a screenshot of the whole page as test-results/console/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * What axe-core (the accessibility engine of browser dev tools) finds wrong on the page against
 * WCAG 2.1 A and AA — missing labels, contrast, keyboard traps, landmarks — one line per rule broken.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not restrict.
  await page.evaluate(axeSource);
  const violations = await page.evaluate<{ id: string; help: string; nodes: { target: string[] }[] }[]>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((result) => result.violations)`,
  );
  return violations.map(
    (violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
}
