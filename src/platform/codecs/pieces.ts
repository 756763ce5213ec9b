/**
 * Bytes handed over in pieces (a file read in chunks, a stream decoded as it comes), for a reader
 * that needs whole units (a compressed block, a text stanza) which a piece may cut: what a reader
 * could not use yet is kept, and joined to the next piece. One buffer is reused; the bytes kept are
 * copied, never the piece unless something is kept before it.
 */
export class Pieces {
  private buffer = Buffer.alloc(0);
  private length = 0;

  /** How many bytes are kept from earlier pieces. */
  get kept(): number {
    return this.length;
  }

  /**
   * The kept bytes followed by `piece`: `piece` itself when nothing is kept. The answer is valid
   * until the next call of `join` or `keep`.
   */
  join(piece: Buffer): Buffer {
    if (this.length === 0) return piece;
    const total = this.length + piece.length;
    if (total > this.buffer.length) this.grow(total);
    piece.copy(this.buffer, this.length);
    this.length = total;
    return this.buffer.subarray(0, total);
  }

  /** Keeps `rest` (usually the unused end of what `join` answered) for the next `join`. */
  keep(rest: Buffer): void {
    if (rest.length === 0) {
      this.length = 0;
      return;
    }
    if (rest.buffer === this.buffer.buffer && rest.byteOffset >= this.buffer.byteOffset && rest.byteOffset < this.buffer.byteOffset + this.buffer.length) {
      // Already in place when nothing before it was used: a piece too short to complete anything costs only its own copy.
      const from = rest.byteOffset - this.buffer.byteOffset;
      if (from > 0) this.buffer.copyWithin(0, from, from + rest.length);
    } else {
      if (rest.length > this.buffer.length) this.buffer = Buffer.allocUnsafe(Math.max(rest.length, 2 * this.buffer.length));
      rest.copy(this.buffer, 0);
    }
    this.length = rest.length;
  }

  private grow(size: number): void {
    const bigger = Buffer.allocUnsafe(Math.max(size, 2 * this.buffer.length));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }
}
