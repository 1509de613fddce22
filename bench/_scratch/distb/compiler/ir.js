export const STAGE_NUMBERS = [1, 2, 3, 4, 5, 6];
export const DEFAULT_LABELS = {
    1: 'Activation',
    2: 'Routed',
    3: 'Accepted',
    4: 'Opportunity Created',
    5: 'Qualified',
    6: 'Won',
};
//# sourceMappingURL=ir.js.map