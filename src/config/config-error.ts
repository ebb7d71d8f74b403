/** A setting that is missing or malformed; the message names the variable and how to fix it. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
    fix: string,
  ) {
    super(`${variable}: ${problem}. ${fix}`);
    this.name = 'ConfigError';
  }
}

/** Reads an integer environment variable within bounds, or throws a ConfigError naming it. */
export function readInteger(env: NodeJS.ProcessEnv, variable: string, fallback: number, bounds: { min: number; max: number }): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) {
    throw new ConfigError(
      variable,
      `"${raw}" is not a whole number between ${bounds.min} and ${bounds.max}`,
      `Set it to such a number or unset it to use ${fallback}`,
    );
  }
  return value;
}
