import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { LifecycleBadge, Replacements } from '../components/lifecycle.tsx';
import { PageHeader } from '../components/page.tsx';
import { PriceDetails } from '../components/price-table.tsx';
import { CannotRun } from '../components/runnable.tsx';
import { SourceRef } from '../components/source.tsx';
import { Empty, ErrorNotice, Loading } from '../components/status.tsx';
import { formatCount, formatDate, humanize } from '../lib/format.ts';
import { CRITERIA, keysOf, TASKS } from '../lib/labels.ts';
import { studioHref } from '../lib/studio-link.ts';
import { useTRPC, type RouterOutputs } from '../trpc.ts';
import { TableScroll } from '../components/table-scroll.tsx';

type Model = RouterOutputs['catalog']['get'];
type Note = Model['strengths'][number];

export default function ModelPage({ id }: { id: string }) {
  const trpc = useTRPC();
  const model = useQuery(trpc.catalog.get.queryOptions({ id }));
  // The replacements' names, asked for only when there are some to name: the catalog's short
  // listing (shared with Compare's picker), not the whole catalog.
  const replaced = (model.data?.lifecycle.replacements.length ?? 0) > 0;
  const all = useQuery({
    ...trpc.catalog.browse.queryOptions({ includeRetired: true }),
    enabled: replaced,
  });
  const names = new Map(Object.entries(all.data?.names ?? {}));

  if (model.isPending) return <Loading label="Loading the model…" minHeight="100vh" />;
  if (model.isError) {
    return (
      <>
        <PageHeader title="Model not found" docTitle="Model not found" />
        <ErrorNotice error={model.error} title={`No model "${id}"`} />
        <p>
          <Link href="/">Back to the catalog</Link>
        </p>
      </>
    );
  }
  const m = model.data;
  const { lifecycle } = m;
  const callable = lifecycle.status !== 'retired';

  return (
    <article className="stack">
      <PageHeader title={m.name} docTitle={m.name}>
        <p>
          {m.vendor} · {m.modality === 'image' ? 'Image model' : 'Video model'} ·{' '}
          <code>{m.id}</code>{' '}
          <LifecycleBadge status={lifecycle.status} shutdown={lifecycle.shutdown} />
        </p>
      </PageHeader>
      <p style={{ margin: 0, maxWidth: '75ch' }}>{m.description}</p>
      <div className="row">
        <Link className="button" href={`/compare?models=${encodeURIComponent(m.id)}`}>
          Compare with…
        </Link>
        {m.runnable && (
          <Link
            className="button button-primary"
            href={studioHref([{ id: m.id, modality: m.modality }]) ?? '/studio'}
            data-testid="run-in-studio"
          >
            Run in Studio
          </Link>
        )}
        {callable && (
          <Link className="button" href={`/cost?models=${encodeURIComponent(m.id)}`}>
            Price a project
          </Link>
        )}
      </div>

      {lifecycle.status === 'retired' || lifecycle.status === 'deprecated' ? (
        <div className="notice notice-warn" role="note" data-testid="lifecycle-notice">
          <p className="notice-title">
            {lifecycle.status === 'retired'
              ? 'Retired: this model can no longer be called.'
              : 'Deprecated: plan a move.'}
          </p>
          {m.shutdownWarning && <p data-testid="shutdown-warning">{m.shutdownWarning}</p>}
          <Replacements
            items={lifecycle.replacements.map((r) => ({ id: r, name: names.get(r) }))}
          />
        </div>
      ) : null}

      {!m.runnable && lifecycle.status !== 'retired' && (
        <div className="notice notice-warn" role="note">
          <p className="notice-title">Atelier can’t run this model here</p>
          <p>{sentence(m.notRunnableReason ?? 'no reason recorded')}</p>
        </div>
      )}

      <Section title="Lifecycle">
        <dl className="facts">
          <dt>Status</dt>
          <dd>
            <LifecycleBadge status={lifecycle.status} />
          </dd>
          {lifecycle.released && <Fact term="Released">{formatDate(lifecycle.released)}</Fact>}
          {lifecycle.deprecated && (
            <Fact term="Deprecation announced">{formatDate(lifecycle.deprecated)}</Fact>
          )}
          {lifecycle.shutdown && (
            <Fact term={lifecycle.status === 'retired' ? 'Shut down' : 'Shuts down'}>
              {formatDate(lifecycle.shutdown)}
            </Fact>
          )}
          {lifecycle.note && <Fact term="Note">{lifecycle.note}</Fact>}
          <Fact term="Source">
            <SourceRef source={lifecycle.source} />
          </Fact>
        </dl>
      </Section>

      <Section title="Specifications">
        <Specs model={m} />
        {m.claimedLatency && (
          <p>
            Claimed latency: {m.claimedLatency.minSeconds}–{m.claimedLatency.maxSeconds} s
            {m.claimedLatency.condition ? ` (${m.claimedLatency.condition})` : ''}.{' '}
            <SourceRef source={m.claimedLatency.source} />
          </p>
        )}
        {m.moderation && (
          <p>
            Moderation: {humanize(m.moderation.level)}. <SourceRef source={m.moderation.source} />
          </p>
        )}
      </Section>

      <Section title="Routes and prices">
        {m.routes.length === 0 ? (
          <Empty title="No priced route">
            <p>
              {m.unpricedReason ??
                'The catalog lists no way to call this model with a sourced price.'}
            </p>
          </Empty>
        ) : (
          <div className="cards">
            {m.routes.map((r) => (
              <section
                key={`${r.provider}:${r.providerModelId}`}
                className="card"
                aria-label={`${r.provider} route`}
              >
                <h3>
                  {r.provider} <LifecycleBadge status={r.status} />
                </h3>
                <p>
                  <code>{r.providerModelId}</code>
                </p>
                {!r.runnable && (
                  <p>
                    <CannotRun reason={r.notRunnableReason} whole />
                  </p>
                )}
                <PriceDetails price={r.price} />
                {r.price.note && <p>{r.price.note}</p>}
                {r.note && <p>{r.note}</p>}
                <SourceRef source={r.price.source} />
              </section>
            ))}
          </div>
        )}
      </Section>

      <Section title="Scores">
        <ScoreTable model={m} />
      </Section>

      <NoteList title="Strengths" notes={m.strengths} />
      <NoteList title="Limitations" notes={m.limitations} />
      <NoteList title="Best for" notes={m.bestFor} />
      <NoteList title="Avoid if" notes={m.avoidIf} />

      <Section title="Prompt template">
        <p>
          <code className="template">{m.prompt.template}</code>
        </p>
        <dl className="facts">
          <Fact term="Parts checked">{m.prompt.parts.map(humanize).join(', ')}</Fact>
          <Fact term="Length">up to {formatCount(m.prompt.maxWords)} words</Fact>
          {m.prompt.example && <Fact term="Example">{m.prompt.example}</Fact>}
          <Fact term="Source">
            <SourceRef source={m.prompt.source} />
          </Fact>
        </dl>
        {m.prompt.tips.length > 0 && (
          <>
            <h3>Tips</h3>
            <ul className="notes">
              {m.prompt.tips.map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ul>
          </>
        )}
      </Section>

      {m.claims.length > 0 && (
        <Section title="What sources claim">
          <ul className="notes">
            {m.claims.map((c, i) => (
              <li key={i}>
                <span className="tag">{humanize(c.topic)}</span> {c.text}{' '}
                <SourceRef source={c.source} />
              </li>
            ))}
          </ul>
        </Section>
      )}

      {m.aliases.length > 0 && (
        <p className="muted">
          Also known as:{' '}
          {m.aliases.map((a, i) => (
            <span key={a}>
              {i > 0 && ', '}
              <code>{a}</code>
            </span>
          ))}
        </p>
      )}
    </article>
  );
}

/** "no sourced price: …" → "No sourced price: ….", as a sentence under a notice title. */
const sentence = (text: string) =>
  `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

const yesNo = (b: boolean) => (b ? 'Yes' : 'No');

function Specs({ model }: { model: Model }) {
  const tasks = model.tasks.map((t) => TASKS[t]).join(', ');
  if (model.modality === 'video') {
    const v = model.video;
    return (
      <dl className="facts">
        <Fact term="Tasks">{tasks}</Fact>
        <Fact term="Clip lengths">{v.durations.map((d) => `${d} s`).join(', ')}</Fact>
        <Fact term="Resolutions">{v.resolutions.join(', ')}</Fact>
        <Fact term="Aspect ratios">{v.aspectRatios.join(', ')}</Fact>
        {v.fps.length > 0 && (
          <Fact term="Frame rates">{v.fps.map((f) => `${f} fps`).join(', ')}</Fact>
        )}
        <Fact term="Audio">{humanize(v.audio)}</Fact>
        <Fact term="Image to video">{yesNo(v.imageToVideo)}</Fact>
        <Fact term="Last-frame control">{yesNo(v.lastFrame)}</Fact>
        <Fact term="Videos per call">{v.maxVideosPerCall}</Fact>
        <Fact term="Seed">{yesNo(v.seed)}</Fact>
        <Fact term="Negative prompt">{yesNo(v.negativePrompt)}</Fact>
        <Fact term="Source">
          <SourceRef source={v.source} />
        </Fact>
      </dl>
    );
  }
  const c = model.image;
  const sizes =
    c.sizes.kind === 'list'
      ? c.sizes.values.join(', ')
      : c.sizes.kind === 'range'
        ? `Any size in steps of ${c.sizes.multipleOf} px, edges ${c.sizes.minEdge}–${c.sizes.maxEdge} px, ${formatCount(c.sizes.minPixels)}–${formatCount(c.sizes.maxPixels)} pixels, up to ${c.sizes.maxAspect}:1 (common: ${c.sizes.presets.join(', ')})`
        : 'Chosen by aspect ratio';
  return (
    <dl className="facts">
      <Fact term="Tasks">{tasks}</Fact>
      <Fact term="Sizes">{sizes}</Fact>
      {c.aspectRatios.length > 0 && <Fact term="Aspect ratios">{c.aspectRatios.join(', ')}</Fact>}
      {c.qualities.length > 0 && <Fact term="Quality">{c.qualities.join(', ')}</Fact>}
      {c.resolutions.length > 0 && (
        <Fact term="Resolution tiers">
          {c.resolutions.map((r) => `${r.name} (${formatCount(r.longEdge)} px)`).join(', ')}
        </Fact>
      )}
      <Fact term="Largest output">
        {formatCount(c.maxWidth)} × {formatCount(c.maxHeight)} px
      </Fact>
      <Fact term="Images per call">{c.maxImagesPerCall}</Fact>
      <Fact term="Input images">
        {c.maxInputImages === 0 ? 'None' : `Up to ${c.maxInputImages}`}
      </Fact>
      <Fact term="Mask editing">{yesNo(c.mask)}</Fact>
      <Fact term="Transparency">{yesNo(c.transparency)}</Fact>
      <Fact term="Formats">{c.outputFormats.join(', ')}</Fact>
      <Fact term="Seed">{yesNo(c.seed)}</Fact>
      <Fact term="Negative prompt">{yesNo(c.negativePrompt)}</Fact>
      <Fact term="Source">
        <SourceRef source={c.source} />
      </Fact>
    </dl>
  );
}

function ScoreTable({ model }: { model: Model }) {
  const rows = keysOf(CRITERIA).filter((c) => !(c === 'motion' && model.modality === 'image'));
  return (
    <TableScroll label="Score table" stickyFirst>
      <table>
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col" className="num">
              Score
            </th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => {
            const s = model.scores[c];
            return (
              <tr key={c}>
                <th scope="row">{CRITERIA[c]}</th>
                <td className="num">
                  {s ? `${s.value} / 5` : <span className="muted">unscored</span>}
                </td>
                <td>
                  {s ? <SourceRef source={s.source} /> : null}
                  {s?.note && <div className="muted">{s.note}</div>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

function NoteList({ title, notes }: { title: string; notes: readonly Note[] }) {
  if (!notes.length) return null;
  return (
    <Section title={title}>
      <ul className="notes">
        {notes.map((n) => (
          <li key={n.text}>
            {n.text} <SourceRef source={n.source} />
          </li>
        ))}
      </ul>
    </Section>
  );
}
