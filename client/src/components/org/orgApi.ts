import { z } from 'zod';
import type { VisitatorStatus } from '../../../../shared/model/organisation.js';
import {
  AdminOrganisationSchema,
  TeamVisitatorSchema,
  type AdminOrganisation,
  type CreateCover,
  type PatchTeamOrg,
  type TeamVisitator,
} from '../../../../shared/protocol/organisation.js';
import { request } from '../../api';

/** The organisation's HTTP calls (shared/protocol/organisation.ts). */
export const orgApi = {
  visitator: (teamId: string): Promise<TeamVisitator> =>
    request('GET', `/api/teams/${encodeURIComponent(teamId)}/visitator`, TeamVisitatorSchema),
  setStatus: (teamId: string, status: VisitatorStatus): Promise<TeamVisitator> =>
    request('PUT', `/api/teams/${encodeURIComponent(teamId)}/visitator/status`, TeamVisitatorSchema, { status }),
  organisation: (): Promise<AdminOrganisation> => request('GET', '/api/admin/organisation', AdminOrganisationSchema),
  createDistrict: (name: string): Promise<AdminOrganisation> =>
    request('POST', '/api/admin/districts', AdminOrganisationSchema, { name }),
  patchDistrict: (id: string, patch: { name?: string; visitatorIds?: string[] }): Promise<AdminOrganisation> =>
    request('PATCH', `/api/admin/districts/${encodeURIComponent(id)}`, AdminOrganisationSchema, patch),
  patchTeam: (teamId: string, patch: PatchTeamOrg): Promise<AdminOrganisation> =>
    request('PATCH', `/api/admin/teams/${encodeURIComponent(teamId)}/organisation`, AdminOrganisationSchema, patch),
  createCover: (c: CreateCover): Promise<AdminOrganisation> =>
    request('POST', '/api/admin/covers', AdminOrganisationSchema, c),
  endCover: (id: string): Promise<AdminOrganisation> =>
    request('DELETE', `/api/admin/covers/${encodeURIComponent(id)}`, z.custom<AdminOrganisation>()),
};
