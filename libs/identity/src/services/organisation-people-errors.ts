import { IdentityErrorCode, IdentityException } from '../identity.exception';

export function notInOrganisation(): IdentityException {
  return new IdentityException(
    IdentityErrorCode.MemberNotFound,
    'this person is not a member of the organisation',
  );
}

export function lastAdmin(): IdentityException {
  return new IdentityException(
    IdentityErrorCode.LastOrganisationAdmin,
    'an organisation keeps at least one administrator; name another one first',
  );
}
