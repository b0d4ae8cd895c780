import { parseArgs } from 'node:util';
import { ConfigError, SETTING_FLAGS } from './config';
import { UsageError, type CliCommand, type CommandContext } from './command';
import { COMMANDS } from './commands/registry';

const configOptions = Object.fromEntries([...SETTING_FLAGS.map((f) => [f, { type: 'string' as const }]), ['config', { type: 'string' as const }]]);

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  return [
    'prefstream: streaming preference analytics for production chat feedback',
    '',
    'usage: prefstream <command> [options]   (prefstream <command> --help for its options)',
    '',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

function commandHelp(command: CliCommand): string {
  const lines = [`usage: ${command.usage}`, '', command.summary];
  if (command.usesConfig) lines.push('', 'Accepts the pipeline settings as flags (see the README configuration reference) and --config FILE.');
  return lines.join('\n');
}

/** Runs the CLI with the given arguments; returns the process exit code. */
export async function runCli(argv: string[], io: Pick<CommandContext, 'env' | 'stdout' | 'stderr'>): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help() + '\n');
    return name ? 0 : 2;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr.write(`prefstream: unknown command "${name}"\n\n${help()}\n`);
    return 2;
  }
  const command = entry.load();
  try {
    const parsed = parseArgs({
      args: rest,
      options: { help: { type: 'boolean', short: 'h' }, ...command.options, ...(command.usesConfig ? configOptions : {}) },
      allowPositionals: true,
      strict: true,
    });
    const values = parsed.values as CommandContext['values'];
    const positionals = parsed.positionals;
    if (values.help) {
      io.stdout.write(commandHelp(command) + '\n');
      return 0;
    }
    return await command.run({ ...io, values, positionals });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`prefstream ${name}: ${error.message}\n`);
      return 2;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`prefstream ${name}: ${(error as Error).message}\n\n${commandHelp(command)}\n`);
      return 2;
    }
    // Errors we raise on purpose explain themselves; anything else is a bug and gets its stack.
    const known = typeof (error as { retriable?: unknown }).retriable === 'boolean';
    io.stderr.write(`prefstream ${name}: ${known ? (error as Error).message : ((error as Error).stack ?? String(error))}\n`);
    return 1;
  }
}
