import type { z } from 'zod';
import { ERROR_CODE_MAPPINGS, ErrorCode } from './error-codes.js';

/** One broken rule on one field: `path` is a JSON-pointer-like dotted path (`items.0.name`). */
export interface FieldProblem {
  path: string;
  rule: string;
  message: string;
}

export class GovdataError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldProblem[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'GovdataError';
  }

  get httpStatus(): number {
    return ERROR_CODE_MAPPINGS[this.code].http;
  }

  static validation(fields: FieldProblem[], message = describeFields(fields)): GovdataError {
    return new GovdataError(ErrorCode.ValidationFailed, message, fields);
  }

  static rule(path: string, rule: string, message: string): GovdataError {
    return new GovdataError(ErrorCode.RuleViolated, message, [{ path, rule, message }]);
  }

  /** 404 naming what was looked for, in Chinese where the noun is one of the platform's. */
  static notFound(what: string, id: string): GovdataError {
    const noun = NOT_FOUND_NOUNS[what];
    return new GovdataError(ErrorCode.NotFound, `未找到${noun ?? ''} ${id} (${what} ${id} not found)`);
  }

  static conflict(message: string, fields: FieldProblem[] = []): GovdataError {
    return new GovdataError(ErrorCode.Conflict, message, fields);
  }

  static unauthenticated(message = 'a valid bearer token is required'): GovdataError {
    return new GovdataError(ErrorCode.Unauthenticated, message);
  }

  static forbidden(message: string): GovdataError {
    return new GovdataError(ErrorCode.Forbidden, message);
  }

  /** 503; with `retryAfterSeconds` the answer carries Retry-After. */
  static unavailable(message: string, retryAfterSeconds?: number): GovdataError {
    return new GovdataError(
      ErrorCode.Unavailable,
      message,
      [],
      retryAfterSeconds === undefined ? {} : { retryAfterSeconds },
    );
  }

  static badGateway(message: string, extra: Record<string, unknown> = {}): GovdataError {
    return new GovdataError(ErrorCode.BadGateway, message, [], extra);
  }

  static gatewayTimeout(message: string, extra: Record<string, unknown> = {}): GovdataError {
    return new GovdataError(ErrorCode.GatewayTimeout, message, [], extra);
  }

  /** Turns a zod failure into a 400 that names every field and the rule it broke. */
  static fromZod(error: z.ZodError, prefix = ''): GovdataError {
    const fields = error.issues.map((issue) => ({
      path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)',
      // A refinement names its rule in params ("required-for-conditional"); built-in checks use zod's code.
      rule: issue.code === 'custom' && typeof issue.params?.['rule'] === 'string' ? issue.params['rule'] : issue.code,
      message: issue.message,
    }));
    return GovdataError.validation(fields);
  }
}

function describeFields(fields: FieldProblem[]): string {
  if (fields.length === 0) return 'the request is not valid';
  return fields.map((f) => `${f.path}: ${f.message}`).join('; ');
}

/** The Chinese names of what a 404 may be about (the English noun the services pass). */
const NOT_FOUND_NOUNS: Readonly<Record<string, string>> = {
  'catalog entry': '目录',
  mount: '挂接资源',
  'legal ground': '法律依据',
  'data element': '数据元',
  application: '共享申请',
  'source conflict': '一数一源冲突',
  'portal file': '门户文件',
  organisation: '机构',
  'information system': '信息系统',
  grant: '授权',
  enrolment: '入网申请',
  'deadline clock': '时限',
  'data source': '数据源',
  'child node': '下级节点',
  'API resource': '接口资源',
  user: '用户',
  'stored content of mount': '挂接资源的存储内容',
  'service account': '服务账号',
  're-review campaign': '年度复核',
  'published version of entry': '目录的发布版本',
  'logged call': '调用记录',
  import: '导入记录',
  classification: '分类',
  'open dataset': '开放数据集',
  'open application': '有条件开放申请',
  'open demand': '数据需求',
  'error report': '纠错',
  'open resource': '开放数据资源',
  // CKAN's names: a department that provides open data, a subject domain (主题领域)
  organization: '提供部门',
  group: '主题领域',
  'catalog page': '目录页',
};
