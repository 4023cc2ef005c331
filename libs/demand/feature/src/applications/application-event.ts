import type { DemandApplicationEventV1 } from '@govdata/contracts';
import type { ApplicationAction, ApplicationRecord, TimelineStep } from './application.types.js';

/** The `demand.application.v1` payload of an application after a change: the whole record and its timeline. */
export function applicationEvent(
  action: ApplicationAction,
  app: ApplicationRecord,
  timeline: readonly TimelineStep[],
): DemandApplicationEventV1 {
  const t = app.target;
  return {
    action,
    application: {
      id: app.id,
      nodeCode: app.nodeCode,
      version: app.version,
      state: app.state,
      applicant: {
        organisationId: app.applicant.organisationId,
        nodeCode: app.applicant.nodeCode,
        subject: app.applicant.subject,
        ...(app.applicant.organisationName ? { organisationName: app.applicant.organisationName } : {}),
      },
      target: {
        kind: t.kind,
        providerNode: t.providerNode,
        ...(t.entryId ? { entryId: t.entryId } : {}),
        ...(t.entryCode ? { entryCode: t.entryCode } : {}),
        ...(t.entryName ? { entryName: t.entryName } : {}),
        ...(t.providerOrganisationId ? { providerOrganisationId: t.providerOrganisationId } : {}),
        ...(t.description ? { description: t.description } : {}),
      },
      requestedItems: [...app.requestedItems],
      purpose: app.purpose,
      legalBasis: app.legalBasis,
      ...(app.scenario ? { scenario: app.scenario } : {}),
      validUntil: app.validUntil,
      ...(app.expectedVolume ? { expectedVolume: { ...app.expectedVolume } } : {}),
      at: app.changedAt,
      timeline: timeline.map((s) => ({ ...s })),
      ...(app.grant ? { grant: app.grant } : {}),
    },
  };
}

/** The application and timeline a `demand.application.v1` from another node carries, as this node stores it. */
export function applicationFromEvent(
  event: DemandApplicationEventV1,
  origin: string,
  receivedAt: string,
): { app: ApplicationRecord; timeline: TimelineStep[] } {
  const a = event.application;
  const timeline = (a.timeline ?? []).map((s) => ({ ...s }));
  const filed = timeline.find((s) => s.step === 'filing');
  return {
    app: {
      id: a.id,
      nodeCode: a.nodeCode,
      version: a.version,
      state: a.state,
      lastAction: event.action,
      applicant: {
        organisationId: a.applicant.organisationId,
        nodeCode: a.applicant.nodeCode,
        subject: a.applicant.subject,
        organisationName: a.applicant.organisationName ?? null,
      },
      target: {
        kind: a.target.kind,
        entryId: a.target.entryId ?? null,
        entryCode: a.target.entryCode ?? null,
        entryName: a.target.entryName ?? null,
        providerNode: a.target.providerNode,
        providerOrganisationId: a.target.providerOrganisationId ?? null,
        description: a.target.description ?? null,
      },
      requestedItems: [...a.requestedItems],
      purpose: a.purpose,
      legalBasis: a.legalBasis,
      scenario: a.scenario ?? null,
      validUntil: a.validUntil,
      expectedVolume: (a.expectedVolume as ApplicationRecord['expectedVolume']) ?? null,
      grant: a.grant ?? null,
      filedAt: filed?.openedAt ?? a.at,
      changedAt: a.at,
      changedAtNode: origin,
      receivedAt,
    },
    timeline,
  };
}
