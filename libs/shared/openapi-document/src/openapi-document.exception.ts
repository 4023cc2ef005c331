/** Rule codes of the OpenAPI-document check: the `errors[].rule` of a 422 about an uploaded document. */
export enum OpenApiDocumentRule {
  /** `openapi.openapi`: not an OpenAPI 3.x document (Swagger 2 included). */
  OpenApi3 = 'openapi-3',
  /** `openapi.info.title`: the document has no title. */
  Required = 'required',
  /** `openapi.paths`: the document describes no operation. */
  HasOperations = 'has-operations',
  /** `operation…`: the document has no operation of that operationId, or of that method and path. */
  OperationExists = 'operation-exists',
}
