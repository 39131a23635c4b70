export * from './membership.events';
export * from './membership.module';
export * from './membership.types';
export * from './migrations';
