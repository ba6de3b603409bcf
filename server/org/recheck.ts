/**
 * Live connections are authorised once, at connect; access the organisation gives can end
 * while they are open (a cover's last day passes, an administrator ends a cover or a
 * makkerteam). The sync server and socket.io listen here and check every open connection
 * again, closing what the user may no longer open, as a logout closes a session's sockets.
 * Fired on every organisation change and once a minute (a day boundary needs no change).
 */
export class AccessWatch {
  private readonly listeners = new Set<() => void>();
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 60_000) {
    this.timer = setInterval(() => this.changed(), intervalMs);
    this.timer.unref();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }

  stop(): void {
    clearInterval(this.timer);
    this.listeners.clear();
  }
}
