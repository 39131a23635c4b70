import { SetMetadata } from '@nestjs/common';

export const OPTIONAL_AUTH = 'mutualis:optional-auth';

/**
 * Open to visitors, but a caller who sends an access token is identified (to show their
 * organisation's price). A token that is sent must be valid.
 */
export const OptionalAuth = (): MethodDecorator & ClassDecorator =>
  SetMetadata(OPTIONAL_AUTH, true);
