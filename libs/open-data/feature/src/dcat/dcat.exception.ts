/** Rule codes of the DCAT-AP export answered in a 4xx's `errors[].rule`. */
export enum DcatRule {
  /** 400 `host`: the Host / X-Forwarded-Host the export would build its URIs from is not a host name. */
  Host = 'host',
}
