import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../../harness/results/run-report.js';
import { fixtureCopies } from '../../support/fixture-copies.js';
import { runConform } from '../../support/run-conform.js';
import {
  artifactPath,
  computedStyle,
  inBrowser,
  isOpen,
  launchBrowser,
  noBrowser,
  pageErrors,
} from './browser.js';

// A server that answers every message with markup: the page must show it as text and run none of it.
const markup = '<script>alert(1)</script><img src=x onerror=alert(2)>';
const hostileServer = `const m = ${JSON.stringify(markup)}; console.log(m); require('net').createServer((s) => { s.on('data', () => s.write(m + '\\n')); s.on('error', () => {}); }).listen(process.env.PORT, '127.0.0.1')`;

interface Made {
  readonly file: string;
  readonly report: RunReport | undefined;
}

// Copies: the fixture tables look for leftover servers by the fixtures' own folders, and end them.
const copies = fixtureCopies('conform-html-fixtures-');

let folder: string;
let browser: Browser | undefined;
const made: Record<'echo' | 'chat' | 'hostile', Made> = {} as never;

/** Runs conform on a failing server with an HTML report, and keeps the file and the JSON report of the same run. */
async function make(name: keyof typeof made, args: readonly string[]): Promise<void> {
  const file = join(folder, `${name}.html`);
  const dashes = args.indexOf('--');
  const own = dashes === -1 ? args : args.slice(0, dashes);
  const command = dashes === -1 ? [] : args.slice(dashes);
  const run = await runConform([...own, '--reporter', `html=${file}`, ...command]);
  expect(run.exitCode, run.stderr).toBe(1);
  made[name] = { file, report: run.report };
}

beforeAll(async () => {
  if (noBrowser !== undefined) return;
  folder = await mkdtemp(join(tmpdir(), 'conform-html-'));
  await make('echo', [
    copies.at('echo/buggy/stream_first_recv_only.py'),
    '--only',
    'echo.stream',
    '--runs',
    '5',
  ]);
  await make('chat', [
    copies.at('chat/buggy/register_joined_to_everyone.py'),
    '--suite',
    'chat',
    '--only',
    'chat.register',
    '--runs',
    '5',
  ]);
  await make('hostile', ['--only', 'echo.single-message', '--', process.execPath, '-e', hostileServer]);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

/** A fresh page on the report, in its own context, and the errors it logs. */
async function open(
  name: keyof typeof made,
  permissions: string[] = [],
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await (browser as Browser).newContext({ viewport: { width: 1400, height: 900 } });
  if (permissions.length > 0) await context.grantPermissions(permissions);
  const page = await context.newPage();
  const errors = pageErrors(page);
  await page.goto(pathToFileURL(made[name].file).href);
  return { context, page, errors };
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

async function box(locator: Locator): Promise<Box> {
  const found = await locator.boundingBox();
  if (found === null) throw new Error('the element is not rendered');
  return found;
}

/** The x of each lane's line, by lane name. */
async function laneXs(diagram: Locator): Promise<Map<string, number>> {
  const lanes = new Map<string, number>();
  for (const lane of await diagram.locator('g.lane').all()) {
    const line = await box(lane.locator('line.lane-line'));
    lanes.set((await lane.getAttribute('data-lane')) as string, line.x + line.width / 2);
  }
  return lanes;
}

/** Each arrow goes from its sender's lane to its receiver's, its head at the receiver. */
async function expectArrowsBetweenLanes(diagram: Locator, lanes: Map<string, number>): Promise<number> {
  const arrows = await diagram.locator('g.arrow').all();
  for (const arrow of arrows) {
    const from = lanes.get((await arrow.getAttribute('data-from')) as string) as number;
    const to = lanes.get((await arrow.getAttribute('data-to')) as string) as number;
    const line = await box(arrow.locator('line'));
    const head = await box(arrow.locator('polygon'));
    expect(Math.abs(line.x - Math.min(from, to))).toBeLessThan(12);
    expect(Math.abs(line.x + line.width - Math.max(from, to))).toBeLessThan(12);
    expect(Math.abs(head.x + head.width / 2 - to)).toBeLessThan(12);
  }
  return arrows.length;
}

/** The failure mark is on the failing arrow's row, and on no other arrow's. */
async function expectMarkOnFailingRow(diagram: Locator): Promise<Locator> {
  const failing = diagram.locator('g.arrow.failing');
  expect(await failing.count()).toBe(1);
  const mark = diagram.locator('g.fail-mark');
  expect(await mark.count()).toBe(1);
  expect(await mark.getAttribute('data-step')).toBe(await failing.getAttribute('data-step'));
  expect(await mark.textContent()).toContain('✗ fails here');
  const band = await box(mark.locator('rect'));
  const row = (line: Box): number => line.y + line.height / 2;
  const failingRow = row(await box(failing.locator('line')));
  expect(failingRow).toBeGreaterThan(band.y);
  expect(failingRow).toBeLessThan(band.y + band.height);
  for (const other of await diagram.locator('g.arrow:not(.failing)').all()) {
    const y = row(await box(other.locator('line')));
    expect(y < band.y || y > band.y + band.height).toBe(true);
  }
  return failing;
}

describe('the HTML report in a browser', () => {
  it.skipIf(noBrowser !== undefined)(
    inBrowser(
      'draws the echo failure: lanes, arrows between them, the missing bytes dashed, the mark on its row',
    ),
    async () => {
      const { context, page, errors } = await open('echo');
      try {
        const diagram = page.locator('details.failure').first().locator('svg.sequence');
        const lanes = await laneXs(diagram);
        expect([...lanes.keys()]).toEqual(['c1', 'server']);
        expect(lanes.get('c1') as number).toBeLessThan(lanes.get('server') as number);
        expect(await expectArrowsBetweenLanes(diagram, lanes)).toBeGreaterThanOrEqual(3);
        expect(
          await diagram.locator('g.arrow.write[data-from="c1"][data-to="server"]').count(),
        ).toBeGreaterThan(0);
        const failing = await expectMarkOnFailingRow(diagram);
        expect(await failing.getAttribute('data-from')).toBe('server');
        expect(await failing.getAttribute('data-to')).toBe('c1');
        // The server closed after one recv(): the rest of the bytes never came, drawn dashed.
        const missing = diagram.locator('g.arrow.missing[data-from="server"][data-to="c1"]');
        expect(await missing.count()).toBe(1);
        expect(await missing.textContent()).toContain('never arrived');
        expect(await computedStyle(missing.locator('line'), 'stroke-dasharray')).not.toBe('none');
        await page.screenshot({ path: await artifactPath('echo-stream.png'), fullPage: true });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it.skipIf(noBrowser !== undefined)(
    inBrowser('draws the chat failure: a lane per client, the mark on the line lurker should not have got'),
    async () => {
      const { context, page, errors } = await open('chat');
      try {
        const diagram = page.locator('details.failure').first().locator('svg.sequence');
        const lanes = await laneXs(diagram);
        // lurker, a client without a nickname, gets the JOINED that only registered clients should.
        expect([...lanes.keys()]).toContain('lurker');
        expect([...lanes.keys()].at(-1)).toBe('server');
        expect(lanes.size).toBeGreaterThanOrEqual(3);
        await expectArrowsBetweenLanes(diagram, lanes);
        const failing = await expectMarkOnFailingRow(diagram);
        expect(await failing.getAttribute('data-from')).toBe('server');
        expect(await failing.getAttribute('data-to')).toBe('lurker');
        expect(await failing.textContent()).toContain('"JOINED bob\\n');
        await page.screenshot({ path: await artifactPath('chat-register.png'), fullPage: true });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it.skipIf(noBrowser !== undefined)(
    inBrowser('copies the replay command to the clipboard with its button'),
    async () => {
      const { context, page, errors } = await open('echo', ['clipboard-read', 'clipboard-write']);
      try {
        const replay = made.echo.report?.tests.find((test) => test.failure !== undefined)?.failure?.replay;
        expect(replay).toMatch(/^npx conform .*--only echo\.stream/);
        await page.getByRole('button', { name: 'Copy the replay command' }).first().click();
        await expect.poll(() => page.locator('.copied').first().textContent()).toBe('copied');
        expect(await page.evaluate('navigator.clipboard.readText()')).toBe(replay);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it.skipIf(noBrowser !== undefined)(
    inBrowser('shows what a hostile server sent as text, and runs none of it'),
    async () => {
      const { context, page, errors } = await open('hostile');
      try {
        const dialogs: string[] = [];
        page.on('dialog', (dialog) => {
          dialogs.push(dialog.message());
          void dialog.dismiss();
        });
        await page.reload();
        expect(await page.locator('img').count()).toBe(0);
        expect(await page.locator('script').count()).toBe(1);
        const read = page.locator('g.arrow.read').first();
        expect(await read.textContent()).toContain('<script>alert(1)</script>');
        expect(await page.locator('details.failure pre').allTextContents()).toContainEqual(
          expect.stringContaining(markup),
        );
        expect(dialogs).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it.skipIf(noBrowser !== undefined)(
    inBrowser(
      'takes keyboard focus to the failure details, visibly, and opens and closes them from the keyboard',
    ),
    async () => {
      const { context, page, errors } = await open('echo');
      try {
        const focused = page.locator('details.failure > summary:focus');
        for (let presses = 0; presses < 100 && (await focused.count()) === 0; presses += 1) {
          await page.keyboard.press('Tab');
        }
        expect(await focused.count()).toBe(1);
        expect(await computedStyle(focused, 'outline-style')).not.toBe('none');
        expect(await computedStyle(focused, 'outline-width')).not.toBe('0px');
        const details = page.locator('details.failure').first();
        expect(await isOpen(details)).toBe(true);
        await page.keyboard.press('Enter');
        expect(await isOpen(details)).toBe(false);
        await page.keyboard.press('Enter');
        expect(await isOpen(details)).toBe(true);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it.skipIf(noBrowser !== undefined)(
    inBrowser('prints everything expanded, without the copy buttons'),
    async () => {
      const { context, page, errors } = await open('echo');
      try {
        const details = page.locator('details.failure').first();
        await details.locator('summary').click();
        expect(await isOpen(details)).toBe(false);
        expect(await details.locator('svg.sequence').isVisible()).toBe(false);
        await page.emulateMedia({ media: 'print' });
        expect(await details.locator('svg.sequence').isVisible()).toBe(true);
        expect(await details.locator('button.copy').isVisible()).toBe(false);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
