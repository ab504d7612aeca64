/**
 * Debian's Chromium driven by playwright-core: never a downloaded browser.
 * The flags keep it off the network (this machine has none beyond loopback).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS, headless: true });
}

export type Width = 1280 | 390;

/** A fresh context at a viewport width (1280 desktop, 390 phone), light or dark. */
export async function newContext(browser: Browser, width: Width, colorScheme: 'light' | 'dark' = 'light'): Promise<BrowserContext> {
  return browser.newContext({
    colorScheme,
    reducedMotion: 'reduce',
    viewport: { width, height: width === 390 ? 844 : 900 },
    deviceScaleFactor: 1,
    isMobile: width === 390,
    hasTouch: width === 390,
    javaScriptEnabled: true,
  });
}

/** Where screenshots and other artefacts go (kept by CI as test artefacts). */
export async function artefactDir(name: string): Promise<string> {
  const dir = path.resolve(process.env.E2E_ARTEFACTS ?? 'test-results/e2e', name);
  await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
  return dir;
}

export async function tempProfile(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'chromium-profile-'));
}
