// Placeholder until the scenarios are written.
export const tokenScenarios = [];
