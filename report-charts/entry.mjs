// The report page's chart script, bundled with Observable Plot (and the parts of d3 it uses)
// into one inline <script> by scripts/build-report-charts.mjs. It reads the numbers from the
// page's JSON data block and replaces each `[data-chart]` placeholder with a Plot SVG; the
// accessible table beside each chart holds the same numbers.
import * as Plot from '@observablehq/plot';

const data = JSON.parse(document.getElementById('report-data').textContent);
const style = { background: 'transparent', color: 'currentColor', fontSize: '13px', overflow: 'visible' };
const width = 560;

function horizontalBars(rows, valueLabel) {
  return Plot.plot({
    width,
    marginLeft: 190,
    height: Math.max(60, rows.length * 30 + 40),
    style,
    x: { label: valueLabel, grid: true },
    y: { label: null, domain: rows.map((r) => r.label) },
    marks: [
      Plot.barX(rows, { x: 'value', y: 'label', fill: 'var(--bar)', className: 'bar' }),
      Plot.text(rows, { x: 'value', y: 'label', text: 'text', textAnchor: 'start', dx: 4, fill: 'currentColor' }),
      Plot.ruleX([0]),
    ],
  });
}

function velocityBoxes(rows) {
  // One row per stage step: a bar from 0 to the median and a tick at p90, from the JSON's quantiles.
  const known = rows.filter((r) => r.median !== null);
  return Plot.plot({
    width,
    marginLeft: 190,
    height: Math.max(60, rows.length * 30 + 40),
    style,
    x: { label: 'days', grid: true },
    y: { label: null, domain: rows.map((r) => r.label) },
    marks: [
      Plot.barX(known, { x: 'median', y: 'label', fill: 'var(--bar)', className: 'bar' }),
      Plot.tickX(known.filter((r) => r.p90 !== null), { x: 'p90', y: 'label', stroke: 'currentColor', strokeWidth: 2 }),
      Plot.ruleX([0]),
    ],
  });
}

function velocityHistogram(chart) {
  // One stacked bar per stage step: the share of its journeys in each fixed bucket of days,
  // slow buckets darker; the counts are in the table beside it.
  const steps = [...new Set(chart.rows.map((r) => r.label))];
  return Plot.plot({
    width,
    marginLeft: 70,
    height: Math.max(60, steps.length * 30 + 40),
    style,
    x: { label: 'share of journeys', percent: true, domain: [0, 100] },
    y: { label: null, domain: steps },
    color: { type: 'ordinal', domain: chart.buckets, scheme: 'YlGnBu', legend: true, label: 'days' },
    marks: [
      Plot.barX(
        chart.rows.filter((r) => r.journeys > 0),
        Plot.stackX({ x: 'share', y: 'label', fill: 'bucket', order: chart.buckets, title: (r) => `${r.label}: ${r.bucket} days, ${r.journeys} journeys`, className: 'bar' }),
      ),
      Plot.ruleX([0]),
    ],
  });
}

const draw = { bars: (c) => horizontalBars(c.rows, c.valueLabel), velocity: (c) => velocityBoxes(c.rows), histogram: velocityHistogram };
for (const element of document.querySelectorAll('[data-chart]')) {
  const chart = data.charts[element.dataset.chart];
  const svg = draw[chart.kind](chart);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', chart.title);
  svg.classList.add('chart');
  element.replaceChildren(svg);
}
