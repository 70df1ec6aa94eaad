/**
 * One line saying why a call failed, for the end of an error message.
 *
 * Errors are read by shape rather than `instanceof`, because errors from
 * Node's own modules come from another realm under jest. Node reports a
 * refused connection to a name with several addresses as an AggregateError
 * with an empty message, so its inner errors are read too.
 */
export function describeCause(error: unknown): string {
  if (typeof error !== 'object' || error === null) {
    return oneLine(String(error));
  }

  const { message, code, name, errors } = error as {
    message?: unknown;
    code?: unknown;
    name?: unknown;
    errors?: unknown;
  };
  if (typeof message === 'string' && message.trim()) return oneLine(message);
  if (Array.isArray(errors) && errors.length > 0) {
    return [...new Set(errors.map(describeCause))].join('; ');
  }
  if (typeof code === 'string') return code;
  return typeof name === 'string' ? name : oneLine(String(error));
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
