export function summarizeFunnel(rows, stages) {
    const counts = new Map();
    for (const r of rows) {
        const c = counts.get(r.stage) ?? { stamps: 0, inferred: 0 };
        c.stamps++;
        if (r.inferred)
            c.inferred++;
        counts.set(r.stage, c);
    }
    let previous = null;
    return stages.map((s) => {
        const c = counts.get(s.stage) ?? { stamps: 0, inferred: 0 };
        const line = {
            stage: s.stage,
            label: s.label,
            enabled: s.enabled,
            stamps: c.stamps,
            inferred: c.inferred,
            inferredShare: c.stamps === 0 ? null : c.inferred / c.stamps,
            conversion: s.enabled && previous !== null && previous > 0 ? c.stamps / previous : null,
        };
        if (s.enabled)
            previous = c.stamps;
        return line;
    });
}
const count = (n) => n.toLocaleString('en-US');
const percent = (x) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
/** A compact fixed-width table (labels are the definition's own). */
export function formatFunnel(lines, title) {
    const table = [['stage', 'label', 'stamps', 'inferred', 'conversion']];
    for (const l of lines) {
        table.push(l.enabled
            ? [String(l.stage), l.label, count(l.stamps), percent(l.inferredShare), percent(l.conversion)]
            : [String(l.stage), l.label, 'unused', '', '']);
    }
    const widths = table[0].map((_, col) => Math.max(...table.map((row) => [...row[col]].length)));
    const render = (row) => row
        .map((cell, col) => {
        const pad = ' '.repeat(widths[col] - [...cell].length);
        return col <= 1 ? cell + pad : pad + cell; // text left, numbers right
    })
        .join('  ')
        .trimEnd();
    const out = table.map(render);
    return `${title ? `${title}\n` : ''}${out.join('\n')}\n`;
}
//# sourceMappingURL=summary.js.map