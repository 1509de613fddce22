/**
 * "Did you mean …?" suggestions: the closest candidate by optimal-string-alignment distance
 * (Levenshtein plus adjacent transpositions, so `Stauts` → `Status` costs 1), compared
 * case-insensitively, within a budget that grows with the word's length.
 */
export declare function editDistance(a: string, b: string): number;
/** The best candidate for `word`, or undefined when nothing is close enough. */
export declare function closestMatch(word: string, candidates: Iterable<string>): string | undefined;
