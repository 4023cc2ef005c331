import { afterEach } from 'vitest';
import { VerificationCodeSender } from './verification-code.sender.js';

describe('sending a verification code (to the log, in this version)', () => {
  const lines: Array<{ fields: Record<string, unknown>; msg: string }> = [];
  const logger = { info: (fields: Record<string, unknown>, msg: string) => lines.push({ fields, msg }) } as never;
  afterEach(() => {
    lines.length = 0;
    delete process.env['GOVDATA_DEMO'];
  });

  it('masks the recipient and leaves the code out', async () => {
    await new VerificationCodeSender(logger).send('phone', '13800138000', '123456');
    await new VerificationCodeSender(logger).send('email', 'zhang@example.cn', '654321');
    expect(lines.map((l) => l.fields)).toEqual([
      { channel: 'phone', recipient: '138****8000' },
      { channel: 'email', recipient: 'z***@example.cn' },
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/123456|654321/);
  });

  it('writes the code only in the demo (GOVDATA_DEMO=1)', async () => {
    process.env['GOVDATA_DEMO'] = '1';
    await new VerificationCodeSender(logger).send('phone', '13800138000', '123456');
    expect(lines[0]).toMatchObject({ fields: { recipient: '138****8000', code: '123456' } });
  });
});
