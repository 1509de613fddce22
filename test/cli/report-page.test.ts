/**
 * `stages report --out F.html` opened from disk in headless Chromium: no console errors, no
 * network request, every chart drawn by the inline Observable Plot script (an SVG with bars) under a policy allowing only that script by its hash, the tables' numbers equal the JSON
 * report, and hostile labels shown as text. A screenshot of the acme page is kept in test-artifacts/report.png.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const root = mkdtempSync(join(tmpdir(), 'stagecraft-report-page-'));
let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  rmSync(root, { recursive: true, force: true });
});

async function open(page: string): Promise<{ errors: string[]; requests: string[]; close: () => Promise<void>; p: import('playwright-core').Page }> {
  const context = await browser.newContext();
  const p = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  p.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  p.on('pageerror', (e) => void errors.push(e.message));
  p.on('request', (r) => void (r.url() !== pathToFileURL(page).href && requests.push(r.url())));
  await p.goto(pathToFileURL(page).href);
  return { errors, requests, p, close: () => context.close() };
}

describe('the report page', () => {
  it('shows the JSON report’s numbers, with charts, offline', async () => {
    const html = join(root, 'acme.html');
    const json = join(root, 'acme.json');
    for (const out of [html, json]) expect((await runCli(['report', 'examples/default.stages', '--data', 'examples/acme', '--owner', '--out', out])).code).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    const policy = /Content-Security-Policy" content="([^"]*)"/.exec(readFileSync(html, 'utf8'))?.[1];
    expect(policy).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'$/);
    const { errors, requests, p, close } = await open(html);
    try {
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      for (const id of ['funnel', 'velocity', 'velocity-distribution', 'opportunities']) expect(await p.locator(`#${id} svg rect`).count()).toBeGreaterThan(0);
      const cells = async (id: string, col: number): Promise<string[]> => p.locator(`#${id} tbody tr`).evaluateAll((rows, c) => rows.map((r) => r.children[c]!.textContent ?? ''), col);
      expect(await cells('funnel', 1)).toEqual(report.funnel.map((f: { journeys: number }) => f.journeys.toLocaleString('en-US')));
      const percent = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
      type Funnel = { stage: number; journeys: number; inferred: number };
      expect(await cells('funnel', 2)).toEqual(report.funnel.map((f: Funnel) => percent(f.journeys === 0 ? null : f.inferred / f.journeys)));
      const rateTo = new Map(report.conversion.map((c: { to: number; rate: number | null }) => [c.to, c.rate]));
      expect(await cells('funnel', 3)).toEqual(report.funnel.map((f: Funnel) => percent((rateTo.get(f.stage) as number | undefined) ?? null)));
      // Each bar chart draws one bar per row of its table.
      expect(await p.locator('#funnel svg g.bar rect').count()).toBe(report.funnel.length);
      expect(await p.locator('#opportunities svg g.bar rect').count()).toBe(report.opportunities.length);
      expect(await p.locator('#velocity svg g.bar rect').count()).toBe(report.velocity.filter((v: { median_days: number | null }) => v.median_days !== null).length);
      expect(await p.locator('#velocity-distribution svg g.bar rect').count()).toBe(
        report.velocity.reduce((n: number, v: { histogram: Array<{ journeys: number }> }) => n + v.histogram.filter((b) => b.journeys > 0).length, 0),
      );
      expect(await cells('velocity', 1)).toEqual(report.velocity.map((v: { journeys: number }) => v.journeys.toLocaleString('en-US')));
      type Cohort = { month: string; journeys: number; reached: Record<string, number> };
      expect(await cells('cohorts', 1)).toEqual(report.cohorts.map((c: Cohort) => c.journeys.toLocaleString('en-US')));
      for (const [i, f] of report.funnel.entries()) {
        expect(await cells('cohorts', 2 + i)).toEqual(report.cohorts.map((c: Cohort) => percent(c.journeys === 0 ? 0 : c.reached[String((f as Funnel).stage)]! / c.journeys)));
      }
      type Owner = { owner_id: string | null; reached: Record<string, number> };
      expect(await cells('owners', 0)).toEqual(report.owners.map((o: Owner) => o.owner_id ?? '(no owner)'));
      for (const [i, f] of report.funnel.entries()) {
        expect(await cells('owners', 1 + i)).toEqual(report.owners.map((o: Owner) => o.reached[String((f as Funnel).stage)]!.toLocaleString('en-US')));
      }
      expect(await cells('opportunities', 1)).toEqual(report.opportunities.map((o: { count: number }) => o.count.toLocaleString('en-US')));
      const oneDecimal = (x: number | null): string => (x === null ? '–' : x.toFixed(1));
      const velocityKeys = ['median_days', 'p90_days', 'p25_days', 'p75_days', 'min_days', 'max_days'];
      for (const [i, key] of velocityKeys.entries()) expect(await cells('velocity', 2 + i)).toEqual(report.velocity.map((v: Record<string, number | null>) => oneDecimal(v[key]!)));
      type Histogram = { histogram: Array<{ journeys: number }> };
      for (let bucket = 0; bucket < report.velocity[0].histogram.length; bucket++) {
        expect(await cells('velocity-distribution', 1 + bucket)).toEqual(report.velocity.map((v: Histogram) => v.histogram[bucket]!.journeys.toLocaleString('en-US')));
      }
      expect(await cells('definition', 0)).toEqual(report.stages.map((s: { stage: number; label: string }) => `${s.stage} ${s.label}`));
      const criteria = await cells('definition', 1);
      report.stages.forEach((s: { enabled: boolean; criteria: Array<{ line: number; text: string }> }, i: number) => {
        if (!s.enabled) expect(criteria[i]).toBe('unused');
        for (const c of s.criteria) expect(criteria[i]).toContain(`line ${c.line}: ${c.text}`);
      });
      expect(await p.locator('#definition .meta').textContent()).toContain(`${report.definition_file} · records from ${report.data.earliest} to ${report.data.latest}`);
      expect(await cells('cohorts', 0)).toEqual(report.cohorts.map((c: { month: string }) => c.month));
      // Kept as a test artifact (git-ignored); docs/report-acme.png is a copy of it.
      mkdirSync('test-artifacts', { recursive: true });
      await p.screenshot({ path: join('test-artifacts', 'report.png'), fullPage: true });
    } finally {
      await close();
    }
  }, 60_000);

  it('draws zero-length bars and whole-number ticks when no journey is in the window', async () => {
    const html = join(root, 'empty.html');
    expect((await runCli(['report', 'examples/default.stages', '--data', 'examples/acme', '--from', '2030-01-01', '--out', html])).code).toBe(0);
    const { errors, p, close } = await open(html);
    try {
      expect(errors).toEqual([]);
      const widths = await p.locator('#funnel svg g.bar rect').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('width'))));
      expect(widths).toHaveLength(6);
      expect(widths.every((w) => w === 0)).toBe(true);
      const ticks = await p.locator('#funnel svg [aria-label="x-axis tick label"] text').allTextContents();
      expect(ticks.length).toBeGreaterThan(0);
      for (const t of ticks) expect(t).toMatch(/^\d[\d,]*$/);
    } finally {
      await close();
    }
  }, 60_000);

  it('shows a hostile label as text', async () => {
    const definition = readFileSync('examples/default.stages', 'utf8')
      .replace('journey "Default sales journey"', 'journey "<script>window.hacked = 1</script>"')
      .replace('stage 2 "MQL"', 'stage 2 "<img src=x onerror=alert(1)>"')
      .replace("lead    when Status = 'Working'", "lead    when Status = 'Working' and Country != '</td><script>window.hacked = 2</script>'");
    const file = join(root, 'hostile.stages');
    writeFileSync(file, definition);
    const html = join(root, 'hostile.html');
    expect((await runCli(['report', file, '--data', 'examples/acme', '--out', html])).code).toBe(0);
    const { errors, requests, p, close } = await open(html);
    try {
      expect(await p.locator('h1').textContent()).toBe('<script>window.hacked = 1</script>');
      expect(await p.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
      expect(await p.locator('img').count()).toBe(0);
      expect(await p.locator('#funnel tbody').textContent()).toContain('<img src=x onerror=alert(1)>');
      expect(await p.locator('#definition tbody').textContent()).toContain("lead when Status = 'Working' and Country != '</td><script>window.hacked = 2</script>'");
      expect(await p.locator('#definition tbody').textContent()).toContain('2 <img src=x onerror=alert(1)>');
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);
});
