/** Rule codes of a 409 on writes that need the link to the parent. */
export enum LinkConflict {
  /** The link to the parent is not up (renewal or a comparison now needs it). */
  LinkUp = 'link-up',
  /** The node has no parent (the national node): there is nothing to compare with. */
  HasParent = 'has-parent',
}

/** Why a parent refused an envelope a child sent up (logged with the dead letter, never answered as a 422). */
export enum EnvelopeRule {
  /** The envelope or its payload does not have the shape of its kind. */
  Malformed = 'malformed',
  /** The envelope's origin is not in the sending child's subtree. */
  OutsideSubtree = 'outside-subtree',
  /** The path does not run from the origin to the sending child, each node a child of the next. */
  BadPath = 'bad-path',
  /** The path already passed this node. */
  Loop = 'loop',
}
