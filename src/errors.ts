/**
 * Every failure a user can cause or meet carries a stable code, so the CLI
 * can choose an exit status and the Lambda handler can report it, and a
 * one-line message that names the thing at fault and what was expected.
 */
export type ErrorCode =
  | 'E_ARGS'
  | 'E_CONFIG'
  | 'E_SAMPLE'
  | 'E_STORE'
  | 'E_DB'
  | 'E_ENV'
  | 'E_INTERRUPTED'
  | 'E_INTERNAL';

/** Base of all fleetmocker errors. */
export class FleetmockerError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A command-line or event argument is missing or malformed. */
export class ArgumentError extends FleetmockerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('E_ARGS', message, options);
  }
}

/** A configuration file is unknown, unreadable or does not fit the schema. */
export class ConfigError extends FleetmockerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('E_CONFIG', message, options);
  }
}

/** A sample file is missing, unreadable or does not fit its config. */
export class SampleError extends FleetmockerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('E_SAMPLE', message, options);
  }
}

/** Reading from or writing to a store (disk, S3) failed. */
export class StoreError extends FleetmockerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('E_STORE', message, options);
  }
}

/** The log database could not be reached or refused a statement. */
export class DatabaseError extends FleetmockerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('E_DB', message, options);
  }
}

/** An environment variable is missing or malformed. */
export class EnvironmentError extends FleetmockerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('E_ENV', message, options);
  }
}

/** The run was stopped on request (a signal, or Lambda's time running out). */
export class InterruptedError extends FleetmockerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('E_INTERRUPTED', message, options);
  }
}

/** Exit status for each code; anything unexpected exits with 70. */
export const EXIT_CODES: Record<ErrorCode, number> = {
  E_ARGS: 64,
  E_CONFIG: 78,
  E_SAMPLE: 65,
  E_STORE: 74,
  E_DB: 69,
  E_ENV: 78,
  E_INTERRUPTED: 130,
  E_INTERNAL: 70,
};

/** Turns anything thrown into a one-line message with its code. */
export function describeError(error: unknown): {
  code: ErrorCode;
  message: string;
} {
  if (error instanceof FleetmockerError) {
    return { code: error.code, message: oneLine(error.message) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'E_INTERNAL', message: oneLine(message) };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
