import { EnvironmentError } from './errors';

/**
 * The one place that reads process.env. Each getter trims its value, treats
 * an empty string as unset, and says which variable is wrong.
 */
export type Env = Readonly<Record<string, string | undefined>>;

export function optionalString(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

export function requiredString(env: Env, name: string, why: string): string {
  const value = optionalString(env, name);
  if (value === undefined) {
    throw new EnvironmentError(`${name} is required ${why}`);
  }
  return value;
}

export function optionalInteger(
  env: Env,
  name: string,
  fallback: number,
): number {
  const value = optionalString(env, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) {
    throw new EnvironmentError(
      `${name} must be a whole number, found "${value}"`,
    );
  }
  return Number(value);
}

/**
 * Reads a yes/no variable: true/1/yes or false/0/no, any case.
 * @throws EnvironmentError for any other value.
 */
export function optionalBoolean(
  env: Env,
  name: string,
  fallback: boolean,
): boolean {
  const value = optionalString(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  throw new EnvironmentError(
    `${name} must be true or false, found "${env[name]?.trim()}"`,
  );
}
