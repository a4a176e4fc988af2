import type { Plugin } from 'vite';

export function bootSource(files: string[], routes: [string, number[], string[]][]): string;
export function bootScriptPlugin(options: {
  root: string;
  appRoutes: { path: string; page: string; boot?: string[] }[];
  portalRoutes: { path: string; page: string }[];
  layout: string;
}): Plugin;
