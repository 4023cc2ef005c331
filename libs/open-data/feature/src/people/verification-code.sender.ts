import { Inject, Injectable } from '@nestjs/common';
import { LOGGER } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { maskIdentifier, type Channel } from './open-account.js';

/**
 * 验证码发送 — in this version "sent" means written to the service's log at info level, with the
 * recipient masked; only the demo (`GOVDATA_DEMO=1`) writes the code itself, so a visitor of the
 * demo can finish registering. An SMS or mail gateway replaces this class.
 */
@Injectable()
export class VerificationCodeSender {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  send(channel: Channel, recipient: string, code: string): Promise<void> {
    const demo = process.env['GOVDATA_DEMO'] === '1';
    this.logger.info(
      { channel, recipient: maskIdentifier(recipient), ...(demo ? { code } : {}) },
      demo ? `open portal verification code ${code} (demo)` : 'open portal verification code sent',
    );
    return Promise.resolve();
  }
}
