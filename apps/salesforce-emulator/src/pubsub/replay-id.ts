// Replay ids travel as opaque bytes in Pub/Sub; the emulator sends the CometD replay id of the same
// event as an unsigned 64-bit big-endian integer, which is how Salesforce's own ids decode
// (decision 023), so a position read over one transport is a position in the other.
export function encodeReplayId(replayId: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(replayId));
  return bytes;
}

/** The replay id in `bytes`, or undefined when they are not one the emulator could have issued. */
export function decodeReplayId(bytes: Buffer): number | undefined {
  if (bytes.length !== 8) return undefined;
  const value = bytes.readBigUInt64BE();
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
}
