/** A SOQL failure carrying the Salesforce errorCode; the REST layer turns it into a 400. */
export class SoqlError extends Error {
  constructor(
    readonly errorCode:
      | 'MALFORMED_QUERY'
      | 'INVALID_FIELD'
      | 'INVALID_TYPE'
      | 'INVALID_QUERY_FILTER_OPERATOR',
    message: string,
  ) {
    super(message);
  }
}

export function malformed(message: string): SoqlError {
  return new SoqlError('MALFORMED_QUERY', message);
}
