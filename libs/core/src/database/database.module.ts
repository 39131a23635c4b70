import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Environment } from '../config/environment';
import { applicationConnectionUrl } from './application-role';
import { postgresOptions } from './data-source-options';

/**
 * The PostgreSQL connection pool of an app, as the application role (never the owner that
 * migrates); entities come from each context's TypeOrmModule.forFeature.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        ...postgresOptions({
          url: applicationConnectionUrl({
            DATABASE_URL: config.get('DATABASE_URL', { infer: true }),
            APP_DATABASE_USER: config.get('APP_DATABASE_USER', { infer: true }),
            APP_DATABASE_PASSWORD: config.get('APP_DATABASE_PASSWORD', { infer: true }),
          }),
          poolSize: config.get('DATABASE_POOL_SIZE', { infer: true }),
          applicationName: process.title,
        }),
        autoLoadEntities: true,
        // Failed queries are logged by the api's error filter when unexpected; expected ones
        // (a unique violation answered 409) would only be noise here.
        logging: ['warn', 'migration'],
        // Fail start-up quickly rather than retrying for minutes when PostgreSQL is down.
        retryAttempts: 3,
        retryDelay: 1_000,
      }),
    }),
  ],
})
export class DatabaseModule {}
