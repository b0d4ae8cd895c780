import type { PipelineConfig } from '../config';

/** How commands log: a level and a line. */
export type Log = (level: string, message: string) => void;

export function createLogger(config: PipelineConfig, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Log {
  const levels = ['debug', 'info', 'warn', 'error'];
  return (level, message) => {
    if (levels.indexOf(level) < levels.indexOf(config.log.level)) return;
    (level === 'error' || level === 'warn' ? stderr : stdout).write(`${new Date().toISOString()} ${level} ${message}\n`);
  };
}

/** Resolves with the name of the first of SIGTERM/SIGINT to arrive. */
export const terminationSignal = () => new Promise<string>((resolve) => {
  process.once('SIGTERM', () => resolve('SIGTERM'));
  process.once('SIGINT', () => resolve('SIGINT'));
});

