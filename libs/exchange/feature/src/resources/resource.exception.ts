/** Rule codes of registering an API resource (接口资源登记): the `errors[].rule` of its 422 (and 409). */
export enum ResourceRule {
  /** 422 `entryId`: no catalog entry of that id on this node. */
  EntryExists = 'entry-exists',
  /** 422 `entryId`: the catalog entry is retired. */
  EntryNotRetired = 'entry-not-retired',
  /** 422 `responseItems.<i>.item`: the mapping names an item (信息项) the entry does not have. */
  EntryItem = 'entry-item',
  /** 422 `baseUrl`: the node's outbound policy (`outbound.allow`) refuses the upstream's address. */
  OutboundNotAllowed = 'outbound-not-allowed',
  /** 422 `openapi.openapi`: not an OpenAPI 3.x document (raised by the OpenAPI-document check). */
  OpenApi3 = 'openapi-3',
  /** 422 `openapi.paths`: the document describes no operation a call may use. */
  HasOperations = 'has-operations',
  /** 422 `operations.<i>`: the document has no such operation. */
  OperationExists = 'operation-exists',
  /** 422 `operations.<i>`: an operation listed twice; 409 `entryId`: the entry already has a resource. */
  Unique = 'unique',
}
