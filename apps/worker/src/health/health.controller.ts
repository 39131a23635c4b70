import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { Response } from 'express';
import { Readiness, ReadinessService } from '@mutualis/core';

/** The worker's only HTTP surface, for orchestrators' liveness and readiness probes. */
@Controller('health')
export class WorkerHealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get()
  alive(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ status: string; checks: Readiness['checks'] }> {
    const result = await this.readiness.check();
    if (!result.ready) response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: result.ready ? 'ok' : 'unavailable', checks: result.checks };
  }
}
