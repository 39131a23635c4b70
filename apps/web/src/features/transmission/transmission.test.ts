import { describe, expect, it } from 'vitest';
import en from '../../i18n/locales/en/common.json';
import fr from '../../i18n/locales/fr/common.json';
import {
  needsCorrection,
  STATE_TONES,
  STATUS_TONES,
  transmissionFilters,
  TRANSMISSION_STATES,
} from './transmission';

describe('transmissions', () => {
  it('asks for a credit note only for a rejected invoice not already cancelled', () => {
    const invoice = { type: 'invoice' as const, status: 'issued' };
    expect(needsCorrection({ state: 'rejected' }, invoice)).toBe(true);
    expect(needsCorrection({ state: 'processing' }, invoice)).toBe(false);
    expect(needsCorrection({ state: 'rejected' }, { ...invoice, status: 'cancelled' })).toBe(false);
    expect(needsCorrection({ state: 'rejected' }, { type: 'credit_note', status: 'issued' })).toBe(
      false,
    );
  });

  it('lists Chorus Pro by default, and ignores filters it does not know', () => {
    expect(transmissionFilters(new URLSearchParams())).toEqual({
      channel: 'chorus_pro',
      state: '',
    });
    expect(transmissionFilters(new URLSearchParams('channel=&state=rejected'))).toEqual({
      channel: '',
      state: 'rejected',
    });
    expect(transmissionFilters(new URLSearchParams('channel=fax&state=lost'))).toEqual({
      channel: '',
      state: '',
    });
  });

  it('names every state and status in French and in English', () => {
    for (const messages of [fr, en]) {
      for (const state of TRANSMISSION_STATES)
        expect(messages.transmission.state[state]).toBeTruthy();
      for (const status of Object.keys(STATUS_TONES))
        expect(messages.transmission.status[status as keyof typeof STATUS_TONES]).toBeTruthy();
    }
    expect(Object.keys(STATE_TONES).sort()).toEqual([...TRANSMISSION_STATES].sort());
  });
});
