import { GovdataError } from '@govdata/platform-errors';
import type { UpstreamFailureReason } from '../policy/upstream-caller.js';

/**
 * Why a call was not answered: the `reason` member of the problem answer beside its code, and the
 * reason logged in metering and `exchange.call.v1`. Clients switch on these values.
 */
export enum CallRefusal {
  /** No grant of that id is known here, or it is not enforced by this node. */
  NoGrant = 'no-grant',
  /** The grant was made to another organisation or node. */
  NotGrantee = 'not-grantee',
  /** The grant names service accounts and the caller's is not among them. */
  ServiceAccountNotGranted = 'service-account-not-granted',
  /** The provider (or the demand workflow) revoked the grant, or its application ended. */
  GrantRevoked = 'grant-revoked',
  /** The grant's last valid (Beijing) day has passed. */
  GrantExpired = 'grant-expired',
  /** The grant's first valid (Beijing) day has not come. */
  GrantNotYetValid = 'grant-not-yet-valid',
  /** The provider registered no API resource for the grant's catalog entry. */
  ResourceNotRegistered = 'resource-not-registered',
  /** The resource exposes no operation of that method and path. */
  OperationNotExposed = 'operation-not-exposed',
  /** The grant is over its call rate (token bucket). */
  RateLimited = 'rate-limited',
  /** The grant's daily or monthly quota is used up. */
  QuotaExceeded = 'quota-exceeded',
  /** The upstream answered neither JSON nor nothing: its answer cannot be filtered. */
  UpstreamNotJson = 'upstream-not-json',
  /** The upstream's JSON does not parse. */
  UpstreamInvalidJson = 'upstream-invalid-json',
  /** The call could not be written to the audit ledger, so it was not answered. */
  AuditUnavailable = 'audit-unavailable',
  /** A user token called; calls are made with a service account's. */
  ServiceAccountRequired = 'service-account-required',
  /** A token of another node called this node's exchange. */
  ForeignToken = 'foreign-token',
  /** The federation could not reach the provider's node. */
  ProviderUnreachable = 'provider-unreachable',
  /** The provider's node did not answer in time. */
  ProviderTimeout = 'provider-timeout',
  /** The federation refused to route the call. */
  RouteRefused = 'route-refused',
  /** The upstream took longer than its deadline. */
  UpstreamTimeout = 'upstream-timeout',
  /** The upstream could not be connected to. */
  UpstreamUnreachable = 'upstream-unreachable',
  /** The upstream answered 5xx. */
  UpstreamError = 'upstream-upstream-error',
  /** The upstream's answer is larger than the resource allows. */
  UpstreamTooLarge = 'upstream-too-large',
  /** The upstream's circuit breaker is open after repeated failures. */
  UpstreamCircuitOpen = 'upstream-circuit-open',
  /** The node's outbound policy refuses the upstream's address. */
  UpstreamNotAllowed = 'upstream-not-allowed',
}

const UPSTREAM_REFUSALS: Record<UpstreamFailureReason, CallRefusal> = {
  timeout: CallRefusal.UpstreamTimeout,
  unreachable: CallRefusal.UpstreamUnreachable,
  'upstream-error': CallRefusal.UpstreamError,
  'too-large': CallRefusal.UpstreamTooLarge,
  'circuit-open': CallRefusal.UpstreamCircuitOpen,
  'not-allowed': CallRefusal.UpstreamNotAllowed,
};

/** The refusal naming an upstream failure (`upstream-<reason>`). */
export function upstreamRefusal(reason: UpstreamFailureReason): CallRefusal {
  return UPSTREAM_REFUSALS[reason];
}

/** The rule of a field problem of a malformed call (400). */
export enum CallRequestProblem {
  /** The grant id is not a UUID. */
  Uuid = 'uuid',
  /** The method is not one a call may use. */
  Method = 'enum',
  /** The operation path is missing, too long or not well formed. */
  OperationPath = 'operation-path',
  /** A call body that is not JSON. */
  MediaType = 'media-type',
  /** A GET or DELETE call with a body. */
  NoBody = 'no-body',
  /** A provider call carried by the federation that does not decode. */
  ProviderCall = 'provider-call',
}

/** The error with a machine-readable `reason` beside its code (the answer's `reason` member). */
export function withReason(error: GovdataError, reason: CallRefusal): GovdataError {
  return new GovdataError(error.code, error.message, error.fields, { ...error.extra, reason });
}
