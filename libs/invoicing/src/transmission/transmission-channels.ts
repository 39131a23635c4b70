import { Injectable } from '@nestjs/common';
import { ChorusProChannelAdapter } from './chorus-pro/chorus-pro.adapter';
import { EmailChannelAdapter } from './email-channel.adapter';
import { TransmissionChannelAdapter } from './transmission-channel';
import type { TransmissionChannel } from './transmission.types';

/**
 * The adapters by channel. No approved platform (PA) is chosen yet: a `pa` transmission waits in
 * `awaiting_configuration` until its adapter is added here.
 */
@Injectable()
export class TransmissionChannels {
  private readonly adapters: ReadonlyMap<TransmissionChannel, TransmissionChannelAdapter>;

  constructor(email: EmailChannelAdapter, chorusPro: ChorusProChannelAdapter) {
    this.adapters = new Map<TransmissionChannel, TransmissionChannelAdapter>(
      [email, chorusPro].map((adapter) => [adapter.channel, adapter]),
    );
  }

  /** The channel's adapter when it can be used now; null while unavailable or unconfigured. */
  ready(channel: TransmissionChannel): TransmissionChannelAdapter | null {
    const adapter = this.adapters.get(channel);
    return adapter?.configured() ? adapter : null;
  }
}
