import { useCallback, useState } from 'react';
import { errorText } from './adminApi';

/** Runs one admin call at a time and keeps its error or success text for the form. */
export function useAsyncAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = useCallback(async (action: () => Promise<string | null>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await action());
      return true;
    } catch (err) {
      setError(errorText(err));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, done, run };
}
