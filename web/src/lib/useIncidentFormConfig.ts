import { useEffect, useState } from 'preact/hooks';
import { api } from './api';
import type { IncidentFormConfig } from './incidents';

// The form definition changes only with a server upgrade, so one fetch per page load serves every page.
let cached: Promise<IncidentFormConfig> | null = null;

function load(): Promise<IncidentFormConfig> {
  if (!cached) {
    cached = api.get<IncidentFormConfig>('/api/v1/incident-form', { quiet401: true });
    cached.catch(() => {
      cached = null; // let the next page try again
    });
  }
  return cached;
}

export function useIncidentFormConfig(): { config: IncidentFormConfig | null; error: unknown; retry: () => void } {
  const [config, setConfig] = useState<IncidentFormConfig | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load()
      .then((c) => live && setConfig(c))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [tick]);
  return {
    config,
    error,
    retry: () => {
      setError(null);
      setTick((n) => n + 1);
    },
  };
}
