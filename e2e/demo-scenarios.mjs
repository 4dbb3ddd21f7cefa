// Filled in by the demo work.
export const demoScenarios = [];
