export function emptyDataset() {
    return { Engagement: [], Lead: [], Contact: [], Opportunity: [] };
}
//# sourceMappingURL=dataset.js.map