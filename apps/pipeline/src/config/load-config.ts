import fs from 'node:fs';
import { z } from 'zod';
import { crossCheck, type PipelineConfig } from './pipeline-config';
import { SETTINGS, type Setting } from './settings';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface ConfigSources {
  /** Flag values by flag name (without dashes). */
  flags?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  /** Path of a JSON config file (`--config`), whose shape mirrors the config object. */
  file?: string;
}

const where = (s: Setting) =>
  [s.flag && !s.secret ? `--${s.flag}` : undefined, s.env, s.secret ? undefined : `"${s.path}" in the config file`].filter(Boolean).join(' or ');

function readFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([`config file ${file}: ${(error as Error).message}`]);
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError([`config file ${file} is not valid JSON: ${(error as Error).message}`]);
  }
}

const getPath = (object: Record<string, unknown>, dotted: string) =>
  dotted.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), object);

/**
 * Resolves each setting from, in rising precedence, its default, the config file, the environment and
 * the flags; validates each with its schema; and reports every problem at once, each naming where the
 * value can be set. Secrets from a file or a flag are refused: they belong in the environment.
 */
export function loadConfig(sources: ConfigSources): PipelineConfig {
  const fileValues = sources.file ? readFile(sources.file) : {};
  const env = sources.env ?? {};
  const flags = sources.flags ?? {};
  const problems: string[] = [];
  const config: Record<string, Record<string, unknown>> = {};
  for (const setting of SETTINGS) {
    let raw: unknown = getPath(fileValues, setting.path);
    if (raw !== undefined && setting.secret) problems.push(`${setting.path} is a secret: set it with ${setting.env}, not in the config file`);
    if (setting.env && env[setting.env] !== undefined && env[setting.env] !== '') raw = env[setting.env];
    if (setting.flag && flags[setting.flag] !== undefined) raw = flags[setting.flag];
    const parsed = setting.schema.safeParse(raw);
    const [group, key] = setting.path.split('.');
    if (!parsed.success) {
      // A secret's value is never echoed, not even when it is wrong.
      const got = setting.secret ? `a value of ${String(raw).length} characters` : JSON.stringify(raw);
      problems.push(`${setting.path}: ${parsed.error.issues.map((i) => i.message).join(', ')} (got ${got}; set ${where(setting)})`);
      continue;
    }
    (config[group] ??= {})[key] = parsed.data;
  }
  if (problems.length) throw new ConfigError(problems);
  const typed = config as unknown as PipelineConfig;
  const crossProblems = crossCheck(typed);
  if (crossProblems.length) throw new ConfigError(crossProblems);
  return typed;
}

/** Flag names of all settings, for the argument parser. */
export const SETTING_FLAGS = SETTINGS.filter((s) => s.flag).map((s) => s.flag!) as string[];

/** Markdown table of every setting, for the README (a test checks the README includes it). */
export function renderConfigReference(): string {
  const rows = SETTINGS.map((s) => {
    const def = (s.schema as z.ZodType).safeParse(undefined);
    const shown = def.success && def.data !== undefined ? `\`${JSON.stringify(def.data)}\`` : '';
    return `| \`${s.path}\` | ${s.flag && !s.secret ? `\`--${s.flag}\`` : ''} | ${s.env ? `\`${s.env}\`` : ''} | ${shown} | ${s.description}${s.secret ? ' Environment only.' : ''} |`;
  });
  return ['| setting (config file) | flag | environment | default | meaning |', '|---|---|---|---|---|', ...rows].join('\n');
}
