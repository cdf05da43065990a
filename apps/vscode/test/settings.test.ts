import { describe, expect, it } from 'vitest';
import { confirmAboveMicros, parseSettings } from '../src/lib/settings.ts';

describe('parseSettings', () => {
  it('fills the defaults', () => {
    expect(parseSettings({})).toEqual({
      studioUrl: '',
      outputFolder: 'assets/generated',
      confirmAboveUsd: 0.5,
      cliPath: '',
    });
  });
  it('trims a studio URL and its trailing slash', () => {
    expect(parseSettings({ studioUrl: ' http://127.0.0.1:8787/ ' }).studioUrl).toBe(
      'http://127.0.0.1:8787',
    );
  });
  it('names the setting at fault and what it allows', () => {
    expect(() => parseSettings({ studioUrl: 'ftp://x' })).toThrow(
      'Setting atelier.studioUrl must be an http:// or https:// URL, or empty.',
    );
    expect(() => parseSettings({ outputFolder: '../outside' })).toThrow(
      /atelier\.outputFolder must stay inside the workspace/,
    );
    expect(() => parseSettings({ outputFolder: '/abs' })).toThrow(
      /atelier\.outputFolder must be relative/,
    );
    expect(() => parseSettings({ confirmAboveUsd: -1 })).toThrow(
      /atelier\.confirmAboveUsd must be 0 or more/,
    );
    expect(() => parseSettings({ confirmAboveUsd: 'lots' })).toThrow(
      /atelier\.confirmAboveUsd must be a number/,
    );
  });
  it('turns the threshold into micro-USD without float drift', () => {
    expect(confirmAboveMicros(parseSettings({ confirmAboveUsd: 0.29 }))).toBe(290_000);
    expect(confirmAboveMicros(parseSettings({}))).toBe(500_000);
  });
});
