import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeTarget, resolveConnection } from '../../src/db/connection';
import { EnvironmentError } from '../../src/errors';

const local = { embeddedDir: '.fleetmocker/pgdata', allowEmbedded: true };
const lambda = { embeddedDir: '.fleetmocker/pgdata', allowEmbedded: false };
const server = {
  PGHOST: 'db.example.internal',
  PGUSER: 'fleet',
  PGDATABASE: 'runs',
};

describe('resolveConnection', () => {
  it('chooses the embedded database when PGHOST is unset', () => {
    const target = resolveConnection({ PGUSER: 'ignored' }, local);

    expect(target).toEqual({
      kind: 'embedded',
      dataDir: '.fleetmocker/pgdata',
    });
    expect(describeTarget(target)).toBe('embedded:.fleetmocker/pgdata');
  });

  it('treats a blank PGHOST as unset', () => {
    const target = resolveConnection({ PGHOST: '  ' }, local);

    expect(target.kind).toBe('embedded');
  });

  it('requires PGHOST when the embedded database is not allowed', () => {
    const resolve = () => resolveConnection({}, lambda);

    expect(resolve).toThrow(EnvironmentError);
    expect(resolve).toThrow(
      /^PGHOST is required when the embedded database is not available/,
    );
  });

  it('reads a server from the standard PG variables', () => {
    const target = resolveConnection(
      {
        ...server,
        PGPORT: '6543',
        PGPASSWORD: 's3cret',
        PGOPTIONS: '-c search_path=fleet',
        PGSSLMODE: 'disable',
      },
      lambda,
    );

    expect(target).toEqual({
      kind: 'server',
      host: 'db.example.internal',
      port: 6543,
      database: 'runs',
      user: 'fleet',
      password: 's3cret',
      ssl: false,
      options: '-c search_path=fleet',
    });
    expect(describeTarget(target)).toBe('db.example.internal:6543/runs');
  });

  it('defaults PGPORT to 5432 and connects without TLS', () => {
    const target = resolveConnection(server, local);

    expect(target).toMatchObject({ kind: 'server', port: 5432, ssl: false });
  });

  it.each([
    ['PGUSER', 'PGUSER is required when PGHOST is set'],
    ['PGDATABASE', 'PGDATABASE is required when PGHOST is set'],
  ])('requires %s when PGHOST is set', (name, message) => {
    const env = { ...server, [name]: undefined };

    expect(() => resolveConnection(env, local)).toThrow(message);
  });

  it.each([
    ['5432x', 'PGPORT must be a whole number, found "5432x"'],
    ['70000', 'PGPORT must be 1 to 65535, found 70000'],
  ])('rejects PGPORT %s', (port, message) => {
    const env = { ...server, PGPORT: port };

    expect(() => resolveConnection(env, local)).toThrow(message);
  });

  it.each([
    ['allow', false],
    ['prefer', false],
    ['require', { rejectUnauthorized: false }],
    ['verify-full', { rejectUnauthorized: true }],
  ])('maps PGSSLMODE %s to pg TLS options', (mode, ssl) => {
    const target = resolveConnection({ ...server, PGSSLMODE: mode }, local);

    expect(target).toMatchObject({ ssl });
  });

  it('verifies the chain but not the host name for verify-ca', () => {
    const target = resolveConnection(
      { ...server, PGSSLMODE: 'verify-ca' },
      local,
    );

    if (target.kind !== 'server' || target.ssl === false) {
      throw new Error(`expected TLS options, found ${JSON.stringify(target)}`);
    }
    expect(target.ssl.rejectUnauthorized).toBe(true);
    expect(target.ssl.checkServerIdentity?.('other.example', {} as never)).toBe(
      undefined,
    );
  });

  it('trusts the certificates in PGSSLROOTCERT', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'fleetmocker-ca-'));
    const file = join(folder, 'ca.pem');
    await writeFile(file, 'PEM TEXT');
    try {
      const target = resolveConnection(
        { ...server, PGSSLMODE: 'verify-full', PGSSLROOTCERT: file },
        local,
      );

      expect(target).toMatchObject({
        ssl: { rejectUnauthorized: true, ca: 'PEM TEXT' },
      });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('names an unreadable PGSSLROOTCERT', () => {
    const env = {
      ...server,
      PGSSLMODE: 'require',
      PGSSLROOTCERT: '/nonexistent/ca.pem',
    };

    expect(() => resolveConnection(env, local)).toThrow(
      'PGSSLROOTCERT must name a readable PEM file, found ' +
        '"/nonexistent/ca.pem": ENOENT: no such file or directory',
    );
  });

  it('rejects an unknown PGSSLMODE', () => {
    const env = { ...server, PGSSLMODE: 'on' };

    expect(() => resolveConnection(env, local)).toThrow(
      'PGSSLMODE must be one of disable, allow, prefer, require, ' +
        'verify-ca, verify-full, found "on"',
    );
  });
});
