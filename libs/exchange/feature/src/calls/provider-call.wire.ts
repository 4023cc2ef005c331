import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import type { ProviderCall, ProviderCallResult } from './provider-call.js';
import { CallRequestProblem } from './call.exception.js';

/** The method a consumer node's exchange asks of the provider node's, through the federation. */
export const PROVIDER_CALL_METHOD = 'exchange.call';

/** A ProviderCall as JSON on the wire (bodies base64, dates ISO). */
interface ProviderCallWire {
  callId: string;
  grantId: string;
  consumer: ProviderCall['consumer'];
  method: string;
  path: string;
  query: string;
  body: string | null;
  receivedAt: string;
}

type ResultWire = { callId: string; ledgerIndex: number | null; outcome: ProviderCallResult['outcome'] } & (
  | { answered: true; status: number; contentType: string; body: string }
  | {
      answered: false;
      error: { code: ErrorCode; message: string; fields: GovdataError['fields']; extra: Record<string, unknown> };
    }
);

export function encodeProviderCall(call: ProviderCall): Buffer {
  const wire: ProviderCallWire = {
    ...call,
    body: call.body ? call.body.toString('base64') : null,
    receivedAt: call.receivedAt.toISOString(),
  };
  return Buffer.from(JSON.stringify(wire));
}

/** The call a consumer node sent, checked for shape (its content is checked by the provider's rules). */
export function decodeProviderCall(payload: Buffer): ProviderCall {
  const wire = JSON.parse(payload.toString()) as Partial<ProviderCallWire>;
  const text = (v: unknown) => typeof v === 'string';
  const consumer = wire.consumer;
  if (
    !text(wire.callId) ||
    !text(wire.grantId) ||
    !text(wire.method) ||
    !text(wire.path) ||
    !text(wire.query) ||
    !text(wire.receivedAt) ||
    !consumer ||
    !text(consumer.node) ||
    !text(consumer.organisationId) ||
    !text(consumer.subject) ||
    (wire.body !== null && !text(wire.body))
  ) {
    throw GovdataError.validation([
      { path: 'payload', rule: CallRequestProblem.ProviderCall, message: '不是提供方调用 (is not a provider call)' },
    ]);
  }
  return {
    callId: wire.callId!,
    grantId: wire.grantId!,
    consumer: { node: consumer.node, organisationId: consumer.organisationId, subject: consumer.subject },
    method: wire.method!,
    path: wire.path!,
    query: wire.query!,
    body: wire.body ? Buffer.from(wire.body, 'base64') : null,
    receivedAt: new Date(wire.receivedAt!),
  };
}

export function encodeProviderResult(result: ProviderCallResult): Buffer {
  const base = { callId: result.callId, ledgerIndex: result.ledgerIndex, outcome: result.outcome };
  const wire: ResultWire = result.answered
    ? {
        ...base,
        answered: true,
        status: result.status,
        contentType: result.contentType,
        body: result.body.toString('base64'),
      }
    : {
        ...base,
        answered: false,
        error: {
          code: result.error.code,
          message: result.error.message,
          fields: result.error.fields,
          extra: result.error.extra,
        },
      };
  return Buffer.from(JSON.stringify(wire));
}

export function decodeProviderResult(payload: Buffer): ProviderCallResult {
  const wire = JSON.parse(payload.toString()) as ResultWire;
  const base = { callId: wire.callId, ledgerIndex: wire.ledgerIndex, outcome: wire.outcome };
  if (wire.answered) {
    return {
      ...base,
      answered: true,
      status: wire.status,
      contentType: wire.contentType,
      body: Buffer.from(wire.body, 'base64'),
    };
  }
  const code = Object.values(ErrorCode).includes(wire.error.code) ? wire.error.code : ErrorCode.BadGateway;
  return {
    ...base,
    answered: false,
    error: new GovdataError(code, wire.error.message, wire.error.fields ?? [], wire.error.extra ?? {}),
  };
}
