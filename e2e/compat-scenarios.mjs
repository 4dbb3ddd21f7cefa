// Filled in by the compat work.
export const compatScenarios = [];
