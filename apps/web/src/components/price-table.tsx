import type { RouterOutputs } from '../trpc.ts';
import type { ReactNode } from 'react';
import { formatCount } from '../lib/format.ts';
import { Money } from './money.tsx';

type Route = RouterOutputs['catalog']['get']['routes'][number];
export type Price = Route['price'];
type When = {
  quality?: string;
  size?: string;
  resolution?: string;
  audio?: boolean;
  variant?: string;
};

/** "quality high, 1024x1024": when a price tier applies; "any settings" when always. */
export function whenText(when: When): string {
  const parts = [
    when.quality && `quality ${when.quality}`,
    when.size,
    when.resolution,
    when.audio === undefined ? undefined : when.audio ? 'with audio' : 'no audio',
    when.variant && `variant ${when.variant}`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'any settings';
}

/** A route's price as the catalog states it: tiers and rates, formatted, never recomputed. */
export function PriceDetails({ price }: { price: Price }) {
  switch (price.unit) {
    case 'image':
      return (
        <>
          <Tiers
            rows={price.tiers.map((t) => [
              whenText(t.when),
              <Money micros={t.micros} per="image" />,
            ])}
          />
          {price.inputImageMicros !== undefined && (
            <p>
              Each input image: <Money micros={price.inputImageMicros} />
            </p>
          )}
        </>
      );
    case 'second':
      return (
        <Tiers
          rows={price.tiers.map((t) => [
            whenText(t.when),
            <Money micros={t.micros} per="second" />,
          ])}
        />
      );
    case 'video_token':
      return (
        <>
          <Tiers
            rows={price.tiers.map((t) => [
              whenText(t.when),
              <Money micros={t.microsPerMillion} per="1M video tokens" />,
            ])}
          />
          <p className="muted">
            Tokens = (input + output seconds) × width × height × {price.fps} fps ÷ 1024.
          </p>
        </>
      );
    case 'megapixel':
      return (
        <dl className="facts">
          <dt>First megapixel</dt>
          <dd>
            <Money micros={price.firstMpMicros} />
          </dd>
          <dt>Each extra megapixel</dt>
          <dd>
            <Money micros={price.extraMpMicros} />
          </dd>
          {price.inputMpMicros !== undefined && (
            <>
              <dt>Each input megapixel</dt>
              <dd>
                <Money micros={price.inputMpMicros} />
              </dd>
            </>
          )}
          <dt>Megapixel</dt>
          <dd>
            {formatCount(price.mpPixels)} pixels,{' '}
            {price.rounding === 'up' ? 'partial megapixels billed as whole' : 'billed pro rata'}
          </dd>
        </dl>
      );
    case 'token': {
      const r = price.ratesPerMillion;
      const rates: [string, number | undefined][] = [
        ['Text input', r.textInput],
        ['Cached text input', r.textInputCached],
        ['Image input', r.imageInput],
        ['Cached image input', r.imageInputCached],
        ['Image output', r.imageOutput],
        ['Text output', r.textOutput],
      ];
      const out = price.outputImageTokens;
      return (
        <>
          <Tiers
            head={['Tokens', 'Per 1M']}
            rows={rates
              .filter(([, v]) => v !== undefined)
              .map(([k, v]) => [k, <Money micros={v ?? 0} />])}
          />
          {out.kind === 'table' ? (
            <Tiers
              head={['Output image', 'Tokens']}
              rows={out.tiers.map((t) => [whenText(t.when), formatCount(t.tokens)])}
            />
          ) : (
            <p>Output tokens per image follow the {out.formula} formula (size × quality).</p>
          )}
          {price.inputImageTokens !== undefined && (
            <p>About {formatCount(price.inputImageTokens)} tokens per input image.</p>
          )}
        </>
      );
    }
    case 'credits':
      return (
        <>
          <Tiers
            head={['Settings', `Credits / ${price.per}`]}
            rows={price.tiers.map((t) => [whenText(t.when), formatCount(t.credits)])}
          />
          <p>
            {price.rate ? (
              <>
                {formatCount(price.rate.credits)} credits cost <Money micros={price.rate.micros} />.
              </>
            ) : (
              'The source gives no dollar rate for these credits.'
            )}
          </p>
        </>
      );
  }
}

function Tiers({
  rows,
  head = ['Settings', 'Price'],
}: {
  rows: [string, ReactNode][];
  head?: [string, string];
}) {
  return (
    <table className="tiers">
      <thead>
        <tr>
          <th scope="col">{head[0]}</th>
          <th scope="col" className="num">
            {head[1]}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <td>{k}</td>
            <td className="num price">{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
