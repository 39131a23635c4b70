import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock } from '../clock/clock';
import { Environment, NodeEnv, validateEnvironment } from './environment';

/** Variables from `.env` (outside tests) under those of the process, validated into an Environment. */
export function loadEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  const file = '.env';
  const fromFile =
    source.NODE_ENV !== NodeEnv.Test && existsSync(file)
      ? parseEnv(readFileSync(file, 'utf8'))
      : {};
  return validateEnvironment({ ...fromFile, ...source });
}

/**
 * The validated environment behind @nestjs/config's ConfigService, and the Clock, for every
 * module. Validation runs when an app is created, so a bad variable stops it before it listens.
 */
@Global()
@Module({
  providers: [
    {
      provide: ConfigService,
      useFactory: () => new ConfigService<Environment, true>({ ...loadEnvironment() }),
    },
    Clock,
  ],
  exports: [ConfigService, Clock],
})
export class CoreConfigModule {}
