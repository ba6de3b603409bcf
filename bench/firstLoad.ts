/**
 * `npm run bench:load`: the first screen as a new person meets it (issue #12 point 7). A
 * seeded server and Debian Chromium; per profile, a cold browser context opens the login
 * page, signs in as frederik and waits until Team Nord's 40-card board is usable (on the
 * desktop every card rendered, on the phone his "Mine borgere" list; the sync status
 * "Forbundet og gemt"). Prints, per profile, the time from the
 * sign-in click to a usable board (median, min, max) and the bytes on the wire.
 *
 * Profiles: desktop (1600×1000) and phone (390×844, touch, CPU slowed 4× through CDP
 * Emulation.setCPUThrottlingRate). Then the big boards of issue #15: the same board grown to
 * 500 and to 2,000 cards (through a websocket client, as people would add them), on the
 * desktop: sign-in → the board shown (every column's count, the cards in view), and the frame rate while a card is dragged with the
 * mouse across the board (targets: first render ≤ 1.5 s at 2,000 cards, ≥ 50 fps at 500).
 * Not a test: timings depend on the machine. Needs a built client (`npm run build`, which
 * `npm run bench:load` runs first).
 *
 * Env: LOAD_RUNS (default 5 per profile), BIG_BOARDS (default "500,2000"; "" skips),
 * CHROMIUM_PATH (default /usr/bin/chromium).
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions } from 'playwright-core';
import { login, startServer } from '../tests/helpers/server.js';
import { connectBoard } from '../tests/helpers/yclient.js';

const RUNS = Number(process.env.LOAD_RUNS ?? 5);
const DIST = resolve(import.meta.dirname, '../client/dist');
const CARDS = 40;
const BIG_BOARDS = (process.env.BIG_BOARDS ?? '500,2000').split(',').filter(Boolean).map(Number);

interface Profile {
  name: string;
  context: BrowserContextOptions;
  cpuSlowdown: number;
}
const PROFILES: Profile[] = [
  { name: 'desktop 1600×1000', context: { viewport: { width: 1600, height: 1000 } }, cpuSlowdown: 1 },
  {
    name: 'phone 390×844, 4× CPU',
    context: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 },
    cpuSlowdown: 4,
  },
];

interface Run {
  signInToUsableMs: number;
  /** Frames per second while a card is dragged across the board (big boards only). */
  dragFps: number | null;
  /** Bytes received for each kind of response, as encoded on the wire (after compression). */
  wire: Record<'html' | 'js' | 'css' | 'other static' | 'api' | 'websocket', number>;
  /** Static files loaded (path → content-encoding). */
  assets: Map<string, string>;
}

async function oneRun(browser: Browser, baseUrl: string, profile: Profile, cards = CARDS, drag = false): Promise<Run> {
  const context = await browser.newContext({ locale: 'da-DK', ...profile.context });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (profile.cpuSlowdown > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuSlowdown });

  const wire: Run['wire'] = { html: 0, js: 0, css: 0, 'other static': 0, api: 0, websocket: 0 };
  const assets = new Map<string, string>();
  const requests = new Map<string, { url: string; encoding: string }>();
  cdp.on('Network.responseReceived', (e) => {
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    requests.set(e.requestId, { url: e.response.url, encoding: String(headers['content-encoding'] ?? 'identity') });
  });
  // What arrives after the board is usable (the idle prefetch of panels) is not the first screen.
  let usableYet = false;
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (!r || usableYet) return;
    const path = new URL(r.url).pathname;
    const kind =
      path.startsWith('/api/') || path.startsWith('/socket.io/')
        ? 'api'
        : path.endsWith('.js')
          ? 'js'
          : path.endsWith('.css')
            ? 'css'
            : path === '/' || path.endsWith('.html')
              ? 'html'
              : 'other static';
    wire[kind] += e.encodedDataLength;
    if (kind !== 'api') assets.set(path, r.encoding);
  });
  cdp.on('Network.webSocketFrameReceived', (e) => {
    if (usableYet) return;
    // Binary frames arrive base64-encoded: count the bytes, not the characters.
    wire.websocket +=
      e.response.opcode === 2 ? Math.floor((e.response.payloadData.length * 3) / 4) : e.response.payloadData.length;
  });

  await page.goto(baseUrl);
  await page.getByLabel('Brugernavn').fill('frederik');
  await page.getByLabel('Adgangskode').fill('demo1234');
  const start = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Log ind' }).click();
  // The desktop shows the board's columns; the phone opens on "Mine borgere" (frederik's citizens).
  const phone = profile.context.isMobile === true;
  const usable = await page.waitForFunction(
    ([cards, phone]) => {
      // Desktop: every card counted in the column headings, and every column that has cards
      // showing some (a long column renders only the cards in view, Column.tsx). No named
      // inner functions here: tsx would wrap them in a helper the page does not have.
      let shown = 0;
      if (phone) {
        if (document.querySelectorAll('[data-testid="my-citizens"] [data-testid^="phone-card-"]').length >= 1)
          shown = cards;
      } else {
        for (const column of document.querySelectorAll('section[data-testid^="column-"]')) {
          const count = Number(column.querySelector('.column-count')?.textContent ?? '0');
          if (count > 0 && column.querySelector('[data-testid^="card-"]') === null) {
            shown = 0;
            break;
          }
          shown += count;
        }
      }
      const synced = document.querySelector('[data-testid="sync-status"]')?.textContent?.includes('Forbundet og gemt');
      return shown >= cards && synced ? performance.now() : false;
    },
    [cards, phone] as const,
    { timeout: 120_000, polling: 'raf' },
  );
  usableYet = true;
  const end = (await usable.jsonValue()) as number;
  const dragFps = drag ? await dragFrameRate(page) : null;
  await context.close();
  return { signInToUsableMs: end - start, dragFps, wire, assets };
}

/**
 * Drags the first card of the first column with the mouse to the third column in 60 small
 * steps and counts the frames the page painted meanwhile (requestAnimationFrame), then drops
 * it back where it was with Escape.
 */
async function dragFrameRate(page: import('playwright-core').Page): Promise<number> {
  const card = page.locator('[data-testid^="column-"] [data-testid^="card-"]').first();
  const target = page.locator('[data-testid^="column-"]').nth(2);
  const from = (await card.boundingBox())!;
  const to = (await target.boundingBox())!;
  // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
  await page.evaluate(`{
    window.__frames = 0;
    window.__counting = true;
    const tick = () => { if (!window.__counting) return; window.__frames++; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  }`);
  // LOAD_PROFILE=dir: a Chromium CPU profile of the drag (open it in DevTools or any .cpuprofile reader).
  const cdp = process.env.LOAD_PROFILE ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const started = await page.evaluate(() => performance.now());
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  const steps = 60;
  for (let i = 1; i <= steps; i++) {
    const f = i / steps;
    await page.mouse.move(
      from.x + from.width / 2 + (to.x + to.width / 2 - from.x - from.width / 2) * f,
      from.y + from.height / 2 + (to.y + 80 - from.y - from.height / 2) * f,
    );
  }
  const { frames, ended } = await page.evaluate(() => {
    const w = window as unknown as { __frames: number; __counting: boolean };
    w.__counting = false;
    return { frames: w.__frames, ended: performance.now() };
  });
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    mkdirSync(process.env.LOAD_PROFILE!, { recursive: true });
    writeFileSync(join(process.env.LOAD_PROFILE!, `drag-${Date.now()}.cpuprofile`), JSON.stringify(profile));
  }
  await page.keyboard.press('Escape');
  await page.mouse.up();
  return (frames * 1000) / (ended - started);
}

/** Grows Team Nord's board to `total` cards through a websocket client, as people would add them. */
async function growBoard(srv: { baseUrl: string; wsUrl: string }, total: number): Promise<void> {
  const client = connectBoard(srv, await login(srv.baseUrl, 'frederik'), 'tavle-nord');
  await client.synced;
  const origin = { source: 'local' as const, userId: 'u-frederik' };
  const phases = client.board.phases().filter((p) => p.kind !== 'closed');
  let have = client.board.cards().length;
  while (have < total) {
    const n = Math.min(200, total - have);
    client.doc.transact(() => {
      for (let i = 0; i < n; i++) {
        client.board.createCard(
          { name: `Stor Borger ${have + i}`, phaseId: phases[(have + i) % phases.length]!.id },
          origin,
        );
      }
    });
    have += n;
    await new Promise((r) => setTimeout(r, 300));
  }
  client.destroy();
  // Read back through a fresh client: every card stored and served.
  for (;;) {
    const check = connectBoard(srv, await login(srv.baseUrl, 'frederik'), 'tavle-nord');
    await check.synced;
    const count = check.board.cards().length;
    check.destroy();
    if (count >= total) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const kB = (n: number) => (n / 1024).toFixed(1);

/** The brotli copy of each static file the first screen loaded (what an HTTPS browser gets). */
function brotliBytes(assets: Map<string, string>): number {
  let total = 0;
  for (const path of assets.keys()) {
    const file = join(DIST, path === '/' ? 'index.html' : path);
    if (existsSync(`${file}.br`)) total += statSync(`${file}.br`).size;
    else if (existsSync(file)) total += statSync(file).size;
  }
  return total;
}

async function main() {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('no client/dist: run `npm run build` first');
  const srv = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
  const version = browser.version();
  try {
    console.log(`# First load: sign-in → usable ${CARDS}-card board (${RUNS} cold runs per profile)`);
    console.log(
      `${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ` +
        `${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}, Chromium ${version}`,
    );
    for (const profile of PROFILES) {
      await oneRun(browser, srv.baseUrl, profile); // warm the server (board in memory), not measured
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await oneRun(browser, srv.baseUrl, profile));
      const times = runs.map((r) => r.signInToUsableMs);
      const last = runs[runs.length - 1]!;
      const staticWire = last.wire.html + last.wire.js + last.wire.css + last.wire['other static'];
      const encodings = [...new Set([...last.assets.values()])].join(', ');
      console.log(`\n## ${profile.name}`);
      console.log(
        `sign-in → usable board: median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`,
      );
      console.log(
        `on the wire: static ${kB(staticWire)} kB (js ${kB(last.wire.js)}, css ${kB(last.wire.css)}, html ${kB(last.wire.html)}; ` +
          `served as ${encodings}), api ${kB(last.wire.api)} kB, board sync over websocket ${kB(last.wire.websocket)} kB`,
      );
      console.log(`static files as brotli (HTTPS): ${kB(brotliBytes(last.assets))} kB in ${last.assets.size} files`);
      console.log(`files: ${[...last.assets.keys()].join(' ')}`);
    }
    for (const total of BIG_BOARDS) {
      await growBoard(srv, total);
      const desktop = PROFILES[0]!;
      await oneRun(browser, srv.baseUrl, desktop, total);
      const runs: Run[] = [];
      for (let i = 0; i < Math.min(RUNS, 3); i++) runs.push(await oneRun(browser, srv.baseUrl, desktop, total, true));
      const times = runs.map((r) => r.signInToUsableMs);
      const fps = runs.map((r) => r.dragFps!);
      console.log(`\n## ${desktop.name}, a ${total}-card board`);
      console.log(
        `sign-in → board shown (every column's count, the cards in view): median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}); ` +
          `board sync over websocket ${kB(runs[runs.length - 1]!.wire.websocket)} kB`,
      );
      console.log(
        `dragging a card across the board: median ${median(fps).toFixed(0)} fps (min ${Math.min(...fps).toFixed(0)})`,
      );
    }
  } finally {
    await browser.close();
    await srv.stop();
    srv.cleanup();
  }
}

await main();
