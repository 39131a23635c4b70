export * from './entities';
export * from './membership.events';
export * from './membership.exception';
export * from './membership.module';
export * from './membership.types';
export * from './migrations';
export * from './repositories/chambre-scope.repository';
export * from './services/fee-calculator';
