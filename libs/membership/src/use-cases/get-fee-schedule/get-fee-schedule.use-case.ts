import { Injectable } from '@nestjs/common';
import { MembershipErrorCode, MembershipException } from '../../membership.exception';
import { ChambreScopeRepository } from '../../repositories/chambre-scope.repository';
import { FeeScheduleRepository } from '../../repositories/fee-schedule.repository';
import { FeeScheduleView, presentFeeSchedule } from '../../views/fee-schedule.view';

/** A year's grid of cotisations, public: organisations see what they would pay before applying. */
@Injectable()
export class GetFeeScheduleUseCase {
  constructor(
    private readonly chambre: ChambreScopeRepository,
    private readonly schedules: FeeScheduleRepository,
  ) {}

  async execute(year: number): Promise<FeeScheduleView> {
    const schedule = await this.schedules.findForYear(await this.chambre.currentId(), year);
    if (!schedule) {
      throw new MembershipException(
        MembershipErrorCode.FeeScheduleNotFound,
        `no fee schedule is configured for ${year}`,
      ).with({ year });
    }
    return presentFeeSchedule(schedule);
  }
}
