/**
 * Unified diffs (the `diff -u` / `git diff` format) of text files, and applying them: the
 * golden SQL of most dialects is stored as its difference from the PostgreSQL golden, so a
 * reader sees only what a dialect spells differently.
 *
 * Applying is strict: every context and removed line must match the base exactly, at the
 * position the hunk header names, or it throws. A stale patch therefore fails loudly instead of
 * landing somewhere nearby (no fuzz, no offsets).
 *
 * Lines are compared with their terminator, so a last line without a newline differs from the
 * same line with one; it is written with the standard `\ No newline at end of file` marker.
 */

const NO_NEWLINE = '\\ No newline at end of file';

interface Edit {
  readonly op: ' ' | '-' | '+';
  /** The line with its `\n` (absent only on a last line without one). */
  readonly line: string;
}

/** `text` as lines that keep their `\n`. */
function linesOf(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

/** The shortest edit script from `a` to `b` (longest common subsequence; common ends trimmed first). */
function editScript(a: readonly string[], b: readonly string[]): Edit[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  // lcs[i * (m + 1) + j]: length of the longest common subsequence of a[head + i..] and b[head + j..].
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] =
        a[head + i] === b[head + j] ? lcs[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);
    }
  }
  const edits: Edit[] = a.slice(0, head).map((line) => ({ op: ' ', line }));
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[head + i] === b[head + j]) {
      edits.push({ op: ' ', line: a[head + i] });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1])) {
      // On a tie a removal goes first: within a change removals precede additions, as diff -u prints them.
      edits.push({ op: '-', line: a[head + i] });
      i++;
    } else {
      edits.push({ op: '+', line: b[head + j] });
      j++;
    }
  }
  edits.push(...a.slice(a.length - tail).map((line): Edit => ({ op: ' ', line })));
  return edits;
}

function printed(edit: Edit): string {
  return edit.line.endsWith('\n') ? `${edit.op}${edit.line}` : `${edit.op}${edit.line}\n${NO_NEWLINE}\n`;
}

/** A hunk range as `diff -u` writes it: `start,count`, start being the line before an empty range. */
function range(firstIndex: number, count: number): string {
  const start = count === 0 ? firstIndex : firstIndex + 1;
  return count === 1 ? `${start}` : `${start},${count}`;
}

/**
 * The unified diff turning `before` into `after`, with `context` unchanged lines around each
 * change; the empty string when they are equal.
 */
export function unifiedDiff(before: string, after: string, names: { before: string; after: string }, context = 3): string {
  const edits = editScript(linesOf(before), linesOf(after));
  const changed = edits.flatMap((e, index) => (e.op === ' ' ? [] : [index]));
  if (changed.length === 0) return '';
  let out = `--- ${names.before}\n+++ ${names.after}\n`;
  // Old and new line index at each edit.
  const oldAt: number[] = [];
  const newAt: number[] = [];
  let o = 0;
  let nw = 0;
  for (const e of edits) {
    oldAt.push(o);
    newAt.push(nw);
    if (e.op !== '+') o++;
    if (e.op !== '-') nw++;
  }
  let k = 0;
  while (k < changed.length) {
    // Changes closer than twice the context share one hunk.
    let last = k;
    while (last + 1 < changed.length && changed[last + 1] - changed[last] <= 2 * context + 1) last++;
    const from = Math.max(0, changed[k] - context);
    const to = Math.min(edits.length, changed[last] + context + 1);
    const hunk = edits.slice(from, to);
    const oldCount = hunk.filter((e) => e.op !== '+').length;
    const newCount = hunk.filter((e) => e.op !== '-').length;
    out += `@@ -${range(oldAt[from], oldCount)} +${range(newAt[from], newCount)} @@\n`;
    out += hunk.map(printed).join('');
    k = last + 1;
  }
  return out;
}

/** `base` with `patch` (a unified diff of one file) applied; throws where the patch does not fit exactly. */
export function applyUnifiedDiff(base: string, patch: string): string {
  const old = linesOf(base);
  const lines = linesOf(patch);
  const out: string[] = [];
  let at = 0; // next line of `old` to copy
  let p = 0;
  while (p < lines.length && !lines[p].startsWith('@@')) {
    if (!/^(---|\+\+\+) /.test(lines[p])) throw new Error(`patch line ${p + 1}: expected a --- / +++ header or a hunk, got ${JSON.stringify(lines[p])}`);
    p++;
  }
  while (p < lines.length) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(lines[p]);
    if (header === null) throw new Error(`patch line ${p + 1}: expected a hunk header, got ${JSON.stringify(lines[p])}`);
    const oldCount = header[2] === undefined ? 1 : Number(header[2]);
    const newCount = header[4] === undefined ? 1 : Number(header[4]);
    const start = oldCount === 0 ? Number(header[1]) : Number(header[1]) - 1;
    if (start < at || start + oldCount > old.length) throw new Error(`patch line ${p + 1}: hunk at old line ${header[1]} is out of order or past the end`);
    out.push(...old.slice(at, start));
    at = start;
    p++;
    // The hunk's lines, with a no-newline marker taking the terminator off the line before it.
    const body: Edit[] = [];
    while (p < lines.length && /^[ +\-\\]/.test(lines[p]) && !lines[p].startsWith('@@')) {
      const line = lines[p];
      if (line.startsWith('\\')) {
        const previous = body.pop();
        if (previous === undefined || !previous.line.endsWith('\n')) throw new Error(`patch line ${p + 1}: stray no-newline marker`);
        body.push({ op: previous.op, line: previous.line.slice(0, -1) });
      } else {
        body.push({ op: line[0] as Edit['op'], line: line.slice(1) });
      }
      p++;
    }
    if (body.filter((e) => e.op !== '+').length !== oldCount || body.filter((e) => e.op !== '-').length !== newCount) {
      throw new Error(`patch hunk at old line ${header[1]}: its lines do not add up to ${oldCount} old and ${newCount} new`);
    }
    for (const e of body) {
      if (e.op !== '+') {
        if (old[at] !== e.line) throw new Error(`patch does not apply at old line ${at + 1}: expected ${JSON.stringify(e.line)}, found ${JSON.stringify(old[at])}`);
        at++;
      }
      if (e.op !== '-') out.push(e.line);
    }
  }
  out.push(...old.slice(at));
  return out.join('');
}
