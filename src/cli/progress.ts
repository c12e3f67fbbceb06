import type { Writable } from 'node:stream';

/**
 * A progress line on stderr (rows read and rate), redrawn at most four times a second, and only
 * when stderr is a terminal: silent in pipes, files and CI logs.
 * @internal
 */
export class Progress {
  private readonly enabled: boolean;
  private readonly started = Date.now();
  private last = this.started;
  private shown = false;

  constructor(private readonly stream: Writable & { isTTY?: boolean }) {
    this.enabled = stream.isTTY === true;
  }

  /** Called after each row or batch of rows read, with the rows read so far. */
  tick(rows: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 250) return;
    this.last = now;
    const rate = Math.round((rows * 1000) / Math.max(1, now - this.started));
    this.stream.write(`\rxsell-kpi: ${rows.toLocaleString('en-US')} rows read, ${rate.toLocaleString('en-US')} rows/s\u001b[K`);
    this.shown = true;
  }

  /** Clears the line. */
  done(): void {
    if (this.shown) this.stream.write('\r\u001b[K');
    this.shown = false;
  }
}
