import express, { type Request, type Router } from 'express';
import { IdSchema, newId } from '../../shared/model/ids.js';
import { MAX_OFFERS_PER_MUNICIPALITY } from '../../shared/model/localOffers.js';
import { SaveLocalOfferRequestSchema, type LocalOffersResponse } from '../../shared/protocol/offers.js';
import { mayManageLocalOffers, maySearchLocalOffers } from '../../shared/rules/permissions.js';
import { offersInDistricts, searchOffers } from '../../shared/rules/localOffers.js';
import type { SessionUser } from '../../shared/model/user.js';
import type { Sessions } from '../auth/sessions.js';
import { ApiError } from '../errors.js';
import type { Storage } from '../storage/types.js';
import { parseAdminBody } from './adminCommon.js';
import { noStore, requireUser } from './session.js';

/*
 * The local offers directory over HTTP (contract in shared/protocol/offers.ts): everyone on
 * a team searches it; the administrator, leder and koordinator keep it. Always the signed-in
 * person's own municipality (from storage, never the request). Changes are audited.
 */

export interface OffersDeps {
  storage: Storage;
  sessions: Sessions;
}

export function offersRouter({ storage, sessions }: OffersDeps): Router {
  const router = express.Router();

  async function actorOf(req: Request): Promise<{ user: SessionUser; municipalityId: string }> {
    const user = await requireUser(sessions, req);
    if (!maySearchLocalOffers(user.role)) throw new ApiError('forbidden');
    const record = await storage.getUser(user.id);
    if (!record?.municipalityId) throw new ApiError('forbidden');
    return { user, municipalityId: record.municipalityId };
  }

  async function managerOf(req: Request) {
    const actor = await actorOf(req);
    if (!mayManageLocalOffers(actor.user)) {
      throw new ApiError('forbidden', 'Kun administrator, leder og koordinator kan ændre de lokale tilbud.');
    }
    return actor;
  }

  const audit = (userId: string, change: 'created' | 'changed' | 'deleted', offerId: string, name: string) =>
    storage.appendAudit({
      at: Date.now(),
      userId,
      boardId: null,
      cardId: null,
      action: 'settings_changed',
      detail: { setting: 'localOffers', change, offerId, name },
    });

  /** The districts of the person's teams ('all' for the administrator, who keeps every list). */
  async function districtsOf(user: SessionUser, municipalityId: string): Promise<ReadonlySet<string> | 'all'> {
    if (user.role === 'administrator') return 'all';
    const teams = new Set([...user.teamIds, ...(user.readTeamIds ?? [])]);
    const orgs = await storage.org.teamOrgs(municipalityId);
    return new Set(orgs.filter((o) => teams.has(o.teamId) && o.districtId !== null).map((o) => o.districtId!));
  }

  /** An offer's district must be one of the municipality's. */
  async function checkDistrict(municipalityId: string, districtId: string | null): Promise<void> {
    if (districtId === null) return;
    const districts = await storage.org.districts(municipalityId);
    if (!districts.some((d) => d.id === districtId)) throw new ApiError('invalid_request', 'Ukendt distrikt.');
  }

  router.get('/offers', async (req, res) => {
    noStore(res);
    const { user, municipalityId } = await actorOf(req);
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 200) : '';
    const mine = offersInDistricts(await storage.offers.list(municipalityId), await districtsOf(user, municipalityId));
    const body: LocalOffersResponse = {
      offers: searchOffers(mine, q),
      canManage: mayManageLocalOffers(user),
      districts: (await storage.org.districts(municipalityId)).map((d) => ({ id: d.id, name: d.name })),
    };
    res.json(body);
  });

  router.post('/offers', async (req, res) => {
    const { user, municipalityId } = await managerOf(req);
    const input = parseAdminBody(SaveLocalOfferRequestSchema, req.body);
    await checkDistrict(municipalityId, input.districtId);
    if ((await storage.offers.count(municipalityId)) >= MAX_OFFERS_PER_MUNICIPALITY) {
      throw new ApiError('invalid_request', `Højst ${MAX_OFFERS_PER_MUNICIPALITY} lokale tilbud.`);
    }
    const id = newId('o');
    await storage.offers.put({ id, municipalityId, ...input }, Date.now());
    await audit(user.id, 'created', id, input.name);
    res.status(201).json(await storage.offers.get(municipalityId, id));
  });

  router.put('/offers/:offerId', async (req, res) => {
    const { user, municipalityId } = await managerOf(req);
    const id = IdSchema.safeParse(req.params.offerId);
    if (!id.success || !(await storage.offers.get(municipalityId, id.data))) {
      throw new ApiError('not_found', 'Tilbuddet findes ikke.');
    }
    const input = parseAdminBody(SaveLocalOfferRequestSchema, req.body);
    await checkDistrict(municipalityId, input.districtId);
    await storage.offers.put({ id: id.data, municipalityId, ...input }, Date.now());
    await audit(user.id, 'changed', id.data, input.name);
    res.json(await storage.offers.get(municipalityId, id.data));
  });

  router.delete('/offers/:offerId', async (req, res) => {
    const { user, municipalityId } = await managerOf(req);
    const id = IdSchema.safeParse(req.params.offerId);
    const offer = id.success ? await storage.offers.get(municipalityId, id.data) : null;
    if (!offer || !(await storage.offers.delete(municipalityId, offer.id))) {
      throw new ApiError('not_found', 'Tilbuddet findes ikke.');
    }
    await audit(user.id, 'deleted', offer.id, offer.name);
    res.json({ ok: true });
  });

  return router;
}
