/**
 * Shared pieces of govdata's web front ends (the staff portal now, the public open-data portal
 * later): the frame, page header, status tags, API problems and field errors, due dates, highlighted
 * matches. Charts are the separate entry `@govdata/web-ui/charts`.
 */
export { default as AppFrame } from './layout/app-frame.vue';
export { default as PageHeader } from './layout/page-header.vue';
export type { MenuEntry } from './layout/menu-entry.js';
export { useNarrowScreen, NARROW_SCREEN_QUERY } from './layout/narrow-screen.js';
export { default as StatusTag } from './status/status-tag.vue';
export { toneOf, type Tone } from './status/status-tone.js';
export { default as ProblemAlert } from './problems/problem-alert.vue';
export { ApiError, asProblem, type ApiProblem, type FieldProblem } from './problems/api-error.js';
export { describeProblem, type ProblemKind, type ProblemMessage } from './problems/problem-message.js';
export { fieldErrorsOf, useFieldErrors } from './forms/field-errors.js';
export { default as ShownOnceValue } from './forms/shown-once-value.vue';
export { default as WorkingDayDate } from './dates/working-day-date.vue';
export { dateMarks, type DateMark, type DueFacts } from './dates/date-marks.js';
export { ROLE_NAMES, type RoleName } from './roles.js';
export { default as webUiMessagesZh } from './locales/zh-CN.json';
export { default as webUiMessagesEn } from './locales/en.json';
export { default as HighlightedText } from './text/highlighted-text.vue';
export { highlightSegments, type TextSegment } from './text/highlight.js';
