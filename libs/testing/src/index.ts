export * from './api-client';
export * from './siret.factory';
export * from './test-app';
export * from './test-context';
export * from './catalogue.factory';
export * from './stripe-stand-in';
export * from './forged-png';
export * from './two-factor';
