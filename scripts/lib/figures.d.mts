// Types for the TypeScript scripts and tests that use figures.mjs (plain JS: build-agent.mjs runs it without tsx).
export interface Figure { text: string; by: string }
export const FIGURES_FILE: string;
export function readFigures(): Record<string, Figure>;
export function recordFigures(texts: Record<string, string>, by: string): void;
export function docFiles(): string[];
export function markedFigures(text: string): { name: string; text: string }[];
export function renderFigures(text: string, figures: Record<string, Figure>): { text: string; unknown: string[] };
export function openedMarkers(text: string): number;
export function withoutFigures(text: string): string;
export function kib(bytes: number): string;
export function repoPath(rel: string): string;
