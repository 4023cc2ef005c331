import { Transform } from 'node:stream';

/** Rows (objects) in, a JSON array out — one row per line, so a large file stays readable. */
export function jsonArray(): Transform {
  let first = true;
  return new Transform({
    writableObjectMode: true,
    transform(row: unknown, _encoding, callback) {
      callback(null, `${first ? '[\n' : ',\n'}${JSON.stringify(row)}`);
      first = false;
    },
    flush(callback) {
      callback(null, first ? '[]\n' : '\n]\n');
    },
  });
}
