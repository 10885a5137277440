import { useEffect, useState } from 'preact/hooks';

/** Listeners of a module-level store (the location, the session): notify() re-renders every subscriber. */
export class Subscribers {
  private readonly listeners = new Set<() => void>();

  notify(): void {
    this.listeners.forEach((fn) => fn());
  }

  /** Hook: re-render the calling component whenever notify() is called. */
  use(): void {
    const [, setTick] = useState(0);
    useEffect(() => {
      const fn = () => setTick((n) => n + 1);
      this.listeners.add(fn);
      return () => {
        this.listeners.delete(fn);
      };
    }, []);
  }
}
