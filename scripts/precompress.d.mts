export interface PrecompressTotals { files: number; bytes: number; br: number; gz: number }
export function precompressDir(dir: string): Promise<PrecompressTotals>;
export function precompressPlugin(): import('vite').Plugin;
