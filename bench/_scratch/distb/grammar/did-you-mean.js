/**
 * "Did you mean …?" suggestions: the closest candidate by optimal-string-alignment distance
 * (Levenshtein plus adjacent transpositions, so `Stauts` → `Status` costs 1), compared
 * case-insensitively, within a budget that grows with the word's length.
 */
export function editDistance(a, b) {
    const n = a.length;
    const m = b.length;
    let prevPrev = new Array(m + 1).fill(0);
    let prev = Array.from({ length: m + 1 }, (_, j) => j);
    for (let i = 1; i <= n; i++) {
        const cur = new Array(m + 1);
        cur[0] = i;
        for (let j = 1; j <= m; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                d = Math.min(d, prevPrev[j - 2] + 1);
            cur[j] = d;
        }
        prevPrev = prev;
        prev = cur;
    }
    return prev[m];
}
/** The best candidate for `word`, or undefined when nothing is close enough. */
export function closestMatch(word, candidates) {
    const lower = word.toLowerCase();
    const budget = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
    let best;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        if (candidate === word)
            continue;
        const d = editDistance(lower, candidate.toLowerCase());
        if (d < bestDistance && d <= budget) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}
//# sourceMappingURL=did-you-mean.js.map