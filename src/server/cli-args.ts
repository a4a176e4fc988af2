/** `--name value` / `--flag` arguments of the CLI. */
export function parseArgs(argv: string[]): { command: string; options: Record<string, string | true> } {
  const [command = 'start', ...rest] = argv;
  const options: Record<string, string | true> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('--')) continue;
    const [name, inline] = arg.slice(2).split('=', 2);
    if (inline !== undefined) options[name] = inline;
    else if (rest[i + 1] !== undefined && !rest[i + 1].startsWith('--')) options[name] = rest[++i];
    else options[name] = true;
  }
  return { command, options };
}
