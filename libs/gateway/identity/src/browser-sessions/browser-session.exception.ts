import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from './session-cookie.js';

/** Why a request relying on the portal's session cookie is refused (`reason` of the problem). */
export enum BrowserSessionProblem {
  /** 401: the cookie names a session that ended (idle timeout, lifetime, sign-out, account cut off). */
  SessionEnded = 'session-ended',
  /** 403: an unsafe method authenticated by the cookie lacks the anti-CSRF header. */
  CsrfHeaderRequired = 'csrf-header-required',
}

/** 401 for a cookie whose session has ended: the portal sends the browser to the sign-in page. */
export function sessionEnded(): GovdataError {
  return new GovdataError(
    ErrorCode.Unauthenticated,
    'the portal session has ended (idle timeout, its lifetime, sign-out, or the account was cut off); sign in again (会话已结束，请重新登录)',
    [],
    { reason: BrowserSessionProblem.SessionEnded },
  );
}

/** 403 naming the header a cookie-authenticated unsafe request lacks. */
export function csrfHeaderRequired(method: string): GovdataError {
  return new GovdataError(
    ErrorCode.Forbidden,
    `a ${method} request signed in by the portal session cookie must carry the header ${CSRF_HEADER}: ${CSRF_HEADER_VALUE} (缺少请求头 ${CSRF_HEADER})`,
    [],
    { reason: BrowserSessionProblem.CsrfHeaderRequired, header: CSRF_HEADER },
  );
}
