import type { NextFunction, Request, Response } from 'express';

/**
 * Counts requests in flight and refuses new ones (503) once draining, so a graceful shutdown can
 * stop accepting, wait for the requests already running, and only then stop the engine.
 */
export class InFlightRequests {
  private count = 0;
  private draining = false;
  private waiters: Array<() => void> = [];

  /** Express middleware; register it before every route. */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    if (this.draining) {
      res.setHeader('connection', 'close');
      res.status(503).json({ code: 'UNAVAILABLE', message: 'The server is shutting down; retry against another instance or after restart.' });
      return;
    }
    this.count++;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      this.count--;
      if (this.count === 0) this.waiters.splice(0).forEach((w) => w());
    };
    res.on('finish', finish);
    res.on('close', finish);
    next();
  };

  get isDraining(): boolean {
    return this.draining;
  }

  /** Stops admitting requests; resolves true when none is in flight, false after `timeoutMs`. */
  drain(timeoutMs: number): Promise<boolean> {
    this.draining = true;
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
