/**
 * Rule codes of the working-day clocks (时限), the annual re-review (年度复核) and the working-day
 * calendar (工作日历) answered in a 422's `errors[].rule`, listed per operation in the OpenAPI
 * document. The values are part of the API.
 */
export enum ClockRule {
  /** 422 `startedOn`: the due date falls in a year the working-day calendar does not cover. */
  CalendarRange = 'calendar-range',
  /** 422 `startedOn`: a clock started by hand cannot start after today (Asia/Shanghai). */
  NotAfterToday = 'not-after-today',
  /** 422 `entryId`: no catalog entry with this id on the node. */
  KnownEntry = 'known-entry',
  /** 422 `entryId`: an update clock for a retired entry. */
  NotRetired = 'not-retired',
  /** 422 `organisationId`: the organisation is not an active provider of the node. */
  KnownOrganisation = 'known-organisation',
  /** 422 `entryId`: a registration clock closed with another organisation's entry. */
  SameOrganisation = 'same-organisation',
  /** 422 `entryId`: a registration clock closed with an entry never submitted. */
  SubmittedEntry = 'submitted-entry',
  /** 422 `year`: a re-review campaign for a year that has not begun. */
  NotInFuture = 'not-in-future',
  /** 422 `year`: the shipped official calendar data covers the year; a notice cannot replace it. */
  OfficialData = 'official-data',
  /** 422 `holidays.<i>` / `workdays.<i>`: a date of a holiday notice outside its year. */
  InYear = 'in-year',
  /** 422 `holidays`: a year's holidays without 元旦 (1 January). */
  IncludesNewYear = 'includes-new-year',
  /** 422 `workdays.<i>`: a 调休 working day that is not a weekend day. */
  WeekendOnly = 'weekend-only',
  /** 422 `workdays.<i>`: a 调休 working day also listed as a holiday. */
  NotAHoliday = 'not-a-holiday',
}

/** Rule codes of the clocks' 409 answers (the state of the node refuses the change). */
export enum ClockConflictRule {
  /** 409 `year`: the year's notice was issued by an ancestor node and is read-only here. */
  InheritedStandard = 'inherited-standard',
}
