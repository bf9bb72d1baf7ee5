// Renders config/grafana/cube-integration-dashboard.json to a PNG WITHOUT Grafana: each panel's own PromQL
// (its targets' `expr`) is run against Prometheus's HTTP API (query_range over the run's time span), drawn with
// uPlot in a page laid out by the panels' gridPos (Grafana's 24-column grid, dark theme) and screenshot with
// headless Chromium through playwright-core. Made for docs/dashboard.png; it supports what this dashboard uses
// (row, stat and timeseries panels; byName/byRegexp overrides of colour, line style, width, fill, axis side,
// unit, draw style and stacking), not Grafana in general. In the queries $__rate_interval becomes --rate-interval
// (default 1m: the demo feeds run every 15 s and 30 s windows saw-tooth), $__range the rendered span, $__interval
// the step, $datasource is ignored and every other variable ($feed, $instance) becomes .* (all values).
//
// A development tool, not part of the product: it lives in src/test/dashboard/ (no build step uses it, and it stays
// out of the container image); the dashboard it draws, config/grafana/cube-integration-dashboard.json, is the
// operators'. Without --dashboard it reads that file, found from this script's place in the repository.
//
// Reproduce docs/dashboard.png (Debian 12, Java 17, Node.js >= 18; REPO is the repository root, built with
// mvn package; everything else happens in /tmp/dash, nothing is installed inside the repository):
//
//   # 1. Prometheus and Chromium (Debian packages)
//   apt-get update && apt-get install -y prometheus chromium
//
//   # 2. The renderer's dependencies, in a scratch copy so that node_modules stays out of the repository
//   mkdir -p /tmp/dash/render && cp "$REPO"/src/test/dashboard/package.json "$REPO"/src/test/dashboard/render.mjs /tmp/dash/render/
//   (cd /tmp/dash/render && npm install --no-audit --no-fund)
//
//   # 3. The application copied aside (its demo folder for 5a and 5b), with scratch copies of config/ and routes/ whose
//   #    daily and hourly feeds run every 15 s (the window feeds keep their shipped one-minute cron)
//   mkdir -p /tmp/dash/app /tmp/dash/run /tmp/dash/sim /tmp/dash/prom
//   cp -r "$REPO"/target/cube-integration.jar "$REPO"/target/lib "$REPO"/target/demo /tmp/dash/app/
//   cp -r "$REPO"/config "$REPO"/routes /tmp/dash/run/
//   sed -i 's|value: "0 [0-9/ ]*[0-9*] \* \* ?"|value: "0/15 * * * * ?"|' /tmp/dash/run/routes/*.yaml
//
//   # 4. Prometheus scraping the management port (19876 here) every 5 s, from config/grafana/prometheus.yml
//   sed 's/localhost:9876/localhost:19876/; s/15s/5s/g' "$REPO"/config/grafana/prometheus.yml > /tmp/dash/prometheus.yml
//   nohup prometheus --config.file=/tmp/dash/prometheus.yml --storage.tsdb.path=/tmp/dash/prom \
//       --web.listen-address=127.0.0.1:19090 > /tmp/dash/prom.log 2>&1 &
//
//   # 5a. Clean run: the bundled simulator without faults (no 429s or 5xx in the graphs)
//   cd /tmp/dash/run && CUBE_MANAGEMENT_PORT=19876 nohup java -jar /tmp/dash/app/cube-integration.jar --demo > /tmp/dash/app.log 2>&1 &
//
//   # 5b. Or, as for docs/dashboard.png: the simulator with its fault switches on (8 % 429, 4 % 502-504, 2 % truncated
//   #     bodies) and today's records arriving as the clock passes their moments, all day (the freshness panel's
//   #     lag is real at any hour; a record appears at the end of its slot of the day, so many a day keep the
//   #     slots short), and the application pointed at it (it prints the settings, the token included, to
//   #     /tmp/dash/sim.env)
//   cat > /tmp/dash/sim/FaultySim.java <<'JAVA'
//   import io.cubeintegration.simulator.CubeSimulator;
//   import io.cubeintegration.simulator.SimulatorSettings;
//   public class FaultySim {
//       public static void main(String[] args) throws Exception {
//           SimulatorSettings settings = SimulatorSettings.builder().port(18080)
//                   .clock(java.time.Clock.systemUTC()).openingHours(0, 24)
//                   .responsesPerDay(20_000).callOutcomesPerDay(5_000).smsPerDay(5_000)
//                   .rate429(0.08).retryAfterSeconds(1).rate5xx(0.04).rateTruncated(0.02).build();
//           CubeSimulator sim = CubeSimulator.start(settings);
//           System.out.println("CUBE_BASE_URL=" + sim.baseUrl() + "\nCUBE_ALLOW_HTTP=true\nCUBE_AUTH_METHOD=token\nCUBE_TOKEN="
//                   + settings.token() + "\nCUBE_CAMPAIGN_ID=" + sim.account().defaultCampaignId()
//                   + "\nCUBE_ASSIGNMENT_ID=" + sim.account().defaultAssignmentId());
//           System.out.flush();
//           Thread.currentThread().join();
//       }
//   }
//   JAVA
//   cd /tmp/dash/sim && nohup java -cp '/tmp/dash/app/demo/*:/tmp/dash/app/cube-integration.jar:/tmp/dash/app/lib/*' FaultySim.java > /tmp/dash/sim.env 2>/tmp/dash/sim.log &
//   sleep 5 && cd /tmp/dash/run && env $(cat /tmp/dash/sim.env) CUBE_MANAGEMENT_PORT=19876 \
//       nohup java -jar /tmp/dash/app/cube-integration.jar > /tmp/dash/app.log 2>&1 &
//
//   #     The first run reads the day so far, hours old, which fills the lag panel's scale: for docs/dashboard.png
//   #     the application ran a minute to catch up, was stopped and started again (same state), and step 6 drew
//   #     the second run (whose first 5 minutes still hold the catch-up in the lag panel's windows). Stop the
//   #     application by its pid or `pkill -f 'jar /tmp/dash/app/cube-integration.jar'`: the simulator's class
//   #     path names the jar too.
//
//   # 6. After 5 minutes or so, stop the application (and the simulator) with kill <pid>, then render the span it ran:
//   #    by default from the application's start (process_start_time_seconds) to its last scrape
//   node /tmp/dash/render/render.mjs --dashboard "$REPO"/config/grafana/cube-integration-dashboard.json \
//       --prometheus http://127.0.0.1:19090 --out "$REPO"/docs/dashboard.png \
//       --note "Cube simulator with its fault switches on (8 % 429, 4 % 502-504, 2 % truncated bodies); the window feeds on their one-minute cron, the others every 15 s."
//   #    other options: --start / --end (ISO time or Unix seconds), --rate-interval 1m, --step 5, --width 1600,
//   #    --chromium /usr/bin/chromium
//
//   # 7. Stop Prometheus (kill <pid>); rm -rf /tmp/dash.

import { readFileSync, writeFileSync, mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const options = {
    // src/test/dashboard/ -> the repository root -> config/grafana/
    dashboard: path.resolve(here, '..', '..', '..', 'config', 'grafana', 'cube-integration-dashboard.json'),
    prometheus: 'http://127.0.0.1:19090',
    out: 'dashboard.png',
    rateInterval: '1m',
    step: 0,
    width: 1600,
    chromium: '/usr/bin/chromium',
    start: null,
    end: null,
    note: '',
  };
  const names = { '--dashboard': 'dashboard', '--prometheus': 'prometheus', '--out': 'out', '--rate-interval': 'rateInterval',
    '--step': 'step', '--width': 'width', '--chromium': 'chromium', '--start': 'start', '--end': 'end', '--note': 'note' };
  for (let i = 2; i < argv.length; i += 2) {
    const name = names[argv[i]];
    if (!name || i + 1 >= argv.length) {
      throw new Error(`Unknown option or missing value: ${argv[i]}; options: ${Object.keys(names).join(' ')}`);
    }
    options[name] = argv[i + 1];
  }
  options.step = Number(options.step);
  options.width = Number(options.width);
  return options;
}

/** ISO time or Unix seconds to Unix seconds. */
function toSeconds(text) {
  if (/^\d+(\.\d+)?$/.test(text)) {
    return Number(text);
  }
  const millis = Date.parse(text);
  if (Number.isNaN(millis)) {
    throw new Error(`Not a time: ${text}`);
  }
  return millis / 1000;
}

async function prom(base, api, params) {
  const url = `${base.replace(/\/$/, '')}/api/v1/${api}?${new URLSearchParams(params)}`;
  const response = await fetch(url);
  const body = await response.json().catch(() => ({}));
  if (!response.ok || body.status !== 'success') {
    throw new Error(`Prometheus ${api} ${params.query}: HTTP ${response.status} ${body.error || ''}`);
  }
  return body.data;
}

async function instantScalar(base, query, time) {
  const data = await prom(base, 'query', { query, time: String(time) });
  const first = data.result[0];
  return first ? Number(first.value[1]) : null;
}

/** The rendered span: --start/--end, else the application's start to its last scrape (at most now). */
async function timeSpan(options) {
  const now = Date.now() / 1000;
  let end = options.end ? toSeconds(options.end) : null;
  if (end == null) {
    const last = await instantScalar(options.prometheus, 'max(max_over_time(timestamp(process_start_time_seconds)[6h:5s]))', now);
    end = last ? Math.min(now, last) : now;
  }
  let start = options.start ? toSeconds(options.start) : null;
  if (start == null) {
    const started = await instantScalar(options.prometheus, 'max(last_over_time(process_start_time_seconds[6h]))', end);
    start = started ? Math.max(started, end - 6 * 3600) : end - 600;
  }
  if (!(end > start)) {
    throw new Error(`Empty time span ${start}..${end}`);
  }
  return { start: Math.floor(start), end: Math.floor(end) };
}

function substitute(expr, context) {
  return expr
    .replace(/\$\{__rate_interval\}|\$__rate_interval/g, context.rateInterval)
    .replace(/\$\{__range\}|\$__range\b/g, `${context.end - context.start}s`)
    .replace(/\$\{__interval\}|\$__interval\b/g, `${context.step}s`)
    .replace(/\$\{(\w+)(?::\w+)?\}|\$(\w+)/g, '.*');
}

function legendName(format, metric, expr) {
  if (!format || format === '__auto') {
    const labels = Object.entries(metric).filter(([k]) => k !== '__name__').map(([k, v]) => `${k}="${v}"`);
    return labels.length ? `{${labels.join(', ')}}` : expr;
  }
  return format.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, label) => metric[label] ?? '');
}

function matches(matcher, name) {
  if (matcher.id === 'byName') {
    return matcher.options === name;
  }
  if (matcher.id === 'byRegexp') {
    return new RegExp(matcher.options).test(name);
  }
  return false;
}

/** The field config of one series: the panel's defaults with its matching overrides applied. */
function fieldConfig(panel, name) {
  const defaults = panel.fieldConfig?.defaults || {};
  const config = { ...defaults, custom: { ...(defaults.custom || {}) } };
  for (const override of panel.fieldConfig?.overrides || []) {
    if (!matches(override.matcher, name)) {
      continue;
    }
    for (const property of override.properties) {
      if (property.id.startsWith('custom.')) {
        config.custom[property.id.slice(7)] = property.value;
      } else {
        config[property.id] = property.value;
      }
    }
  }
  return config;
}

async function panelData(panel, context) {
  const series = [];
  for (const target of panel.targets || []) {
    if (!target.expr || target.hide) {
      continue;
    }
    const query = substitute(target.expr, context);
    const data = await prom(context.prometheus, 'query_range', {
      query, start: String(context.start), end: String(context.end), step: String(context.step),
    });
    const found = data.result.map((result) => {
      const values = new Array(context.times.length).fill(null);
      for (const [time, value] of result.values) {
        const index = Math.round((time - context.start) / context.step);
        const number = Number(value);
        if (index >= 0 && index < values.length && Number.isFinite(number)) {
          values[index] = number;
        }
      }
      const name = legendName(target.legendFormat, result.metric, query);
      const config = fieldConfig(panel, name);
      return { name, colorKey: result.metric.feed || name, config, values };
    });
    found.sort((a, b) => a.name.localeCompare(b.name));
    series.push(...found);
    console.log(`  ${panel.title} [${target.refId}]: ${found.length} series  ${query}`);
  }
  return series;
}

async function main() {
  const options = parseArgs(process.argv);
  const dashboard = JSON.parse(readFileSync(options.dashboard, 'utf8'));
  const span = await timeSpan(options);
  const step = options.step > 0 ? options.step : Math.max(5, Math.ceil((span.end - span.start) / 400));
  const times = [];
  for (let t = span.start; t <= span.end; t += step) {
    times.push(t);
  }
  const context = { ...span, step, times, rateInterval: options.rateInterval, prometheus: options.prometheus };
  console.log(`Rendering "${dashboard.title}" for ${new Date(span.start * 1000).toISOString()} .. ${new Date(span.end * 1000).toISOString()}, step ${step}s`);

  const scrape = await prom(options.prometheus, 'targets', { state: 'any' })
    .then((data) => [...new Set(data.activeTargets.filter((t) => (t.scrapeUrl || '').includes('/observe/metrics')).map((t) => t.scrapeInterval))].join(', '))
    .catch(() => '');

  const feeds = await prom(options.prometheus, 'series', {
    'match[]': 'cube_feed_runs_total', start: String(span.start), end: String(span.end),
  }).then((list) => [...new Set(list.map((s) => s.feed))].sort());

  const panels = [];
  for (const panel of dashboard.panels) {
    const base = { type: panel.type, title: panel.title, gridPos: panel.gridPos };
    if (panel.type === 'row') {
      panels.push(base);
      continue;
    }
    const series = await panelData(panel, context);
    panels.push({ ...base, defaults: panel.fieldConfig?.defaults || {}, legend: panel.options?.legend || {}, series });
  }

  const run = {
    title: dashboard.title,
    start: span.start,
    end: span.end,
    step,
    rateInterval: options.rateInterval,
    feeds,
    scrape,
    note: options.note,
    width: options.width,
    times,
    panels,
  };
  const uplotJs = readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8');
  const uplotCss = readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>${uplotCss}\n${PAGE_CSS}</style>
<script>${uplotJs}</script></head><body><div id="header"></div><div id="grid"></div>
<script>const RUN = ${JSON.stringify(run).replace(/</g, '\\u003c')};
try { (${pageScript.toString()})(); } catch (e) { window.RENDER_ERROR = String(e && e.stack || e); }</script></body></html>`;

  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'dashboard-render-'));
  let browser;
  try {
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: options.chromium,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
      viewport: { width: options.width, height: 900 },
      deviceScaleFactor: 1,
      timezoneId: 'UTC',
      locale: 'en-GB',
    });
    const page = browser.pages()[0] || await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.setContent(html, { waitUntil: 'load' });
    await page.waitForFunction(() => window.RENDERED === true || window.RENDER_ERROR, null, { timeout: 30000 });
    const failure = await page.evaluate(() => window.RENDER_ERROR);
    if (failure || errors.length) {
      throw new Error(`Page failed: ${failure || errors.join('; ')}`);
    }
    const height = await page.evaluate(() => Math.ceil(document.documentElement.scrollHeight));
    await page.setViewportSize({ width: options.width, height });
    mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
    writeFileSync(options.out, await page.screenshot({ fullPage: true, type: 'png' }));
    console.log(`Wrote ${options.out} (${options.width} x ${height})`);
  } finally {
    await browser?.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

const PAGE_CSS = `
  html, body { margin: 0; background: #111217; color: #ccccdc; font-family: Inter, "Helvetica Neue", Arial, sans-serif; }
  #header { padding: 14px 16px 6px 16px; }
  #header h1 { margin: 0 0 4px 0; font-size: 20px; font-weight: 500; color: #ccccdc; }
  #header .line { font-size: 12.5px; color: #9fa7b3; line-height: 1.5; }
  #header .vars { margin-top: 8px; display: flex; gap: 8px; flex-wrap: wrap; }
  #header .var { font-size: 12px; border: 1px solid rgba(204,204,220,0.15); border-radius: 2px; background: #181b1f; }
  #header .var b { display: inline-block; padding: 4px 8px; background: #22252b; font-weight: 500; border-right: 1px solid rgba(204,204,220,0.15); }
  #header .var span { display: inline-block; padding: 4px 8px; }
  #grid { position: relative; }
  .panel { position: absolute; box-sizing: border-box; background: #181b1f; border: 1px solid rgba(204,204,220,0.12);
           border-radius: 2px; display: flex; flex-direction: column; overflow: hidden; }
  .panel .title { height: 32px; line-height: 32px; padding: 0 8px; font-size: 14px; font-weight: 500; white-space: nowrap;
                  overflow: hidden; text-overflow: ellipsis; flex: none; }
  .panel .body { flex: 1; min-height: 0; padding: 0 8px 6px 8px; display: flex; flex-direction: column; }
  .panel .chart { flex: 1; min-height: 0; }
  .row { position: absolute; box-sizing: border-box; font-size: 15px; font-weight: 500; color: #ccccdc; padding-top: 6px; }
  .row::before { content: "\\25BE"; margin-right: 8px; color: #9fa7b3; }
  .legend { flex: none; font-size: 12px; display: flex; flex-wrap: wrap; gap: 2px 14px; padding-top: 4px; color: #ccccdc; }
  .legend .item { display: flex; align-items: center; white-space: nowrap; }
  .swatch { width: 14px; height: 4px; border-radius: 2px; margin-right: 6px; flex: none; }
  .swatch.dash { background: none !important; border-top: 2px dashed; height: 0; }
  .panel .body.right-legend { flex-direction: row; gap: 8px; }
  table.legend-table.right { width: auto; align-self: flex-start; margin-top: 0; }
  table.legend-table { flex: none; font-size: 12px; border-collapse: collapse; width: 100%; margin-top: 4px; }
  table.legend-table th { font-weight: 500; color: #6e9fff; text-align: right; padding: 1px 8px; }
  table.legend-table th:first-child, table.legend-table td:first-child { text-align: left; }
  table.legend-table td { padding: 1px 8px; text-align: right; border-top: 1px solid rgba(204,204,220,0.07); }
  .stat { flex: 1; display: flex; align-items: center; justify-content: center; font-weight: 500; }
  .empty { flex: 1; display: flex; align-items: center; justify-content: center; color: #9fa7b3; font-size: 13px; }
  .u-legend { display: none; }
`;

/** Runs in the page: lays the panels out and draws them. Self-contained (serialised with toString). */
function pageScript() {
  const PALETTE = ['#73BF69', '#F2CC0C', '#8AB8FF', '#FF780A', '#F2495C', '#5794F2', '#B877D9', '#705DA0',
    '#37872D', '#FADE2A', '#447EBC', '#C15C17', '#890F02', '#0A437C', '#6D1F62', '#584477'];
  const NAMED = { green: '#73BF69', red: '#F2495C', orange: '#FF9830', yellow: '#FADE2A', blue: '#5794F2', purple: '#B877D9',
    text: '#ccccdc', 'dark-red': '#C4162A', 'semi-dark-green': '#56A64B' };
  const colorOf = (c) => NAMED[c] || c;
  const INTEGER_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];
  const BYTE_STEPS = [0, 1, 2, 3].flatMap((k) => [1, 2, 4, 8, 16, 32, 64, 128, 256, 512].map((m) => m * 1024 ** k));
  const GRID_ROW = 30;
  const MARGIN = 8;
  const PAD = 8;

  // one colour per feed (or per series name), the same in every panel
  const colorKeys = [];
  for (const feed of RUN.feeds) colorKeys.push(feed);
  const keyColor = (key) => {
    let i = colorKeys.indexOf(key);
    if (i < 0) { colorKeys.push(key); i = colorKeys.length - 1; }
    return PALETTE[i % PALETTE.length];
  };

  function trim(number, decimals) {
    return number.toFixed(decimals).replace(/\.0+$|(\.\d*?)0+$/, '$1');
  }
  function auto(v, decimals) {
    if (decimals != null) return v.toFixed(decimals);
    const a = Math.abs(v);
    return trim(v, a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3);
  }
  function format(value, unit, decimals) {
    if (value == null || !Number.isFinite(value)) return '-';
    const v = value;
    const a = Math.abs(v);
    switch (unit) {
      case 's':
        if (a === 0) return '0 s';
        if (a < 1) return `${auto(v * 1000, decimals)} ms`;
        if (a < 60) return `${auto(v, decimals)} s`;
        if (a < 3600) return `${auto(v / 60, decimals)} min`;
        if (a < 86400) return `${auto(v / 3600, decimals)} h`;
        return `${auto(v / 86400, decimals)} day`;
      case 'bytes': {
        const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
        let i = 0; let x = v;
        while (Math.abs(x) >= 1024 && i < units.length - 1) { x /= 1024; i++; }
        return `${auto(x, decimals)} ${units[i]}`;
      }
      case 'percentunit':
        return `${auto(v * 100, decimals)}%`;
      case 'reqps':
        return `${shortNumber(v, decimals)} req/s`;
      default:
        return shortNumber(v, decimals);
    }
  }
  function shortNumber(v, decimals) {
    const a = Math.abs(v);
    if (a >= 1e6) return `${auto(v / 1e6, decimals)} M`;
    if (a >= 1e3) return `${auto(v / 1e3, decimals)} K`;
    return auto(v, decimals);
  }

  function thresholdColor(thresholds, value) {
    let color = 'green';
    for (const step of (thresholds && thresholds.steps) || []) {
      if (step.value == null || value >= step.value) color = step.color;
    }
    return colorOf(color);
  }

  const grid = document.getElementById('grid');
  const width = RUN.width;
  const colWidth = (width - 2 * PAD - 23 * MARGIN) / 24;
  const px = (g) => ({
    left: Math.round(PAD + g.x * (colWidth + MARGIN)),
    top: Math.round(PAD + g.y * (GRID_ROW + MARGIN)),
    width: Math.round(g.w * colWidth + (g.w - 1) * MARGIN),
    height: Math.round(g.h * GRID_ROW + (g.h - 1) * MARGIN),
  });

  // header
  const fmtTime = (t) => new Date(t * 1000).toISOString().replace('T', ' ').slice(0, 19);
  const minutes = Math.round((RUN.end - RUN.start) / 60);
  const header = document.getElementById('header');
  header.innerHTML = `<h1></h1><div class="line l1"></div><div class="line l2"></div><div class="vars"></div>`;
  header.querySelector('h1').textContent = RUN.title;
  header.querySelector('.l1').textContent =
    `Rendered by render.mjs (uPlot, headless Chromium), NOT by Grafana, from this dashboard's own PromQL queries against Prometheus `
    + `scraping a real run of cube-integration${RUN.scrape ? ` every ${RUN.scrape}` : ''}: ${fmtTime(RUN.start)} to ${fmtTime(RUN.end).slice(11)} UTC (${minutes} min).`;
  header.querySelector('.l2').textContent =
    `$__rate_interval = ${RUN.rateInterval}, step ${RUN.step} s, $feed = all (${RUN.feeds.length}: ${RUN.feeds.join(', ')}).`
    + (RUN.note ? ` ${RUN.note}` : '');
  const vars = header.querySelector('.vars');
  for (const [name, value] of [['Data source', 'Prometheus'], ['Feed', 'All'], ['Instance', 'All'], ['Time', `${fmtTime(RUN.start)} to ${fmtTime(RUN.end)} UTC`]]) {
    const v = document.createElement('div');
    v.className = 'var';
    v.innerHTML = '<b></b><span></span>';
    v.querySelector('b').textContent = name;
    v.querySelector('span').textContent = value;
    vars.appendChild(v);
  }

  let bottom = 0;
  const charts = [];
  for (const panel of RUN.panels) {
    const box = px(panel.gridPos);
    bottom = Math.max(bottom, box.top + box.height);
    if (panel.type === 'row') {
      const row = document.createElement('div');
      row.className = 'row';
      Object.assign(row.style, { left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px` });
      row.textContent = panel.title;
      grid.appendChild(row);
      continue;
    }
    const element = document.createElement('div');
    element.className = 'panel';
    Object.assign(element.style, { left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px` });
    element.innerHTML = '<div class="title"></div><div class="body"></div>';
    element.querySelector('.title').textContent = panel.title;
    grid.appendChild(element);
    const body = element.querySelector('.body');
    if (panel.type === 'stat') {
      drawStat(panel, body, box);
    } else {
      charts.push(() => drawTimeseries(panel, body));
    }
  }
  grid.style.height = `${bottom + PAD}px`;
  charts.forEach((draw) => draw());

  function drawStat(panel, body, box) {
    // lastNotNull of the (summed) series
    let value = null;
    for (const s of panel.series) {
      for (let i = s.values.length - 1; i >= 0; i--) {
        if (s.values[i] != null) { value = (value || 0) + s.values[i]; break; }
      }
    }
    const stat = document.createElement('div');
    stat.className = 'stat';
    if (value == null) {
      stat.textContent = 'No data';
      stat.style.color = '#9fa7b3';
      stat.style.fontSize = '16px';
    } else {
      stat.textContent = format(value, panel.defaults.unit, panel.defaults.decimals);
      stat.style.color = thresholdColor(panel.defaults.thresholds, value);
      stat.style.fontSize = `${Math.round(Math.min(box.height - 48, box.width / 4.5))}px`;
    }
    body.appendChild(stat);
  }

  function drawTimeseries(panel, body) {
    const series = panel.series;
    if (!series.length || series.every((s) => s.values.every((v) => v == null))) {
      const empty = document.createElement('div');
      empty.className = 'empty';
      empty.textContent = 'No data';
      body.appendChild(empty);
      return;
    }
    const chartBox = document.createElement('div');
    chartBox.className = 'chart';
    body.appendChild(chartBox);

    const styled = series.map((s) => {
      const c = s.config;
      const custom = c.custom || {};
      const color = c.color && c.color.mode === 'fixed' ? colorOf(c.color.fixedColor) : keyColor(s.colorKey);
      return {
        ...s,
        color,
        unit: c.unit || 'short',
        decimals: c.decimals,
        width: custom.lineWidth == null ? 1 : custom.lineWidth,
        fill: custom.fillOpacity || 0,
        dash: custom.lineStyle && custom.lineStyle.fill === 'dash' ? (custom.lineStyle.dash || [6, 4]) : null,
        bars: custom.drawStyle === 'bars',
        right: custom.axisPlacement === 'right',
        stacked: custom.stacking && custom.stacking.mode === 'normal',
      };
    });

    // legend
    const legend = panel.legend || {};
    if (legend.showLegend !== false) {
      if (legend.displayMode === 'table') {
        const table = document.createElement('table');
        table.className = 'legend-table';
        const calcs = legend.calcs || [];
        const names = { lastNotNull: 'Last *', max: 'Max', mean: 'Mean', min: 'Min' };
        table.innerHTML = `<tr><th>Name</th>${calcs.map((c) => `<th>${names[c] || c}</th>`).join('')}</tr>`;
        for (const s of styled) {
          const present = s.values.filter((v) => v != null);
          const value = (calc) => {
            if (!present.length) return null;
            if (calc === 'lastNotNull') return present[present.length - 1];
            if (calc === 'max') return Math.max(...present);
            if (calc === 'min') return Math.min(...present);
            if (calc === 'mean') return present.reduce((a, b) => a + b, 0) / present.length;
            return null;
          };
          const row = document.createElement('tr');
          row.innerHTML = `<td><span class="item"><span class="swatch"></span><span class="name"></span></span></td>`
            + calcs.map(() => '<td></td>').join('');
          const swatch = row.querySelector('.swatch');
          if (s.dash) { swatch.classList.add('dash'); swatch.style.borderColor = s.color; } else { swatch.style.background = s.color; }
          row.querySelector('.name').textContent = s.name;
          calcs.forEach((calc, i) => { row.children[i + 1].textContent = format(value(calc), s.unit, s.decimals); });
          table.appendChild(row);
        }
        if (legend.placement === 'right') {
          body.classList.add('right-legend');
          table.classList.add('right');
        }
        body.appendChild(table);
      } else {
        const list = document.createElement('div');
        list.className = 'legend';
        for (const s of styled) {
          const item = document.createElement('span');
          item.className = 'item';
          item.innerHTML = '<span class="swatch"></span><span class="name"></span>';
          const swatch = item.querySelector('.swatch');
          if (s.dash) { swatch.classList.add('dash'); swatch.style.borderColor = s.color; } else { swatch.style.background = s.color; }
          item.querySelector('.name').textContent = s.name;
          list.appendChild(item);
        }
        body.appendChild(list);
      }
    }

    // stacking: cumulative values of the stacked series, filled down to the previous one
    const plotted = styled.map((s) => s.values.slice());
    const bands = [];
    let previous = -1;
    styled.forEach((s, i) => {
      if (!s.stacked) return;
      if (previous >= 0) {
        plotted[i] = plotted[i].map((v, k) => (v == null ? null : v + (plotted[previous][k] || 0)));
        bands.push({ series: [i + 1, previous + 1], fill: hexAlpha(s.color, s.fill / 100) });
      }
      previous = i;
    });

    const leftUnit = (styled.find((s) => !s.right) || styled[0]).unit;
    const leftDecimals = panel.defaults.decimals;
    const rightSeries = styled.find((s) => s.right);
    const axisStyle = {
      stroke: '#9fa7b3',
      grid: { stroke: 'rgba(204,204,220,0.07)', width: 1 },
      ticks: { stroke: 'rgba(204,204,220,0.07)', width: 1, size: 4 },
      font: '11px Inter, Helvetica, Arial, sans-serif',
    };
    const thresholds = (panel.defaults.custom && panel.defaults.custom.thresholdsStyle && panel.defaults.custom.thresholdsStyle.mode !== 'off')
      ? (panel.defaults.thresholds.steps || []).filter((st) => st.value != null) : [];
    const barWidth = Math.max(1, Math.min(styled.filter((s) => s.bars).length, 6));

    const options = {
      width: Math.floor(chartBox.clientWidth),
      height: Math.floor(chartBox.clientHeight),
      legend: { show: false },
      cursor: { show: false },
      padding: [8, rightSeries ? 4 : 12, 0, 0],
      scales: {
        x: { time: true },
        y: { range: (u, min, max) => niceRange(min, max, panel.defaults.min) },
        ...(rightSeries ? { r: { range: (u, min, max) => niceRange(min, max, 0) } } : {}),
      },
      axes: [
        { ...axisStyle, space: 62, values: (u, splits) => splits.map((t) => new Date(t * 1000).toISOString().slice(11, t % 60 === 0 ? 16 : 19)) },
        { ...axisStyle, scale: 'y', size: 62, incrs: leftUnit === 'bytes' ? BYTE_STEPS : leftDecimals === 0 ? INTEGER_STEPS : undefined, values: (u, splits) => splits.map((v) => format(v, leftUnit, leftDecimals)) },
        ...(rightSeries ? [{ ...axisStyle, scale: 'r', side: 1, size: 50, grid: { show: false },
          values: (u, splits) => splits.map((v) => format(v, rightSeries.unit, rightSeries.decimals)) }] : []),
      ],
      series: [{}, ...styled.map((s, i) => ({
        label: s.name,
        scale: s.right ? 'r' : 'y',
        stroke: s.color,
        width: s.bars ? 1 : s.width,
        dash: s.dash || undefined,
        fill: s.fill > 0 && !(s.stacked && bands.some((b) => b.series[0] === i + 1)) ? hexAlpha(s.color, s.fill / 100) : undefined,
        paths: s.bars ? uPlot.paths.bars({ size: [0.9 / barWidth, 40], align: 0 }) : undefined,
        points: { show: false },
        spanGaps: false,
      }))],
      bands,
      hooks: {
        draw: [(u) => {
          // threshold lines (and areas above them) where they fall inside the plotted range
          const ctx = u.ctx;
          for (const step of thresholds) {
            const y = u.valToPos(step.value, 'y', true);
            if (y < u.bbox.top || y > u.bbox.top + u.bbox.height) continue;
            ctx.save();
            ctx.fillStyle = hexAlpha(colorOf(step.color), 0.12);
            ctx.fillRect(u.bbox.left, u.bbox.top, u.bbox.width, y - u.bbox.top);
            ctx.strokeStyle = colorOf(step.color);
            ctx.setLineDash([6, 4]);
            ctx.beginPath(); ctx.moveTo(u.bbox.left, y); ctx.lineTo(u.bbox.left + u.bbox.width, y); ctx.stroke();
            ctx.restore();
          }
        }],
      },
    };
    // eslint-disable-next-line no-new
    new uPlot(options, [RUN.times, ...plotted], chartBox);
  }

  function niceRange(min, max, softMin) {
    let lo = min == null ? 0 : min;
    let hi = max == null ? 1 : max;
    if (softMin != null) lo = Math.min(lo, softMin);
    if (hi <= lo) hi = lo + 1;
    const pad = (hi - lo) * 0.05;
    return [lo, hi + pad];
  }

  function hexAlpha(hex, alpha) {
    const h = hex.replace('#', '');
    const n = parseInt(h.length === 3 ? h.split('').map((c) => c + c).join('') : h, 16);
    return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
  }

  window.RENDERED = true;
}

main().catch((error) => {
  console.error(`render.mjs: ${error.stack || error.message}`);
  process.exit(1);
});
