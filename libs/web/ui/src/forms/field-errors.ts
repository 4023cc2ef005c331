import { reactive } from 'vue';
import type { ApiError, FieldProblem } from '../problems/api-error.js';

/**
 * The API's field errors by form field: `errors[].path` (dot-joined, `items.2.name`) is the form
 * item's `prop`, less a prefix the form does not show (a body wrapper such as `content`). Errors whose
 * path matches no field of the form are kept under `''` so that they are shown above it, never lost.
 */
export function fieldErrorsOf(
  problems: readonly FieldProblem[],
  fields: readonly string[],
  prefix = '',
): Record<string, string[]> {
  const known = new Set(fields);
  const byField: Record<string, string[]> = {};
  for (const problem of problems) {
    // Rule errors name array members as `fieldReasons[0].field`, schema errors as `fieldReasons.0.field`.
    const dotted = problem.path.replace(/\[(\d+)\]/g, '.$1');
    const path = prefix && dotted.startsWith(`${prefix}.`) ? dotted.slice(prefix.length + 1) : dotted;
    const field = known.has(path) ? path : (nearestField(path, known) ?? '');
    (byField[field] ??= []).push(problem.message);
  }
  return byField;
}

/** `grade.level` for a form that only has `grade`: the closest enclosing field shown. */
function nearestField(path: string, known: ReadonlySet<string>): string | undefined {
  const parts = path.split('.');
  for (let n = parts.length - 1; n > 0; n--) {
    const candidate = parts.slice(0, n).join('.');
    if (known.has(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Field errors for an Element Plus form: bind `:error="errors.of('name')"` on each `el-form-item`
 * and call `show(error)` with what a submission threw. Errors of a 400/422 go beside their fields;
 * a field's error clears when that field changes (`clear('name')`). `fields` may be a function for
 * forms whose rows come and go (the fields are read when an error is shown).
 */
export function useFieldErrors(fields: readonly string[] | (() => readonly string[]), prefix = '') {
  const fieldsNow = () => (typeof fields === 'function' ? fields() : fields);
  const state = reactive<{ byField: Record<string, string[]> }>({ byField: {} });
  return {
    /** The message for a form item's `error` prop, or undefined when it has none. */
    of(field: string): string | undefined {
      return state.byField[field]?.join('；');
    },
    /** Errors that belong to no field shown (shown above the form). */
    general(): string[] {
      return state.byField[''] ?? [];
    },
    /** True when the error was a field-level refusal and is now shown beside the fields. */
    show(error: ApiError): boolean {
      const problems = error.problem.errors ?? [];
      state.byField = problems.length > 0 ? fieldErrorsOf(problems, fieldsNow(), prefix) : {};
      return problems.length > 0;
    },
    clear(field?: string): void {
      if (field === undefined) state.byField = {};
      else delete state.byField[field];
    },
  };
}
