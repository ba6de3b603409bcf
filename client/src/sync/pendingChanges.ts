/**
 * Counts local edits made while the board is not synced with the server, for the
 * "Offline – N ændringer venter" indicator. Reset when the provider reports synced again
 * (the sync handshake sends everything the server is missing).
 */
export class PendingChanges {
  private count = 0;
  private readonly listeners = new Set<() => void>();

  get value(): number {
    return this.count;
  }

  increment(): void {
    this.count++;
    this.emit();
  }

  reset(): void {
    if (this.count === 0) return;
    this.count = 0;
    this.emit();
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }
}
