/**
 * The server's log: one JSON object per line (`time`, `level`, `msg`, then fields such as
 * `requestId`), so a log shipper or `jq` can read it. Nothing logged may hold a body, a header
 * value or a query string: those carry access tokens and webhook secrets.
 */
export type LogFields = Record<string, string | number | boolean | null>

export type ServerLogger = {
  info(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
}

export function jsonLogger(
  write: { out(line: string): void; err(line: string): void } = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  },
  now: () => Date = () => new Date(),
): ServerLogger {
  const line = (level: 'info' | 'error', message: string, fields: LogFields = {}) =>
    JSON.stringify({ time: now().toISOString(), level, msg: message, ...fields })
  return {
    info: (message, fields) => write.out(line('info', message, fields)),
    error: (message, fields) => write.err(line('error', message, fields)),
  }
}

/** Name, message and stack only: never the request, whose body may hold an access token. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error)
}
