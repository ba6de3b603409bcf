import { useEffect, useState } from 'react';
import { toIsoDate } from '../../../shared/index.js';

/** Today's date in Denmark (YYYY-MM-DD), refreshed each minute so "dage i fase" rolls over at midnight. */
export function useToday(): string {
  const [today, setToday] = useState(() => toIsoDate(new Date()));
  useEffect(() => {
    const timer = setInterval(() => setToday(toIsoDate(new Date())), 60_000);
    return () => clearInterval(timer);
  }, []);
  return today;
}
