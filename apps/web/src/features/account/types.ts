import type { components } from '../../api/schema';

/** The account pages' view of the api's answers (generated from its OpenAPI document). */
export type LoginSession = components['schemas']['LoginSessionDto'];
export type PasswordChange = components['schemas']['ChangePasswordDto'];
export type EmailChange = components['schemas']['ChangeEmailDto'];
