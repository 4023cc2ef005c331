/** Rules a sign-out breaks, answered as 422. */
export enum SessionRule {
  /** The token to revoke was issued by another node. */
  IssuedByThisNode = 'issued-by-this-node',
}
