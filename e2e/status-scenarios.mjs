// Filled in by the status work.
export const statusScenarios = [];
