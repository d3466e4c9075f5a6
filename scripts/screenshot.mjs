// Screenshots of pages for a person to look at: node scripts/screenshot.mjs URL OUT.png [dark]
// Pages behind sign-in: set HEADROOM_SCREENSHOT_USER and HEADROOM_SCREENSHOT_PASSWORD
// and the script signs in at the URL's /login first. HEADROOM_SCREENSHOT_CLICK: the
// text of something to click first (a <details> summary, say).
import { chromium } from '@playwright/test';

const [url, out, scheme = 'light'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme: scheme });
const user = process.env.HEADROOM_SCREENSHOT_USER;
if (user) {
  await page.goto(new URL('/login', url).toString());
  await page.getByLabel('Name').fill(user);
  await page.getByLabel('Password').fill(process.env.HEADROOM_SCREENSHOT_PASSWORD ?? '');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}
await page.goto(url, { waitUntil: 'networkidle' });
const click = process.env.HEADROOM_SCREENSHOT_CLICK;
if (click) await page.getByText(click, { exact: true }).first().click();
await page.waitForTimeout(500);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
