import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { optionalInteger, optionalString, requiredString } from '../env';
import type { Env } from '../env';
import { EnvironmentError } from '../errors';
import { describeCause } from './cause';

/** A PostgreSQL server named by the standard PG* variables. */
export interface ServerTarget {
  kind: 'server';
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  /** false for plain TCP; TLS options otherwise (see PGSSLMODE). */
  ssl: false | ConnectionOptions;
  /** Startup options, e.g. `-c search_path=fleetmocker` (PGOPTIONS). */
  options?: string;
}

/** PGlite in a local folder, served to pg over a loopback socket. */
export interface EmbeddedTarget {
  kind: 'embedded';
  dataDir: string;
}

export type ConnectionTarget = ServerTarget | EmbeddedTarget;

export interface ResolveOptions {
  /** Where the embedded database keeps its files, e.g. .fleetmocker/pgdata. */
  embeddedDir: string;
  /** False where no local disk is worth keeping (Lambda): PGHOST is needed. */
  allowEmbedded: boolean;
}

const SSL_MODES = [
  'disable',
  'allow',
  'prefer',
  'require',
  'verify-ca',
  'verify-full',
] as const;
type SslMode = (typeof SSL_MODES)[number];

/**
 * Decides where the run log lives. With PGHOST set, the standard libpq
 * variables describe a server (PGPORT defaults to 5432; PGDATABASE and
 * PGUSER are required because `$USER` is often empty in containers).
 * Without it, an embedded database in `embeddedDir` when allowed.
 *
 * @throws EnvironmentError when PGHOST is missing and embedded is not
 *   allowed, a required variable is missing, or a value is malformed.
 */
export function resolveConnection(
  env: Env,
  options: ResolveOptions,
): ConnectionTarget {
  const host = optionalString(env, 'PGHOST');
  if (host === undefined) {
    if (!options.allowEmbedded) {
      throw new EnvironmentError(
        'PGHOST is required when the embedded database is not available ' +
          '(set PGHOST, PGUSER and PGDATABASE to a PostgreSQL server)',
      );
    }
    return { kind: 'embedded', dataDir: options.embeddedDir };
  }

  const why = 'when PGHOST is set';
  const port = optionalInteger(env, 'PGPORT', 5432);
  if (port < 1 || port > 65535) {
    throw new EnvironmentError(`PGPORT must be 1 to 65535, found ${port}`);
  }
  return {
    kind: 'server',
    host,
    port,
    database: requiredString(env, 'PGDATABASE', why),
    user: requiredString(env, 'PGUSER', why),
    password: optionalString(env, 'PGPASSWORD'),
    ssl: sslOptions(env),
    options: optionalString(env, 'PGOPTIONS'),
  };
}

/** `host:port/database`, or the folder for an embedded database. */
export function describeTarget(target: ConnectionTarget): string {
  if (target.kind === 'embedded') return `embedded:${target.dataDir}`;
  return `${target.host}:${target.port}/${target.database}`;
}

/**
 * Maps PGSSLMODE to pg's TLS options with libpq's meaning. pg cannot retry
 * without TLS after a failed handshake, so `allow` and `prefer` (libpq's
 * default) connect in plain text; set `require` or stricter for TLS.
 */
function sslOptions(env: Env): false | ConnectionOptions {
  const mode = sslMode(env);
  if (mode === 'disable' || mode === 'allow' || mode === 'prefer') {
    return false;
  }

  const ca = rootCertificate(env);
  const trusted = ca === undefined ? {} : { ca };
  if (mode === 'verify-full') return { rejectUnauthorized: true, ...trusted };
  if (mode === 'require' && ca === undefined) {
    // libpq encrypts but verifies nothing here unless a root certificate is
    // given, in which case require behaves as verify-ca.
    return { rejectUnauthorized: false };
  }
  // verify-ca: the chain must lead to a trusted root, but the certificate
  // need not name the host.
  return {
    rejectUnauthorized: true,
    ...trusted,
    checkServerIdentity: () => undefined,
  };
}

function sslMode(env: Env): SslMode {
  const value = optionalString(env, 'PGSSLMODE') ?? 'prefer';
  const mode = SSL_MODES.find((known) => known === value);
  if (mode === undefined) {
    throw new EnvironmentError(
      `PGSSLMODE must be one of ${SSL_MODES.join(', ')}, found "${value}"`,
    );
  }
  return mode;
}

/** PGSSLROOTCERT names a PEM file of trusted CAs (the RDS bundle, say). */
function rootCertificate(env: Env): string | undefined {
  const path = optionalString(env, 'PGSSLROOTCERT');
  if (path === undefined) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new EnvironmentError(
      `PGSSLROOTCERT must name a readable PEM file, found "${path}": ` +
        describeCause(error),
      { cause: error },
    );
  }
}
