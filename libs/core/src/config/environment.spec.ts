import {
  DEVELOPMENT_MFA_ENCRYPTION_KEY,
  InvalidEnvironmentError,
  isGeneratedJwtSecret,
  PUBLISHED_JWT_SECRETS,
  validateEnvironment,
} from './environment';

const OWN_MFA_KEY = Buffer.alloc(32, 7).toString('base64');

describe('validateEnvironment', () => {
  it('works with no variables at all on a machine with local PostgreSQL and Redis', () => {
    const environment = validateEnvironment({});
    expect(environment).toMatchObject({
      PORT: 3000,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/mutualis',
      REDIS_URL: 'redis://127.0.0.1:6379',
      RATE_LIMIT_LOGIN_MAX: 5,
      RATE_LIMIT_LOGIN_WINDOW_SECONDS: 60,
    });
  });

  it('converts numbers, booleans and lists from their text form', () => {
    const environment = validateEnvironment({
      PORT: '8080',
      LOG_PRETTY: 'true',
      CORS_ORIGINS: 'https://a.fr, https://b.fr',
    });
    expect(environment.PORT).toBe(8080);
    expect(environment.LOG_PRETTY).toBe(true);
    expect(environment.CORS_ORIGINS).toEqual(['https://a.fr', 'https://b.fr']);
  });

  it('treats an empty variable as unset', () => {
    expect(validateEnvironment({ PORT: '' }).PORT).toBe(3000);
  });

  it('reports every problem, one line per variable', () => {
    try {
      validateEnvironment({ PORT: '70000', REDIS_URL: 'http://x', RATE_LIMIT_LOGIN_MAX: '0' });
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidEnvironmentError);
      const problems = (error as InvalidEnvironmentError).problems;
      expect(problems.map((line) => line.split(':')[0]).sort()).toEqual([
        'PORT',
        'RATE_LIMIT_LOGIN_MAX',
        'REDIS_URL',
      ]);
    }
  });

  it('ships no usable default secret: unset in development, each process makes its own random one', () => {
    const first = validateEnvironment({}).JWT_ACCESS_SECRET;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(PUBLISHED_JWT_SECRETS).not.toContain(first);
    expect(isGeneratedJwtSecret(first)).toBe(true);
    // Read twice in one process (main.ts, then the config module), it stays the same.
    expect(validateEnvironment({ NODE_ENV: 'development' }).JWT_ACCESS_SECRET).toBe(first);
    const own = 'y'.repeat(48);
    expect(validateEnvironment({ JWT_ACCESS_SECRET: own }).JWT_ACCESS_SECRET).toBe(own);
    expect(isGeneratedJwtSecret(own)).toBe(false);
  });

  it('refuses the secrets published in the source code, whatever NODE_ENV', () => {
    for (const NODE_ENV of ['development', 'test', 'production']) {
      for (const JWT_ACCESS_SECRET of PUBLISHED_JWT_SECRETS) {
        expect(() =>
          validateEnvironment({ NODE_ENV, JWT_ACCESS_SECRET, SMTP_URL: 'smtp://mail.example.org' }),
        ).toThrow(/JWT_ACCESS_SECRET: is a value published in the source code/);
      }
    }
    expect(PUBLISHED_JWT_SECRETS).toContain('mutualis-development-secret-change-me-0123456789');
  });

  it('refuses to start in production without a secret of its own', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(
      /JWT_ACCESS_SECRET: must be set to a secret of your own/,
    );
    let problems: string[] = [];
    try {
      validateEnvironment({ NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example.org' });
    } catch (error) {
      problems = (error as InvalidEnvironmentError).problems;
    }
    // One line for the secret, not three.
    expect(problems.filter((line) => line.startsWith('JWT_ACCESS_SECRET'))).toHaveLength(1);
    expect(
      validateEnvironment({
        NODE_ENV: 'production',
        JWT_ACCESS_SECRET: 'x'.repeat(48),
        SMTP_URL: 'smtp://mail.example.org:587',
        MFA_ENCRYPTION_KEY: OWN_MFA_KEY,
      }).NODE_ENV,
    ).toBe('production');
  });

  it('encrypts TOTP secrets under a development key outside production only, and takes only 32 bytes in base64', () => {
    expect(validateEnvironment({}).MFA_ENCRYPTION_KEY).toBe(DEVELOPMENT_MFA_ENCRYPTION_KEY);
    expect(Buffer.from(DEVELOPMENT_MFA_ENCRYPTION_KEY, 'base64')).toHaveLength(32);
    const production = {
      NODE_ENV: 'production',
      JWT_ACCESS_SECRET: 'x'.repeat(48),
      SMTP_URL: 'smtp://mail.example.org:587',
    };
    expect(() => validateEnvironment(production)).toThrow(
      /MFA_ENCRYPTION_KEY: must be set to a key of your own in production/,
    );
    for (const bad of [
      'short',
      Buffer.alloc(16).toString('base64'),
      `${OWN_MFA_KEY}AAAA`,
      'é'.repeat(44),
    ]) {
      expect(() => validateEnvironment({ MFA_ENCRYPTION_KEY: bad })).toThrow(
        /MFA_ENCRYPTION_KEY: must be 32 bytes in base64/,
      );
    }
    // A secret: never echoed back in the message.
    expect(() => validateEnvironment({ MFA_ENCRYPTION_KEY: 'short' })).not.toThrow(/short/);
  });

  it('refuses to run in production without a mail server, and accepts only SMTP URLs', () => {
    expect(() =>
      validateEnvironment({ NODE_ENV: 'production', JWT_ACCESS_SECRET: 'x'.repeat(48) }),
    ).toThrow(/SMTP_URL: must be set in production/);
    expect(() => validateEnvironment({ SMTP_URL: 'http://mail.example.org' })).toThrow(/SMTP_URL/);
    expect(() => validateEnvironment({ MAIL_FROM: 'not an address' })).toThrow(/MAIL_FROM/);
  });
});
