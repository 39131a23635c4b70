import { Injectable } from '@nestjs/common';
import { Clock } from '@mutualis/core';

/**
 * Lets the demo seeder act at an earlier moment (a training held last month: booked, signed
 * half-day by half-day, certified), through the same use cases as the live app. The seeding
 * process's one Clock reads the moment given, moving at the real pace, then real time again.
 * Demo only: the api and the worker run on their own, unmoved, clocks.
 */
@Injectable()
export class DemoTime {
  constructor(private readonly clock: Clock) {}

  async at<T>(instant: Date, work: () => Promise<T>): Promise<T> {
    const offset = instant.getTime() - Date.now();
    this.clock.now = () => new Date(Date.now() + offset);
    try {
      return await work();
    } finally {
      // Back to the class's own now(): real time.
      Reflect.deleteProperty(this.clock, 'now');
    }
  }
}
