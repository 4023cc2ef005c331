/** Rule codes a catalog-entry write answers with in a 422's `errors[].rule`. */
export enum EntryRule {
  /** A reason (`reason`) or field reasons (`fieldReasons`) the action needs are missing. */
  Required = 'required',
  /** A returned field (`fieldReasons[i].field`) is not a field of an entry's content. */
  ContentField = 'content-field',
  /** The providing organisation is not an active organisation of this node. */
  KnownOrganisation = 'known-organisation',
  /** `content.classificationCode` is not in the node's classification code table. */
  KnownClassification = 'known-classification',
  /** `content.classificationCode` was withdrawn; nothing is newly filed under it. */
  WithdrawnClassification = 'withdrawn-classification',
  /** `content.regionCode` is not a GB/T 2260 division. */
  RegionCode = 'gb-t-2260',
  /** The sharing or opening type is not allowed for the grade by the node's effective policy. */
  GradePolicy = 'grade-policy',
  /** A published entry's classification (and so its code) cannot change. */
  FixedAfterPublication = 'fixed-after-publication',
  /** Every sequence number under the classification code on this node is used. */
  CodeSpaceExhausted = 'code-space-exhausted',
}

/** Warnings (accepted, worth a look) a catalog-entry write returns in `warnings[].rule`. */
export enum EntryWarning {
  /** The provider's unified social credit code fails the GB 32100 check digit. */
  CheckDigit = 'check-digit',
}

/** Rule codes of a 400 on catalog-entry reads (query parameters, cursors, lookups). */
export enum EntryInputProblem {
  /** `status` is not an entry status. */
  Enum = 'enum',
  /** `organisation_id` is not a UUID. */
  Uuid = 'uuid',
  /** A cursor or page token this API did not return. */
  Cursor = 'cursor',
  /** A routed lookup names no information resource code. */
  EntryCode = 'entry-code',
}
