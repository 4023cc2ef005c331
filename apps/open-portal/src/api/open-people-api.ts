import { ApiError, asProblem } from '@govdata/web-ui';
import { OPEN_DATA_API } from './open-data-api.js';
import type {
  CommentView,
  DemandView,
  ErrorReportView,
  Label,
  OwnCommentView,
  OwnShowcaseView,
  RatingSummary,
  ShowcaseKind,
} from './open-data-types.js';

/**
 * Sent with every state-changing request of a signed-in person: the open-data service refuses one
 * authenticated by the session cookie without it (a page of another origin cannot add it).
 */
export const OPEN_PORTAL_REQUEST_HEADER = { 'X-Requested-With': 'govdata-open-portal' } as const;

export interface RealNameView {
  kind: 'person' | 'company';
  name: string;
  idMasked: string;
  method: 'population-exchange' | 'uscc-check-digit';
  verifiedAt: string;
}

export interface AccessLimit {
  limit: number;
  windowSeconds: number;
}

export interface MeView {
  id: string;
  channel: 'phone' | 'email';
  identifier: string;
  class: 'registered' | 'realName';
  limits: { rows: AccessLimit; downloads: AccessLimit };
  realName: RealNameView | null;
  createdAt: string;
}

export interface ApiKeyView {
  id: string;
  name: string;
  keyPrefix: string;
  dailyQuota: number;
  createdAt: string;
  revokedAt: string | null;
  usedToday: number;
}

/** 有条件开放申请的状态 — `expired` is a grant in force past its last day. */
export type ApplicationState = 'submitted' | 'approved' | 'active' | 'refused' | 'withdrawn' | 'revoked' | 'expired';

/** One of my applications to use a dataset opened on conditions (the service's OwnApplicationView). */
export interface OwnApplicationView {
  id: string;
  dataset: { id: string; name: string; providerName: string; nodeCode: string };
  state: ApplicationState;
  stateLabel: Label;
  purpose: string;
  scenario: string;
  fields: string[];
  commitments: Array<{ code: string; zh: string }>;
  validUntil: string;
  /** The department answers by this working day (null when the calendar cannot say). */
  due: string | null;
  dueProvisional: boolean;
  submittedAt: string;
  decidedAt: string | null;
  /** The refusal's reason, or the department's conditions on an approval. */
  decisionNote: string | null;
  grantedFields: string[] | null;
  grantedUntil: string | null;
  /** 《公共数据有条件开放使用协议》 offered on approval; signing names its sha256. */
  agreement: { text: string; sha256: string; signedAt: string | null } | null;
  endedAt: string | null;
  endedBy: 'applicant' | 'department' | null;
  endedReason: string | null;
}

/** `POST /datasets/:id/applications`. */
export interface ApplicationRequest {
  purpose: string;
  scenario: string;
  /** 信息项 names of the dataset's published columns. */
  fields: string[];
  /** Codes of the vocabulary's security commitments: all of them. */
  commitments: string[];
  /** The last day of use, YYYY-MM-DD. */
  validUntil: string;
}

export type RealNameRequest =
  { kind: 'company'; name: string; creditCode: string } | { kind: 'person'; name: string; idNumber: string };

/** `POST /demands` — 提出数据需求. */
export interface DemandRequest {
  title: string;
  description: string;
  /** A code of the vocabulary's domains. */
  domain?: string;
  /** The department asked, one that provides data on this node. */
  organisationId?: string;
}

/** `POST /datasets/:id/error-reports` — 纠错. */
export interface ErrorReportRequest {
  resourceId?: string;
  /** A published 信息项 of the dataset. */
  item?: string;
  /** Which record, in the reporter's words. */
  rowHint?: string;
  description: string;
}

/** `POST /showcases` — 提交应用成果 (real name required). */
export interface ShowcaseRequest {
  title: string;
  description: string;
  kind: ShowcaseKind;
  /** An http or https address. */
  url: string;
  /** The open datasets it uses, at least one. */
  datasetIds: string[];
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * The open portal's people: registration, sign-in (the HttpOnly session cookie the browser keeps),
 * 实名认证, API keys, applications to use data opened on conditions (我的申请), demands for data
 * (我的需求), error reports (我的纠错), showcases (我的成果), ratings and comments (我的评论). Problems come back as {@link ApiError}s whose field errors the pages show
 * beside their fields.
 */
export function createOpenPeopleApi(fetchImpl: Fetch = (input, init) => globalThis.fetch(input, init)) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (method !== 'GET') Object.assign(headers, OPEN_PORTAL_REQUEST_HEADER);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchImpl(`${OPEN_DATA_API}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw ApiError.unreachable('open-data', error);
    }
    const parsed: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
    if (!response.ok) throw new ApiError(response.status, 'open-data', asProblem(parsed));
    return parsed as T;
  }

  return {
    register: (identifier: string, password: string) =>
      call<{ identifier: string; codeValidSeconds: number }>('POST', '/accounts', { identifier, password }),
    resendCode: (identifier: string) =>
      call<{ identifier: string; codeValidSeconds: number }>('POST', '/accounts/verification-code', { identifier }),
    verify: (identifier: string, code: string) =>
      call<{ verified: true }>('POST', '/accounts/verify', { identifier, code }),
    signIn: (identifier: string, password: string) => call<MeView>('POST', '/session', { identifier, password }),
    signOut: () => call<void>('DELETE', '/session'),
    me: () => call<MeView>('GET', '/me'),
    realName: (request: RealNameRequest) => call<RealNameView>('POST', '/me/real-name', request),
    apiKeys: () => call<{ items: ApiKeyView[] }>('GET', '/me/api-keys'),
    createApiKey: (name: string, dailyQuota?: number) =>
      call<ApiKeyView & { key: string }>('POST', '/me/api-keys', { name, dailyQuota }),
    revokeApiKey: (id: string) => call<void>('DELETE', `/me/api-keys/${encodeURIComponent(id)}`),
    apply: (datasetId: string, request: ApplicationRequest) =>
      call<OwnApplicationView>('POST', `/datasets/${encodeURIComponent(datasetId)}/applications`, request),
    applications: () => call<{ items: OwnApplicationView[] }>('GET', '/me/applications'),
    application: (id: string) => call<OwnApplicationView>('GET', `/me/applications/${encodeURIComponent(id)}`),
    signAgreement: (id: string, agreementSha256: string) =>
      call<OwnApplicationView>('POST', `/me/applications/${encodeURIComponent(id)}/signature`, { agreementSha256 }),
    withdrawApplication: (id: string) =>
      call<OwnApplicationView>('POST', `/me/applications/${encodeURIComponent(id)}/withdrawal`),
    submitDemand: (request: DemandRequest) => call<DemandView>('POST', '/demands', request),
    demands: () => call<{ items: DemandView[] }>('GET', '/me/demands'),
    reportError: (datasetId: string, request: ErrorReportRequest) =>
      call<ErrorReportView>('POST', `/datasets/${encodeURIComponent(datasetId)}/error-reports`, request),
    errorReports: () => call<{ items: ErrorReportView[] }>('GET', '/me/error-reports'),
    submitShowcase: (request: ShowcaseRequest) => call<OwnShowcaseView>('POST', '/showcases', request),
    showcases: () => call<{ items: OwnShowcaseView[] }>('GET', '/me/showcases'),
    myRating: (datasetId: string) =>
      call<{ score: number | null; ratedAt: string | null }>(
        'GET',
        `/datasets/${encodeURIComponent(datasetId)}/rating`,
      ),
    rate: (datasetId: string, score: number) =>
      call<{ score: number; ratedAt: string; rating: RatingSummary }>(
        'PUT',
        `/datasets/${encodeURIComponent(datasetId)}/rating`,
        { score },
      ),
    unrate: (datasetId: string) =>
      call<{ rating: RatingSummary }>('DELETE', `/datasets/${encodeURIComponent(datasetId)}/rating`),
    comment: (datasetId: string, text: string) =>
      call<CommentView>('POST', `/datasets/${encodeURIComponent(datasetId)}/comments`, { text }),
    comments: () => call<{ items: OwnCommentView[] }>('GET', '/me/comments'),
    deleteComment: (id: string) => call<void>('DELETE', `/me/comments/${encodeURIComponent(id)}`),
  };
}

export type OpenPeopleApi = ReturnType<typeof createOpenPeopleApi>;

export const openPeopleApi = createOpenPeopleApi();
