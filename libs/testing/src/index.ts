// Factories and stand-ins for specs of the libs (unit and integration). The harness that
// builds the api over HTTP lives in test/support: a lib never imports the apps.
export * from './catalogue.factory';
export * from './chorus-pro-stand-in';
export * from './email.factory';
export * from './forged-png';
export * from './member.factory';
export * from './pdf-text';
export * from './siret.factory';
export * from './stripe-stand-in';
export * from './test-context';
export * from './journal.factory';
