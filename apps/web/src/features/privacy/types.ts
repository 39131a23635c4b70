import type { components } from '../../api/schema';

/** The privacy pages' view of the api's answers (generated from its OpenAPI document). */
export type ErasableUser = components['schemas']['UserDto'];
export type MyAccountErasure = components['schemas']['EraseMyAccountDto'];
