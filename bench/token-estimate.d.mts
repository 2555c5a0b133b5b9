export function estimateTokens(text: string): number;
