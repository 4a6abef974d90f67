/** Set by Tropa's HTTP server from the socket (or a trusted proxy); clients cannot forge it. */
export const CLIENT_ADDRESS_HEADER = 'x-tropa-client-address';
