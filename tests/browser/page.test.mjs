// page.test.mjs - the show page in a real browser (Debian's headless
// Chromium driven by playwright-core): it loads from a local HTTP server,
// the player reports the MP3's duration, a chapter link seeks (by mouse and
// by keyboard), and the highlighted transcript cue follows the playback.
//
// The page is served by a small static server inside this test.
// Run from the top of the tree by `make check-browser` (tests/browser/run.sh):
//   CRIEUR=build/crieur node --test tests/browser/page.test.mjs
// The bulletin is rendered by crieur; until the renderer writes real
// timings, the test gives it known ones: chapters (0-4 s, 4-10 s, 10 s-end,
// put in the ID3 tag by ffmpeg) and one cue every 2 seconds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';

const CRIEUR = process.env.CRIEUR || 'build/crieur';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const STEP = 15000;                       // ms, any single wait
const work = mkdtempSync(join(tmpdir(), 'crieur-browser-'));
const site = join(work, 'site');
let server, context, page, seconds;

// Run a program (bounded in time); fail with its stderr.
function sh(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120000 });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr || r.error}`);
  return r.stdout + r.stderr;
}

function vttTime(t) {
  const ms = Math.round(t * 1000), h = Math.floor(ms / 3600000);
  const m = Math.floor(ms / 60000) % 60, s = Math.floor(ms / 1000) % 60;
  const p = (n, w) => String(n).padStart(w, '0');
  return `${p(h, 2)}:${p(m, 2)}:${p(s, 2)}.${p(ms % 1000, 3)}`;
}

// Render, tag with known chapters, write a 2-second-cue VTT, publish twice.
function makeSite() {
  const raw = join(work, 'raw.mp3'), ep = join(work, 'bulletin.mp3');
  sh(CRIEUR, ['build', '-q', 'samples/statements/2024-02-05-bruxelles.txt', '-o', raw]);
  const info = sh(CRIEUR, ['info', raw]);
  seconds = parseFloat(/([0-9.]+) s$/m.exec(info)[1]);
  const ms = Math.round(seconds * 1000);
  writeFileSync(join(work, 'meta.txt'), ';FFMETADATA1\ntitle=Bulletin « test » & <co>\n' +
    'date=2024-02-05T18:00\nartist=Radio Crieur\nalbum=Le journal\n' +
    `[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=4000\ntitle=Titres\n` +
    `[CHAPTER]\nTIMEBASE=1/1000\nSTART=4000\nEND=10000\ntitle=L’OTAN à Bruxelles\n` +
    `[CHAPTER]\nTIMEBASE=1/1000\nSTART=10000\nEND=${ms}\ntitle=La suite\n`);
  sh('ffmpeg', ['-v', 'error', '-y', '-i', raw, '-i', join(work, 'meta.txt'),
    '-map', '0:a', '-map_metadata', '1', '-map_chapters', '1', '-c', 'copy',
    '-id3v2_version', '4', ep]);
  let vtt = 'WEBVTT\n';
  for (let t = 0, i = 1; t < seconds; t += 2, i++)
    vtt += `\n${vttTime(t)} --> ${vttTime(Math.min(t + 2, seconds))}\nPhrase ${i}.\n`;
  writeFileSync(join(work, 'bulletin.vtt'), vtt);
  const opts = ['--site', site, '--base-url', 'https://example.org/news', '-q'];
  sh(CRIEUR, ['publish', raw, '--episode-title', 'Plus ancien',
    '--date', '2024-01-01T08:00', ...opts]);
  sh(CRIEUR, ['publish', ep, '--title', 'Le journal', ...opts]);
}

// A static file server on a free port of 127.0.0.1 with byte ranges (as
// podcast hosts have; without them a browser cannot seek in the MP3, and
// python3 -m http.server has none).  Resolves the port.
const TYPES = { '.html': 'text/html; charset=utf-8', '.xml': 'application/rss+xml',
  '.mp3': 'audio/mpeg', '.vtt': 'text/vtt; charset=utf-8', '.srt': 'application/x-subrip',
  '.json': 'application/json' };

function serve(req, res) {
  const name = decodeURIComponent(new URL(req.url, 'http://x').pathname).slice(1) || 'index.html';
  const path = join(site, name);
  let size;
  try {
    if (name.includes('/') || name.startsWith('.')) throw new Error('outside');
    size = statSync(path).size;
  } catch {
    res.writeHead(404).end();
    return;
  }
  const headers = { 'Content-Type': TYPES[extname(name)] || 'application/octet-stream',
    'Accept-Ranges': 'bytes', 'Cache-Control': 'no-store' };
  const m = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range || '');
  let start = 0, end = size - 1, status = 200;
  if (m) {
    start = m[1] ? Number(m[1]) : size - Number(m[2]);
    end = m[1] && m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
    if (start > end || start >= size) {
      res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
      return;
    }
    status = 206;
    headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  }
  headers['Content-Length'] = end - start + 1;
  res.writeHead(status, headers);
  if (req.method === 'HEAD') res.end();
  else createReadStream(path, { start, end }).pipe(res);
}

function startServer() {
  return new Promise((resolve, reject) => {
    server = createServer(serve);
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

before(async () => {
  makeSite();
  const port = await startServer();
  context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
      '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      '--autoplay-policy=no-user-gesture-required'],
  });
  context.setDefaultTimeout(STEP);
  page = context.pages()[0] || await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/index.html`, { timeout: STEP });
});

after(async () => {
  if (context) await context.close().catch(() => {});
  if (server) { server.closeAllConnections(); server.close(); }
  rmSync(work, { recursive: true, force: true });
});

test('page: newest episode first, accessible structure', async () => {
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await page.textContent('h1'), 'Le journal');
  const titles = await page.$$eval('article h2', (h) => h.map((e) => e.textContent));
  assert.deepEqual(titles, ['Bulletin « test » & <co>', 'Plus ancien']);
  assert.equal(await page.$$eval('audio[controls][preload="metadata"]', (a) => a.length), 2);
  assert.ok(await page.getAttribute('#ep0-audio', 'aria-label'));
  assert.equal(await page.$$eval('#ep0 .chapters a', (a) => a.length), 3);
  assert.equal(await page.$$eval('#ep0 track[kind="captions"]', (t) => t.length), 1);
  assert.equal(await page.$$eval('#ep0 [aria-live="polite"]', (t) => t.length), 1);
});

test('player: duration matches the MP3', async () => {
  await page.waitForFunction(() => {
    const a = document.querySelector('#ep0-audio');
    return a.readyState >= 1 && isFinite(a.duration) && a.duration > 0;
  });
  const d = await page.$eval('#ep0-audio', (a) => a.duration);
  console.log(`# duration: browser ${d} s, libsndfile ${seconds} s`);
  assert.ok(Math.abs(d - seconds) < 0.1, `browser says ${d} s, the MP3 has ${seconds} s`);
});

test('transcript: the highlighted cue follows playback', async () => {
  await page.$eval('#ep0-audio', (a) => { a.muted = true; return a.play(); });
  await page.waitForFunction(() => document.querySelector('#ep0').dataset.cue === '0');
  const t0 = Date.now();
  await page.waitForFunction(() => document.querySelector('#ep0').dataset.cue === '1');
  const current = await page.$$eval('#ep0 .cues li[aria-current="true"]',
    (l) => l.map((e) => e.textContent));
  assert.deepEqual(current, ['Phrase 2.']);
  assert.ok(Date.now() - t0 < 4000, 'cue 2 came too late');
  assert.ok(await page.$eval('#ep0-audio', (a) => a.currentTime >= 2));
});

test('chapters: a click and the keyboard seek the player', async () => {
  const before = await page.$eval('#ep0-audio', (a) => a.currentTime);
  assert.ok(before < 6, `already at ${before} s`);
  await page.click('#ep0 .chapters li:nth-child(3) a');
  // A jump, not playback catching up: well before 10 - before seconds.
  await page.waitForFunction(
    () => document.querySelector('#ep0-audio').currentTime >= 10, null, { timeout: 2000 });
  await page.waitForFunction(() => document.querySelector('#ep0').dataset.cue === '5');
  assert.equal(await page.getAttribute('#ep0 .chapters li:nth-child(3) a', 'aria-current'), 'true');
  assert.equal(await page.$eval('#ep0-audio', (a) => a.paused), false);
  await page.focus('#ep0 .chapters li:nth-child(2) a');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => {
    const t = document.querySelector('#ep0-audio').currentTime;
    return t >= 4 && t < 9;
  });
  await page.waitForFunction(() => document.querySelector('#ep0').dataset.cue === '2');
  assert.equal(await page.getAttribute('#ep0 .chapters li:nth-child(2) a', 'aria-current'), 'true');
  assert.match(await page.textContent('#ep0 .now'), /L’OTAN à Bruxelles/);
});
