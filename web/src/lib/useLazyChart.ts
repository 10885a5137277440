// One lifecycle for every chart: ECharts is fetched only when a chart mounts (it is most of the bundle), the
// chart follows the window's size, and it is disposed when its data changes or it unmounts.
import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export interface ChartHandle {
  resize(): void;
  dispose(): void;
}

/** Draws `data` into `el` with `draw` (which imports its chart module); answers whether drawing failed. */
export function useLazyChart<T>(
  el: RefObject<HTMLElement | null>,
  data: T | null | undefined,
  draw: (target: HTMLElement, data: T) => Promise<ChartHandle>,
): boolean {
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (data === null || data === undefined || !el.current) return undefined;
    let handle: ChartHandle | null = null;
    let cancelled = false;
    const onResize = () => handle?.resize();
    draw(el.current, data)
      .then((h) => {
        if (cancelled) {
          h.dispose();
          return;
        }
        handle = h;
        window.addEventListener('resize', onResize);
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      window.removeEventListener('resize', onResize);
      handle?.dispose();
    };
  }, [data]);
  return failed;
}

export function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}
