import { ErrorCode, GovdataError } from '@govdata/platform-errors';

/** Rule codes of the open portal's people, answered in a 4xx's `errors[].rule` or `reason`. */
export enum PeopleRule {
  /** 400 `identifier`: neither a mainland mobile number (1[3-9] + 9 digits) nor an e-mail address. */
  Identifier = 'phone-or-email',
  /** 409 `identifier`: an account with this phone number or e-mail address is already verified. */
  Taken = 'identifier-taken',
  /** 400 `code`: the verification code is wrong. */
  CodeWrong = 'code-wrong',
  /** 400 `code`: the code has expired, or was tried too often: ask for a new one. */
  CodeExpired = 'code-expired',
  /** 401: the phone/e-mail and password do not match a verified account. */
  BadCredentials = 'bad-credentials',
  /** 401: no open-portal session (or it has ended). */
  SignInRequired = 'sign-in-required',
  /** 403: a cookie-authenticated unsafe request lacks the anti-CSRF header. */
  CsrfHeaderRequired = 'csrf-header-required',
  /** 403: the account has not passed 实名认证 (an API key and heavier use require it). */
  RealNameRequired = 'real-name-required',
  /** 409: 实名认证 is already recorded for this account. */
  RealNameDone = 'real-name-done',
  /** 400 `creditCode`: not an 18-character GB 32100 code, or its check digit does not match. */
  CreditCode = 'uscc',
  /** 400 `idNumber`: not an 18-character GB 11643 number, or its check digit does not match. */
  IdNumber = 'id-number',
  /** 400 `idNumber`: the population data did not confirm the name and number. */
  NotConfirmed = 'not-confirmed',
  /** 401: the X-Api-Key is unknown or revoked. */
  ApiKeyInvalid = 'api-key-invalid',
  /** 429: the API key's daily quota is spent. */
  ApiKeyQuota = 'api-key-quota',
}

/** The header (and value) the open portal sends with every state-changing request. */
export const OPEN_CSRF_HEADER = 'X-Requested-With';
export const OPEN_CSRF_HEADER_VALUE = 'govdata-open-portal';

/** 400 naming one field. */
export function badField(path: string, rule: PeopleRule, message: string): GovdataError {
  return GovdataError.validation([{ path, rule, message }], message);
}

export function signInRequired(): GovdataError {
  return new GovdataError(ErrorCode.Unauthenticated, '请先登录开放门户 (sign in to the open portal first)', [], {
    reason: PeopleRule.SignInRequired,
  });
}

export function csrfHeaderRequired(method: string): GovdataError {
  return new GovdataError(
    ErrorCode.Forbidden,
    `缺少请求头 ${OPEN_CSRF_HEADER}: ${OPEN_CSRF_HEADER_VALUE} (a ${method} request signed in by the open-portal cookie must carry it)`,
    [],
    { reason: PeopleRule.CsrfHeaderRequired, header: OPEN_CSRF_HEADER },
  );
}

export function realNameRequired(what: string): GovdataError {
  return new GovdataError(
    ErrorCode.Forbidden,
    `${what}需要先完成实名认证 (real-name verification is required first)`,
    [],
    { reason: PeopleRule.RealNameRequired },
  );
}
