// The report page's chart script, bundled with Observable Plot (and the parts of d3 it uses)
// into one inline <script> by scripts/build-report-charts.mjs. It reads the numbers from the
// page's JSON data block and replaces each `[data-chart]` placeholder with a Plot SVG; the
// accessible table beside each chart holds the same numbers.
import * as Plot from '@observablehq/plot';

const data = JSON.parse(document.getElementById('report-data').textContent);
const style = { background: 'transparent', color: 'currentColor', fontSize: '13px', overflow: 'visible' };
const width = 560;

// The axis label sits centred under the ticks: at the end of the axis (Plot's default) it
// covered the last tick label.
const axisLabel = { labelAnchor: 'center', labelOffset: 34 };

/**
 * The x scale of a chart of counts or days from 0 to `max`: a domain of [0, 1] when every
 * value is 0 (Plot would stretch a [0, 0] domain over the whole width, so zero bars looked
 * full), and whole-number ticks for small counts (no "0.5 journeys").
 */
function valueScale(values, label, { integers }) {
  const max = Math.max(0, ...values.filter((v) => v !== null));
  const scale = { label, grid: true, ...axisLabel, domain: [0, max > 0 ? max : 1], nice: max > 0 };
  if (integers) {
    scale.tickFormat = ',d';
    if (max < 10) scale.ticks = Array.from({ length: Math.max(1, Math.ceil(max)) + 1 }, (_, i) => i);
  }
  return scale;
}

function horizontalBars(rows, valueLabel) {
  return Plot.plot({
    width,
    marginLeft: 190,
    marginBottom: 44,
    height: Math.max(60, rows.length * 30 + 54),
    style,
    x: valueScale(rows.map((r) => r.value), valueLabel, { integers: rows.every((r) => Number.isInteger(r.value)) }),
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
    marginBottom: 44,
    height: Math.max(60, rows.length * 30 + 54),
    style,
    x: valueScale(known.flatMap((r) => [r.median, r.p90]), 'days', { integers: false }),
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
    marginBottom: 44,
    height: Math.max(60, steps.length * 30 + 54),
    style,
    x: { label: 'share of journeys', percent: true, domain: [0, 100], ...axisLabel },
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
