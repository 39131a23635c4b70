export * from './privacy.exception';
export * from './privacy.module';
export * from './use-cases/erase-personal-data/erase-personal-data.use-case';
export * from './use-cases/export-personal-data/export-personal-data.use-case';
export * from './use-cases/purge-expired-personal-data/purge-expired-personal-data.use-case';
export * from './privacy.events';
