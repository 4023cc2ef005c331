/** Rule codes of the data element registry's (数据元) 409 answers; its writes answer no 422. */
export enum DataElementConflictRule {
  /** 409 `identifier`: a data element with this identifier exists. */
  Unique = 'unique',
  /** 409 `identifier`: the element was issued by an ancestor node and is read-only here. */
  InheritedStandard = 'inherited-standard',
}

/** Rule codes of a data element body refused as malformed (400). */
export enum DataElementInputRule {
  /** 400 `length`: a data type that needs a length given without one. */
  LengthRequired = 'length-required',
}

/**
 * Why applying an inherited standard met something of this node's (`standard_conflict.rule`, listed
 * at `GET /api/v1/catalog/standards/conflicts`). The values are stored and part of the API.
 */
export enum InheritedConflictRule {
  /** A local code, data element or calendar year of the same key was replaced by the inherited one. */
  LocalReplaced = 'local-replaced',
  /** The node's grade rule allowed more than the inherited ceiling; it was narrowed. */
  ContradictsInherited = 'contradicts-inherited',
  /** The inherited holiday notice breaks the calendar rules; it was not loaded. */
  InvalidCalendar = 'invalid-calendar',
  /** The node already had its re-review campaign for the year when the directive arrived; it keeps it. */
  CampaignAlreadyOpened = 'campaign-already-opened',
}
