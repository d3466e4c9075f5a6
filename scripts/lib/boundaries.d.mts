export const modules: string[];
export function envReads(src: string): string[];
export function checkBoundaries(root: string): string[];
