export {};
//# sourceMappingURL=problems.js.map