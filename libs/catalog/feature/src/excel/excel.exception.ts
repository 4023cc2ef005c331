/**
 * Rule codes of an import report's rows (`rows[].errors[].rule`), beside the entry rules a row's
 * content can break (`EntryRule`, `SystemRule`, …), which the report passes on as they are.
 */
export enum ExcelImportRule {
  /** A row names by its 信息资源代码 an entry that is not one of the caller's organisation. */
  OwnEntry = 'own-entry',
  /** A required cell (序号, 资源序号, or a required column) is empty. */
  Required = 'required',
  /** Two entry rows share a 序号. */
  Unique = 'unique',
  /** An item row's 资源序号 names no entry row. */
  KnownEntry = 'known-entry',
  /** The row was written but its batch could not be committed. */
  NotCommitted = 'not-committed',
  /** The caller disconnected before the row was imported. */
  Cancelled = 'cancelled',
  /** The row failed unexpectedly; the error is logged. */
  Internal = 'internal',
}

/** Rule codes of a 400 on an upload that is not a workbook the import can read. */
export enum ExcelUploadProblem {
  /** No file in the request body. */
  Required = 'required',
  /** The file is larger than the upload limit. */
  MaxSize = 'max-size',
  /** A sheet lacks a required column. */
  RequiredColumn = 'required-column',
  /** A sheet has the same column twice. */
  DuplicateColumn = 'duplicate-column',
  /** The file is not an .xlsx workbook (an old .xls, a CSV, a damaged file). */
  Xlsx = 'xlsx',
  /** The workbook lacks the entry or item sheet. */
  Sheet = 'sheet',
  /** A sheet's header row cannot be found. */
  HeaderRow = 'header-row',
  /** A sheet has no data rows. */
  EmptySheet = 'empty-sheet',
  /** A sheet has more rows than one import takes. */
  MaxRows = 'max-rows',
}
