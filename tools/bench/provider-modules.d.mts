export function providerModules(root: string): string[];
