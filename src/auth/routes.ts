// The pages around the staff area: login, logout, and choosing a password through a setup link.
import { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { loginCheck } from './login-check.tsx';
import { loginShow } from './login-show.tsx';
import { logoutEverywhere, logoutHere } from './logout.ts';
import { setupSave, setupShow } from './setup.tsx';

export function authRoutes(): Hono<AppEnv> {
  const auth = new Hono<AppEnv>();
  auth.get('/login', loginShow);
  auth.post('/login', loginCheck);
  auth.post('/logout', logoutHere);
  auth.post('/logout/everywhere', logoutEverywhere);
  auth.get('/setup/:token', setupShow);
  auth.post('/setup/:token', setupSave);
  return auth;
}
