import { describe, expect, it } from 'vitest';
import {
  parseVolumes,
  readCostState,
  volumesToPrice,
  writeCostState,
} from '../pages/cost/state.ts';
import { parseUsdInput } from './money-input.ts';
import { defaultShares } from '../pages/cost/split.tsx';
import { DEFAULT_STATUS, readCatalogState, writeCatalogState } from './catalog-state.ts';
import { readCompareState, writeCompareState } from './compare-state.ts';

const params = (s: string) => new URLSearchParams(s);

describe('catalog address state', () => {
  it('reads defaults from an empty address and writes nothing back', () => {
    const state = readCatalogState(params(''));
    expect(state).toMatchObject({
      query: '',
      status: DEFAULT_STATUS,
      sort: 'name',
      dir: 'asc',
      minScore: 0,
      unrunnable: false,
    });
    expect(state.view).toBeUndefined();
    expect(writeCatalogState(state)).toEqual({});
  });

  it('round-trips every filter', () => {
    const search =
      'q=flux&modality=image&task=edit&vendor=bfl&status=active%2Cretired&score=realism&min=4&from=0.01&to=0.1&sort=price&dir=desc&view=cards&unrunnable=1';
    const state = readCatalogState(params(search));
    expect(state).toEqual({
      query: 'flux',
      modality: 'image',
      task: 'edit',
      vendor: 'bfl',
      status: ['active', 'retired'],
      criterion: 'realism',
      minScore: 4,
      priceMin: '0.01',
      priceMax: '0.1',
      sort: 'price',
      dir: 'desc',
      view: 'cards',
      unrunnable: true,
    });
    expect(new URLSearchParams(writeCatalogState(state)).toString()).toBe(search);
  });

  it('drops values it does not know instead of sending them to the server', () => {
    const state = readCatalogState(
      params('modality=audio&task=dance&status=active,gone&score=vibes&min=9&from=abc&sort=random'),
    );
    expect(state).toMatchObject({
      modality: undefined,
      task: undefined,
      status: ['active'],
      criterion: undefined,
      minScore: 0,
      priceMin: undefined,
      sort: 'name',
    });
  });

  it('keeps an explicitly empty lifecycle choice empty', () => {
    expect(readCatalogState(params('status=')).status).toEqual([]);
  });
});

describe('compare address state', () => {
  it('keeps up to four distinct models in order, and a known lens', () => {
    expect(readCompareState(params('models=a,b,a,c,d,e&lens=portrait'))).toEqual({
      models: ['a', 'b', 'c', 'd'],
      lens: 'portrait',
    });
    expect(readCompareState(params('models=a&lens=cinema'))).toEqual({ models: ['a'] });
    expect(writeCompareState({ models: ['x', 'y'], lens: 'product' })).toEqual({
      models: 'x,y',
      lens: 'product',
    });
    expect(writeCompareState({ models: [] })).toEqual({});
  });
});

describe('cost calculator inputs', () => {
  it('parses volume lists with k and m suffixes, sorted and unique', () => {
    expect(parseVolumes('1k, 50 200;50 2.5k 1m')).toEqual({
      volumes: [50, 200, 1000, 2500, 1_000_000],
    });
    expect(parseVolumes('')).toEqual({ error: 'Enter at least one volume, e.g. 50, 200, 1000.' });
    expect(parseVolumes('10, -5')).toMatchObject({ error: expect.stringContaining('"-5"') });
    expect(parseVolumes('1.5')).toMatchObject({ error: expect.stringContaining('"1.5"') });
    expect(parseVolumes('11m')).toMatchObject({ error: expect.stringContaining('10,000,000') });
  });

  it('reads the address with defaults and asks the server for the chart volumes plus the headline one', () => {
    const state = readCostState(params('models=a,b&accept=62.5&volume=300'));
    expect(state).toEqual({
      models: ['a', 'b'],
      acceptRatePercent: 62.5,
      volume: 300,
      chartVolumes: [50, 200, 1000, 5000],
    });
    expect(volumesToPrice(state)).toEqual([50, 200, 300, 1000, 5000]);
    expect(writeCostState(state)).toEqual({ models: 'a,b', accept: '62.5', volume: '300' });
    expect(readCostState(params('accept=0&volume=-1'))).toMatchObject({
      acceptRatePercent: 100,
      volume: 1000,
    });
  });

  it('turns typed dollars into exact micro-USD', () => {
    expect(parseUsdInput('$1,250.50')).toEqual({ micros: 1_250_500_000 });
    expect(parseUsdInput('0.039')).toEqual({ micros: 39_000 });
    expect(parseUsdInput('')).toMatchObject({ error: expect.any(String) });
    expect(parseUsdInput('0.0000001')).toMatchObject({ error: expect.any(String) });
    expect(parseUsdInput('ten')).toMatchObject({ error: expect.stringContaining('"ten"') });
  });

  it('splits 80/20 for two models and evenly to 100 for more', () => {
    expect(defaultShares(1)).toEqual([100]);
    expect(defaultShares(2)).toEqual([80, 20]);
    expect(defaultShares(3)).toEqual([34, 33, 33]);
    expect(defaultShares(4)).toEqual([25, 25, 25, 25]);
  });
});
