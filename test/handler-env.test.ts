import { fleetmocker } from '../src/handler';

const args =
  '--files fixtures/PERFORM_20200911.csv --config performance ' +
  '--data_size 10 --date_range 10-13-22:10-13-22 --seed 1 --store /tmp/x';

describe('fleetmocker handler without its environment', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('answers with E_ENV when the run log has no PGHOST', async () => {
    delete process.env.PGHOST;
    const response = await fleetmocker(args);
    expect(response.statusCode).toBe(500);
    const { error } = JSON.parse(response.body);
    expect(error.code).toBe('E_ENV');
    expect(error.message).toMatch(/^PGHOST is required when/);
  });

  it('answers with E_ENV when no --store is given and S3_BUCKET_NAME is unset', async () => {
    delete process.env.S3_BUCKET_NAME;
    const response = await fleetmocker(args.replace(' --store /tmp/x', ''));
    expect(JSON.parse(response.body).error).toEqual({
      code: 'E_ENV',
      message: 'S3_BUCKET_NAME is required when --store is not given',
    });
  });
});
