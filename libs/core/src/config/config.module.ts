import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Clock } from '../clock/clock';
import { validateEnvironment } from './environment';

/** Loads `.env` when present, validates the environment once, and exposes ConfigService and the Clock everywhere. */
@Global()
@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      cache: true,
      envFilePath: process.env.NODE_ENV === 'test' ? [] : ['.env'],
      validate: validateEnvironment,
    }),
  ],
  providers: [Clock],
  exports: [Clock],
})
export class CoreConfigModule {}
