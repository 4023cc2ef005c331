/** A data demand application as listed (mirrors ApplicationView in libs/demand/feature application.types.ts). */
export interface ApplicationSummary {
  id: string;
  state: string;
  target: { kind: 'entry' | 'uncatalogued'; entryCode: string | null; entryName: string | null; providerNode: string };
  applicant: { organisationId: string; organisationName?: string | null };
  filedAt: string;
  turn: { step: string; role: string; dueOn: string | null; overdue: boolean } | null;
}
