import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/limits.js';
import { BoardConfigResponseSchema } from '../../shared/protocol/config.js';
import type { AdminSettings } from '../../shared/protocol/admin.js';
import type { LocalOffersResponse } from '../../shared/protocol/offers.js';
import type { LocalOffer } from '../../shared/model/localOffers.js';
import type { Card } from '../../shared/model/card.js';
import { apiCall, login, sqlOn, startServer, waitFor, type BoardClient, type TestServer } from '../helpers/server.js';
import { BoardPeers, rejectedCodes as rejectedCodesOn } from '../helpers/boardPeers.js';

/**
 * Discharge flag, "nej tak" and local offers on the real server with real websocket clients
 * (issue #16 part 5). A raw client's "nej tak" in someone else's name, a removed "nej tak",
 * a review marked in someone else's name, and a link to an offer the municipality's directory
 * does not have are each refused whole with their code (audited, the sender told); the
 * good writes are stored and reach the others. The directory's HTTP API lets everyone search
 * and only the administrator, leder and koordinator change it.
 */
const BOARD = 'tavle-nord';
const ANNE = { source: 'local', userId: 'u-anne' } as const;
const BENT = { source: 'local', userId: 'u-bent' } as const;

let srv: TestServer;
let cookies: Record<'anne' | 'bent' | 'frederik' | 'admin' | 'skaerm', string>;
const peers = new BoardPeers(() => srv, BOARD);
const client = (cookie: string) => peers.client(cookie);
const notices = (cookie: string) => peers.notices(cookie);

const rejectedCodes = (cardId: string, count: number): Promise<string[]> => rejectedCodesOn(srv, cardId, count);

const used = new Set<string>();
function freshCard(c: BoardClient): Card {
  const card = c.board.cards().find((x) => x.lifecycle.closure === null && !used.has(x.id));
  if (!card) throw new Error('no free demo card');
  used.add(card.id);
  return card;
}

const offerInput = (name: string, tags: string[]) => ({
  name,
  what: 'En frivillig kommer til kaffe og snak en gang om ugen',
  area: 'Nordby',
  contact: 'Ældre Sagen Nordby',
  tags,
});

beforeAll(async () => {
  srv = await startServer();
  cookies = {
    anne: await login(srv.baseUrl, 'anne'),
    bent: await login(srv.baseUrl, 'bent'),
    frederik: await login(srv.baseUrl, 'frederik'),
    admin: await login(srv.baseUrl, 'admin'),
    skaerm: await login(srv.baseUrl, 'skaerm-nord'),
  };
});
afterEach(() => {
  peers.closeAll();
});
afterAll(async () => {
  await srv.kill('SIGKILL');
  srv.cleanup();
});

describe('discharge flag and "nej tak" through the write gate', () => {
  it('stores a discharge and its review, and refuses a review in someone else’s name', async () => {
    const anne = await client(cookies.anne);
    const bent = await client(cookies.bent);
    const card = freshCard(anne);
    anne.board.flagDischarge(card.id, { date: '2026-03-14', by: 'u-anne', byName: 'Anne Holm' }, ANNE);
    await waitFor(() => bent.board.card(card.id)?.lifecycle.discharge?.date === '2026-03-14', {
      what: 'the discharge at Bent',
    });

    const forger = await client(cookies.anne);
    forger.board.markDischargeReviewed(card.id, { by: 'u-frederik', byName: 'Frederik Dahl' }, ANNE);
    await waitFor(() => forger.closeCodes.includes(CloseCode.writeRefused), { what: 'forged review refused' });

    bent.board.markDischargeReviewed(card.id, { by: 'u-bent', byName: 'Bent Nielsen' }, BENT);
    const other = await client(cookies.anne);
    await waitFor(() => other.board.card(card.id)?.lifecycle.discharge?.reviewedBy === 'u-bent', {
      what: 'the review at Anne',
    });
    expect(await rejectedCodes(card.id, 1)).toEqual(['impersonation']);
  });

  it('stores a "nej tak"; refuses one in someone else’s name and the removal of a logged one', async () => {
    const told = await notices(cookies.anne);
    const anne = await client(cookies.anne);
    const bent = await client(cookies.bent);
    const card = freshCard(anne);
    const id = anne.board.addDecline(card.id, { by: 'u-anne', byName: 'Anne Holm', what: 'Bad' }, ANNE);
    await waitFor(() => bent.board.card(card.id)?.lifecycle.declines.some((d) => d.id === id) === true, {
      what: 'the "nej tak" at Bent',
    });

    const forger = await client(cookies.anne);
    forger.board.addDecline(card.id, { by: 'u-bent', byName: 'Bent Nielsen', what: 'Rengøring' }, ANNE);
    await waitFor(() => forger.closeCodes.includes(CloseCode.writeRefused), { what: 'forged decline refused' });

    const eraser = await client(cookies.anne);
    const declines = eraser.board.cardsMap.get(card.id)!.get('declines') as Y.Map<unknown>;
    eraser.doc.transact(() => declines.delete(id), ANNE);
    await waitFor(() => eraser.closeCodes.includes(CloseCode.writeRefused), { what: 'removal refused' });
    await waitFor(() => told.some((n) => n.op === 'decline_append_only'), { what: 'notice to Anne' });
    expect(told.find((n) => n.op === 'decline_append_only')!.message).toMatch(/nej tak kan ikke ændres/);
    expect(await rejectedCodes(card.id, 2)).toEqual(['impersonation', 'decline_append_only']);

    // The refused removal never reached anyone: the logged "nej tak" is still there.
    const later = await client(cookies.bent);
    expect(later.board.card(card.id)!.lifecycle.declines.map((d) => d.id)).toContain(id);
  });
});

describe('the local offers directory', () => {
  let besog: LocalOffer;

  it('only the administrator, leder and koordinator change it; everyone searches it, without æøå', async () => {
    const denied = await apiCall(srv.baseUrl, cookies.anne, 'POST', '/api/offers', offerInput('Besøgsven', []));
    expect(denied.status).toBe(403);
    const created = await apiCall<LocalOffer>(
      srv.baseUrl,
      cookies.frederik,
      'POST',
      '/api/offers',
      offerInput('Besøgsven i Nordby', ['Ensomhed', 'samvær']),
    );
    expect(created.status).toBe(201);
    besog = created.body;
    expect(besog.tags).toEqual(['ensomhed', 'samvær']);
    expect(besog.districtId).toBeNull();

    const cpr = await apiCall(srv.baseUrl, cookies.admin, 'POST', '/api/offers', {
      ...offerInput('Gåhold', []),
      contact: 'Ring til 010203-1234',
    });
    expect(cpr.status).toBe(400);

    const found = await apiCall<LocalOffersResponse>(srv.baseUrl, cookies.anne, 'GET', '/api/offers?q=besogsven');
    expect(found.status).toBe(200);
    expect(found.body.canManage).toBe(false);
    expect(found.body.offers.map((o) => o.id)).toContain(besog.id);
    const none = await apiCall<LocalOffersResponse>(srv.baseUrl, cookies.anne, 'GET', '/api/offers?q=golfbane');
    expect(none.body.offers).toEqual([]);
    expect((await apiCall(srv.baseUrl, cookies.skaerm, 'GET', '/api/offers')).status).toBe(403);

    const changed = await apiCall<LocalOffer>(srv.baseUrl, cookies.admin, 'PUT', `/api/offers/${besog.id}`, {
      ...offerInput('Besøgsven i Nordby', ['ensomhed']),
      area: 'Nordby og omegn',
    });
    expect(changed.body.area).toBe('Nordby og omegn');
    const audited = sqlOn<{ detail: string }>(
      srv.dataDir,
      "SELECT detail FROM audit_log WHERE action = 'settings_changed' ORDER BY id",
    ).map((r) => JSON.parse(r.detail) as { setting: string; change: string });
    expect(audited.filter((d) => d.setting === 'localOffers').map((d) => d.change)).toEqual(['created', 'changed']);
  });

  it('an offer for one district reaches that district’s teams only; an unknown district is refused', async () => {
    // The demo's Distrikt Kyst holds Team Bakke and Team Skov, not Anne's Team Nord (Distrikt Midt).
    const kyst = await apiCall<LocalOffer>(srv.baseUrl, cookies.admin, 'POST', '/api/offers', {
      ...offerInput('Strandens gåhold', ['motion']),
      districtId: 'district-kyst',
    });
    expect(kyst.status).toBe(201);
    expect(kyst.body.districtId).toBe('district-kyst');
    const forAnne = await apiCall<LocalOffersResponse>(srv.baseUrl, cookies.anne, 'GET', '/api/offers');
    expect(forAnne.body.offers.map((o) => o.id)).not.toContain(kyst.body.id);
    expect(forAnne.body.offers.map((o) => o.id)).toContain(besog.id); // the whole municipality's
    expect(forAnne.body.districts.map((d) => d.id)).toContain('district-kyst');
    const forAdmin = await apiCall<LocalOffersResponse>(srv.baseUrl, cookies.admin, 'GET', '/api/offers');
    expect(forAdmin.body.offers.map((o) => o.id)).toContain(kyst.body.id);
    const unknown = await apiCall(srv.baseUrl, cookies.admin, 'POST', '/api/offers', {
      ...offerInput('Et andet sted', []),
      districtId: 'district-findes-ikke',
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('Ukendt distrikt');
  });

  it('links an offer to a card; a link to an offer that does not exist is refused', async () => {
    const told = await notices(cookies.anne);
    const anne = await client(cookies.anne);
    const bent = await client(cookies.bent);
    const card = freshCard(anne);
    anne.board.linkOffer(card.id, besog.id, { by: 'u-anne', byName: 'Anne Holm' }, ANNE);
    await waitFor(() => bent.board.card(card.id)?.lifecycle.offerLinks.some((l) => l.id === besog.id) === true, {
      what: 'the link at Bent',
    });

    const raw = await client(cookies.anne);
    raw.board.linkOffer(card.id, 'o-findes-ikke', { by: 'u-anne' }, ANNE);
    await waitFor(() => raw.closeCodes.includes(CloseCode.writeRefused), { what: 'unknown offer refused' });
    await waitFor(() => told.some((n) => n.op === 'offer_unknown'), { what: 'notice to Anne' });
    expect(told.find((n) => n.op === 'offer_unknown')!.message).toMatch(/findes ikke/);
    expect(await rejectedCodes(card.id, 1)).toEqual(['offer_unknown']);

    // Deleting the offer from the directory makes a new link to it refused too.
    expect((await apiCall(srv.baseUrl, cookies.frederik, 'DELETE', `/api/offers/${besog.id}`)).status).toBe(200);
    const late = await client(cookies.bent);
    const other = freshCard(late);
    late.board.linkOffer(other.id, besog.id, { by: 'u-bent' }, BENT);
    await waitFor(() => late.closeCodes.includes(CloseCode.writeRefused), { what: 'deleted offer refused' });
    expect(await rejectedCodes(other.id, 1)).toEqual(['offer_unknown']);
  });
});

describe('the municipality’s settings', () => {
  it('the administrator sets the "nej tak" threshold and the lane; the board config carries them', async () => {
    const put = (body: unknown) =>
      apiCall<AdminSettings>(srv.baseUrl, cookies.admin, 'PUT', '/api/admin/settings', body);
    const set = await put({ careSignals: { dischargeLane: false, declineCount: 2, declineDays: 7 } });
    expect(set.status).toBe(200);
    expect(set.body.careSignals).toEqual({
      settings: { dischargeLane: false, declineCount: 2, declineDays: 7 },
      isDefault: false,
    });
    const config = await apiCall(srv.baseUrl, cookies.anne, 'GET', `/api/boards/${BOARD}/config`);
    expect(BoardConfigResponseSchema.parse(config.body).careSignals).toMatchObject({ declineCount: 2 });
    expect((await put({ careSignals: { dischargeLane: true, declineCount: 1, declineDays: 7 } })).status).toBe(400);
    expect((await put({ careSignals: null })).body.careSignals.isDefault).toBe(true);
  });
});
