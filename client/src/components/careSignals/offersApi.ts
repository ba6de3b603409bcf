import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import {
  LocalOfferSchema,
  LocalOffersResponseSchema,
  type LocalOffer,
  type LocalOffersResponse,
  type SaveLocalOfferRequest,
} from '../../../../shared/index.js';
import { request } from '../../api';

/** The local offers directory's HTTP API (shared/protocol/offers.ts). */
export const offersApi = {
  list: (q = ''): Promise<LocalOffersResponse> =>
    request('GET', `/api/offers?q=${encodeURIComponent(q)}`, LocalOffersResponseSchema),
  create: (body: SaveLocalOfferRequest): Promise<LocalOffer> => request('POST', '/api/offers', LocalOfferSchema, body),
  update: (id: string, body: SaveLocalOfferRequest): Promise<LocalOffer> =>
    request('PUT', `/api/offers/${encodeURIComponent(id)}`, LocalOfferSchema, body),
  remove: (id: string): Promise<void> =>
    request('DELETE', `/api/offers/${encodeURIComponent(id)}`, z.unknown()).then(() => undefined),
};

export type OffersState =
  | { state: 'loading' }
  | { state: 'failed' }
  | {
      state: 'ready';
      offers: LocalOffer[];
      canManage: boolean;
      districts: LocalOffersResponse['districts'];
    };

/**
 * The directory as the person sees it (the municipality's offers and their districts'; a few
 * hundred at most), fetched once per view; the
 * search runs in the browser with the shared rule (rules/localOffers.ts searchOffers).
 */
export function useLocalOffers(): OffersState & { reload: () => void } {
  const [state, setState] = useState<OffersState>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    offersApi.list().then(
      (r) => live && setState({ state: 'ready', offers: r.offers, canManage: r.canManage, districts: r.districts }),
      () => live && setState({ state: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
