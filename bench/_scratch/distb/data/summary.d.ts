/**
 * The funnel summary `stages run` prints to stderr (stdout stays data): per stage, how many
 * stamps, which share of them was inferred (back-filled), and the conversion from the
 * previous enabled stage (its stamp count divided by that stage's). Stages 1–3 count
 * journeys and 4–6 opportunities, so the 3 → 4 ratio compares opportunities with journeys
 * (unattributed opportunities included): it reads as "opportunities per accepted journey".
 */
import type { StampRow } from '../runtime/stamp.js';
export interface StageInfo {
    readonly stage: 1 | 2 | 3 | 4 | 5 | 6;
    readonly label: string;
    readonly enabled: boolean;
}
export interface FunnelLine {
    readonly stage: StageInfo['stage'];
    readonly label: string;
    readonly enabled: boolean;
    readonly stamps: number;
    readonly inferred: number;
    /** Share of stamps that are inferred, 0..1 (null without stamps). */
    readonly inferredShare: number | null;
    /** stamps / stamps of the previous enabled stage (null for the first or when that is 0). */
    readonly conversion: number | null;
}
export declare function summarizeFunnel(rows: readonly StampRow[], stages: readonly StageInfo[]): FunnelLine[];
/** A compact fixed-width table (labels are the definition's own). */
export declare function formatFunnel(lines: readonly FunnelLine[], title?: string): string;
