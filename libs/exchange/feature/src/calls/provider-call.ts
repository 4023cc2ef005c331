import type { ExchangeCallOutcome } from '@govdata/contracts';
import type { GovdataError } from '@govdata/platform-errors';

/** Who calls: the consumer organisation's account, as its own node vouches for it. */
export interface CallingParty {
  /** 节点代码 of the consumer's node. */
  node: string;
  organisationId: string;
  /** The calling account: `service:<client id>`. */
  subject: string;
}

/**
 * 提供方调用 — one call as the provider node's exchange receives it: from its own gateway for a
 * consumer on this node, or (later) from a consumer node through the federation. The path and query
 * are the operation's, as the resource's OpenAPI document spells them.
 */
export interface ProviderCall {
  callId: string;
  grantId: string;
  consumer: CallingParty;
  /** GET, POST, PUT, PATCH or DELETE. */
  method: string;
  /** `/persons/360102199003071234`, percent-encoded as received, starting with `/`. */
  path: string;
  /** The raw query without `?` ('' for none). */
  query: string;
  /** JSON request body, if any. */
  body: Buffer | null;
  receivedAt: Date;
}

/** What the provider's exchange answers: the policed upstream answer, or a refusal. */
export type ProviderCallResult = {
  callId: string;
  /** The call's entry in the provider node's audit ledger; null when the call could not be attributed to a grant. */
  ledgerIndex: number | null;
  outcome: ExchangeCallOutcome;
} & (
  | {
      answered: true;
      /** The upstream's status (2xx–4xx). */
      status: number;
      contentType: string;
      body: Buffer;
    }
  | { answered: false; error: GovdataError }
);
