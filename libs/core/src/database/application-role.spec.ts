import { validateEnvironment } from '../config/environment';
import {
  applicationConnectionUrl,
  applicationDatabaseUrl,
  applicationRole,
  databaseUserOf,
} from './application-role';

describe('the application role’s connection', () => {
  it('is the owner’s server and database as mutualis_app, without the owner’s password', () => {
    expect(
      applicationDatabaseUrl(
        'postgres://owner:owner-secret@db.example:6543/mutualis?sslmode=require',
        {
          name: 'mutualis_app',
          password: null,
        },
      ),
    ).toBe('postgres://mutualis_app@db.example:6543/mutualis?sslmode=require');
  });

  it('carries APP_DATABASE_PASSWORD, escaped, when one is configured', () => {
    expect(
      applicationConnectionUrl({
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/mutualis',
        APP_DATABASE_USER: 'cress_paca_app',
        APP_DATABASE_PASSWORD: 'p@ss/word:1',
      }),
    ).toBe('postgres://cress_paca_app:p%40ss%2Fword%3A1@127.0.0.1:5432/mutualis');
  });

  it('defaults to mutualis_app without a password (trust authentication, as in development and CI)', () => {
    expect(applicationRole({})).toEqual({ name: 'mutualis_app', password: null });
    expect(databaseUserOf('postgres://127.0.0.1/mutualis')).toBe('postgres');
  });

  it('refuses a role name that is not a plain identifier', () => {
    expect(() => applicationRole({ APP_DATABASE_USER: 'app"; DROP ROLE postgres; --' })).toThrow(
      /APP_DATABASE_USER/,
    );
  });

  it('is validated at start-up: never the owner, never an odd name', () => {
    expect(validateEnvironment({}).APP_DATABASE_USER).toBe('mutualis_app');
    expect(() =>
      validateEnvironment({
        DATABASE_URL: 'postgres://mutualis_owner@127.0.0.1/mutualis',
        APP_DATABASE_USER: 'mutualis_owner',
      }),
    ).toThrow(/APP_DATABASE_USER: must not be the user of DATABASE_URL/);
    expect(() => validateEnvironment({ APP_DATABASE_USER: 'App-Role' })).toThrow(
      /APP_DATABASE_USER/,
    );
  });
});
