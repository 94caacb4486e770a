// The map of the staff pages under /admin (and /ru/admin, /kk/admin): one handler per file.
import { Hono } from 'hono';
import type { StaffEnv } from '../auth/session.ts';
import { dashboard } from './handlers/dashboard.tsx';
import { fileDownload } from './handlers/file-download.ts';
import { fileSave } from './handlers/file-save.tsx';
import { fileUpload } from './handlers/file-upload.tsx';
import { historyRestore } from './handlers/history-restore.ts';
import { historyShow } from './handlers/history-show.tsx';
import { ingestJobShow } from './handlers/ingest-job-show.tsx';
import { publicationCreate } from './handlers/publication-create.tsx';
import { publicationEdit } from './handlers/publication-edit.tsx';
import { publicationNew } from './handlers/publication-new.tsx';
import { publicationSave } from './handlers/publication-save.tsx';
import { publicationStatus } from './handlers/publication-status.tsx';
import { requestShow } from './handlers/request-show.tsx';
import { requestStatus } from './handlers/request-status.ts';
import { requestsInbox } from './handlers/requests-inbox.tsx';
import { suggestionApply } from './handlers/suggestion-apply.tsx';
import { tokenCreate } from './handlers/token-create.tsx';
import { tokenRevoke } from './handlers/token-revoke.ts';
import { tokensList } from './handlers/tokens-list.tsx';
import { userCreate } from './handlers/user-create.tsx';
import { userEdit } from './handlers/user-edit.tsx';
import { userLink } from './handlers/user-link.tsx';
import { userNew } from './handlers/user-new.tsx';
import { userSave } from './handlers/user-save.tsx';
import { usersList } from './handlers/users-list.tsx';
import { entitiesList } from './handlers/entities-list.tsx';
import { entityEdit } from './handlers/entity-edit.tsx';
import { entitySave } from './handlers/entity-save.tsx';
import { ENTITY_TYPES } from '../domain/entity.ts';
import { staffOnly } from './guard.ts';

export function adminRoutes(): Hono<StaffEnv> {
  const admin = new Hono<StaffEnv>();
  admin.use(staffOnly);
  admin.get('/', dashboard);
  admin.get('/publications/new', publicationNew);
  admin.post('/publications', publicationCreate);
  admin.get('/publications/:slug', publicationEdit);
  admin.post('/publications/:slug', publicationSave);
  admin.post('/publications/:slug/status', publicationStatus);
  admin.post('/publications/:slug/files', fileUpload);
  admin.get('/publications/:slug/files/:id', fileDownload);
  admin.post('/publications/:slug/files/:id', fileSave);
  admin.get('/publications/:slug/history', historyShow);
  admin.post('/publications/:slug/history/:id/restore', historyRestore);
  admin.post('/publications/:slug/suggestions', suggestionApply);
  admin.get('/jobs/:id', ingestJobShow);
  admin.get('/requests', requestsInbox);
  admin.get('/requests/:id', requestShow);
  admin.post('/requests/:id', requestStatus);
  admin.get('/tokens', tokensList);
  admin.post('/tokens', tokenCreate);
  admin.post('/tokens/:id/revoke', tokenRevoke);
  for (const type of ENTITY_TYPES) {
    admin.get(`/${type}`, entitiesList(type));
    admin.get(`/${type}/:id{[0-9]+}`, entityEdit(type));
    admin.post(`/${type}/:id{[0-9]+}`, entitySave(type));
  }
  admin.get('/users', usersList);
  admin.get('/users/new', userNew);
  admin.post('/users', userCreate);
  admin.get('/users/:id', userEdit);
  admin.post('/users/:id', userSave);
  admin.post('/users/:id/link', userLink);
  return admin;
}
