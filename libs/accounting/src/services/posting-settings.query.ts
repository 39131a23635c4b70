import { Injectable } from '@nestjs/common';
import { DEFAULT_POSTING_SETTINGS, PostingSettings } from './invoice-posting';

/**
 * The Chambre's settings the posting rules follow. The option for VAT on the debits is not a
 * setting of the Chambre yet: VAT is due on payment (CGI 269-2-c) until it is.
 */
@Injectable()
export class PostingSettingsQuery {
  current(): Promise<PostingSettings> {
    return Promise.resolve(DEFAULT_POSTING_SETTINGS);
  }
}
