import { Injectable } from '@nestjs/common';
import { MembershipErrorCode, MembershipException } from '../../membership.exception';
import { ChambreScopeRepository } from '../../repositories/chambre-scope.repository';
import { CharterRepository } from '../../repositories/charter.repository';
import { CharterView, presentCharter } from '../../views/charter.view';

/** The statutes or charter an applicant accepts: the latest version published. */
@Injectable()
export class GetCurrentCharterUseCase {
  constructor(
    private readonly chambre: ChambreScopeRepository,
    private readonly charters: CharterRepository,
  ) {}

  async execute(): Promise<CharterView> {
    const charter = await this.charters.current(await this.chambre.currentId());
    if (!charter) {
      throw new MembershipException(
        MembershipErrorCode.CharterMissing,
        'the Chambre has not published its charter yet',
      );
    }
    return presentCharter(charter);
  }
}
