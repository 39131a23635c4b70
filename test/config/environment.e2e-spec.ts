import { BUILT_API, freePort, startBuilt, waitForOk } from '../support/processes';

// The built api refuses to start on a bad environment, saying what is wrong, one line each.
describe('environment validation at start-up', () => {
  it('refuses to start with one clear line per bad variable', async () => {
    const api = startBuilt(BUILT_API, {
      PORT: 'eighty',
      DATABASE_URL: 'mysql://somewhere/db',
      JWT_ACCESS_SECRET: 'short',
      CORS_ORIGINS: 'not a url',
    });
    const exit = await api.exited;
    expect(exit.code).toBe(1);
    const output = api.output();
    expect(output).toContain('refusing to start');
    for (const variable of ['PORT', 'DATABASE_URL', 'JWT_ACCESS_SECRET', 'CORS_ORIGINS']) {
      expect(output).toMatch(new RegExp(`^  - ${variable}: `, 'm'));
    }
    expect(output).toContain('"eighty"');
    expect(output).not.toContain('short'); // secrets are not echoed
  });

  it('refuses to start in production without a JWT secret of its own', async () => {
    const api = startBuilt(BUILT_API, { NODE_ENV: 'production', JWT_ACCESS_SECRET: '' });
    const exit = await api.exited;
    expect(exit.code).toBe(1);
    expect(api.output()).toMatch(/JWT_ACCESS_SECRET: must be set to a secret of your own/);
  });

  it('starts in development without a JWT secret, on a random one of its own, and says so plainly', async () => {
    const port = await freePort();
    const api = startBuilt(BUILT_API, {
      NODE_ENV: 'development',
      JWT_ACCESS_SECRET: '',
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    try {
      await waitForOk(`http://127.0.0.1:${port}/api/health`, 30_000);
      expect(api.output()).toMatch(
        /JWT_ACCESS_SECRET is not set: access tokens are signed with a random secret/,
      );
      expect(api.output()).toMatch(/stops working when the api restarts/);
    } finally {
      api.child.kill('SIGTERM');
      await api.exited;
    }
  });

  it('refuses the former development secret, published in the source, even in development', async () => {
    const api = startBuilt(BUILT_API, {
      NODE_ENV: 'development',
      JWT_ACCESS_SECRET: 'mutualis-development-secret-change-me-0123456789',
    });
    const exit = await api.exited;
    expect(exit.code).toBe(1);
    expect(api.output()).toMatch(/JWT_ACCESS_SECRET: is a value published in the source code/);
  });
});
