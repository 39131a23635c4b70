export * from './catalogue';
export * from './handler.decorators';
export * from './handler-registry';
export * from './event-handlers.module';
