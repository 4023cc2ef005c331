/** A configuration problem found at start-up; the process stops with this message. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: ConfigProblem[],
  ) {
    super(
      `invalid configuration in ${source}:\n` +
        problems.map((p) => `  - ${p.key} = ${p.value}: expected ${p.expected}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

export interface ConfigProblem {
  /** Dotted path of the key, e.g. `services.catalog.http`. */
  key: string;
  /** The value found, rendered for a human (`<missing>` when absent, `<hidden>` when sensitive). */
  value: string;
  /** What the key should hold. */
  expected: string;
}
