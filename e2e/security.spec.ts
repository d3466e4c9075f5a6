// The browser-facing protections: headers, a nonce-based CSP that the app itself never trips.
import { expect, test } from '@playwright/test';

test('pages carry a strict CSP and security headers, and nothing on them breaks it', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text()); });
  const res = await page.goto('/');
  const csp = res!.headers()['content-security-policy'] ?? '';
  const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
  expect(scriptSrc).not.toContain('unsafe-inline');
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res!.headers()['x-content-type-options']).toBe('nosniff');
  expect(res!.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
  // The page works under it: the theme script ran, React hydrated (the theme button responds).
  await page.getByRole('button', { name: /^Theme:/ }).click();
  await page.goto('/alerts');
  await page.goto('/settings');
  expect(violations).toEqual([]);
});

test('API errors are one JSON shape without stack traces', async ({ request }) => {
  const res = await request.post('/api/v1/reports', { data: '{"truncated', headers: { 'content-type': 'application/json', authorization: 'Bearer nope' } });
  expect(res.status()).toBe(401);
  const body = await res.text();
  expect(JSON.parse(body)).toEqual({ error: { code: 'unauthorized', message: 'invalid token' } });
  expect(body).not.toMatch(/at \w+ \(|node_modules|SELECT /);
});
