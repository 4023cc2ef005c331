import type { ApiError } from './api-error.js';

/** What kind of trouble an API answer is, as the person reading it needs to know. */
export type ProblemKind =
  | 'signed-out'
  | 'forbidden'
  | 'not-found'
  | 'invalid'
  | 'conflict'
  | 'throttled'
  | 'unavailable'
  | 'unreachable'
  | 'failed';

/**
 * A message for an API error, as i18n keys with their parameters (the library's `problem.*`
 * messages). The detail is the service's own sentence, shown as it came; the portal does not
 * re-decide what the API meant.
 */
export interface ProblemMessage {
  kind: ProblemKind;
  /** `problem.<kind>.title` */
  titleKey: string;
  /** `problem.<kind>.body`, with `params`. */
  bodyKey: string;
  params: Record<string, string>;
  /** 403: the permission the API named, and the roles its policy names as holders. */
  permission?: string;
  roles?: string[];
  detail?: string;
}

/** How the gateway's guard words a refusal: "<permission> needs <holders>" (policy.ts describeHolders). */
const PERMISSION_REFUSAL = /^([a-z][a-z-]*(?:\.[a-z-]+)+) needs (.+)$/;
/** Role names as the policy spells them: lower-case words joined by hyphens. */
const ROLE_WORD = /\b[a-z]+(?:-[a-z]+)+\b|\b(?:operator|auditor)\b/g;

export function describeProblem(error: ApiError, knownRoles: readonly string[]): ProblemMessage {
  const kind = kindOf(error);
  const message: ProblemMessage = {
    kind,
    titleKey: `problem.${kind}.title`,
    bodyKey: `problem.${kind}.body`,
    params: { service: error.service, status: String(error.status) },
    detail: error.problem.detail,
  };
  if (kind === 'forbidden') {
    const refusal = PERMISSION_REFUSAL.exec(error.problem.detail ?? '');
    if (refusal) {
      message.permission = refusal[1];
      message.roles = [...new Set(refusal[2]!.match(ROLE_WORD) ?? [])].filter((r) => knownRoles.includes(r));
      message.params['permission'] = refusal[1]!;
    }
  }
  return message;
}

function kindOf(error: ApiError): ProblemKind {
  switch (error.status) {
    case 0:
      return 'unreachable';
    case 401:
      return 'signed-out';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 400:
    case 422:
      return 'invalid';
    case 409:
      return 'conflict';
    case 429:
      return 'throttled';
    case 502:
    case 503:
    case 504:
      return 'unavailable';
    default:
      return 'failed';
  }
}
