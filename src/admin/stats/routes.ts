// The statistics pages under /admin/stats (behind the staff guard of src/admin/routes.ts).
import { Hono } from 'hono';
import type { StaffEnv } from '../../auth/session.ts';
import { statsCsv } from './csv.ts';
import { statsDonor } from './donor.tsx';
import { statsOverview } from './overview.tsx';

export function statsAdminRoutes(): Hono<StaffEnv> {
  const stats = new Hono<StaffEnv>();
  stats.get('/', statsOverview);
  stats.get('/donor', statsDonor);
  stats.get('/:table{[a-z]+\\.csv}', statsCsv);
  return stats;
}
