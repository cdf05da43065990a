import { Component, lazy, Suspense, useLayoutEffect, useRef, type ReactNode } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { CatalogAge } from './components/catalog-age.tsx';
import { markNavigation, PageHeader } from './components/page.tsx';
import { ErrorNotice, Loading } from './components/status.tsx';
import { ThemeSwitch } from './components/theme-switch.tsx';
import { useSignInNeeded } from './lib/session.ts';

// Every page is its own chunk: the first load carries the shell and the page it lands on.
const CatalogPage = lazy(() => import('./pages/catalog.tsx'));
const ModelPage = lazy(() => import('./pages/model.tsx'));
const ComparePage = lazy(() => import('./pages/compare.tsx'));
const CostPage = lazy(() => import('./pages/cost/index.tsx'));
const RecommendPage = lazy(() => import('./pages/recommend.tsx'));
const StudioPage = lazy(() => import('./pages/studio/index.tsx'));
const HistoryPage = lazy(() => import('./pages/history/index.tsx'));
const JudgePage = lazy(() => import('./pages/judge/index.tsx'));
const ArenaPage = lazy(() => import('./pages/arena/index.tsx'));
const LeaderboardPage = lazy(() => import('./pages/arena/leaderboard.tsx'));
const SpendPage = lazy(() => import('./pages/spend/index.tsx'));
const SettingsPage = lazy(() => import('./pages/settings/index.tsx'));
const SignInPage = lazy(() => import('./pages/sign-in.tsx'));

const NAV = [
  { href: '/', label: 'Catalog', match: (p: string) => p === '/' || p.startsWith('/models') },
  { href: '/compare', label: 'Compare', match: (p: string) => p.startsWith('/compare') },
  { href: '/cost', label: 'Cost', match: (p: string) => p.startsWith('/cost') },
  { href: '/recommend', label: 'Recommend', match: (p: string) => p.startsWith('/recommend') },
  { href: '/studio', label: 'Studio', match: (p: string) => p.startsWith('/studio') },
  { href: '/history', label: 'History', match: (p: string) => p.startsWith('/history') },
  {
    href: '/arena',
    label: 'Arena',
    match: (p: string) => p.startsWith('/arena') || p.startsWith('/leaderboard'),
  },
  { href: '/spend', label: 'Spend', match: (p: string) => p.startsWith('/spend') },
  { href: '/settings', label: 'Settings', match: (p: string) => p.startsWith('/settings') },
] as const;

export function App() {
  const [location] = useLocation();
  const signInNeeded = useSignInNeeded();
  const first = useRef(true);
  // A layout effect runs before the new page's (passive) effects, so its heading sees the flag.
  useLayoutEffect(() => {
    if (first.current) first.current = false;
    else markNavigation();
  }, [location]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link href="/" className="brand" aria-label="Atelier home">
          <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
            <rect width="32" height="32" rx="7" fill="currentColor" />
            <path
              d="M9 24 16 8l7 16M11.8 18h8.4"
              fill="none"
              style={{ stroke: 'var(--bg)' }}
              strokeWidth="2.6"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          <span>Atelier</span>
        </Link>
        <nav aria-label="Main" className="main-nav">
          <ul>
            {NAV.map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={item.match(location) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <ThemeSwitch />
      </header>
      <main id="main" tabIndex={-1}>
        <PageBoundary key={location}>
          <Suspense fallback={<Loading label="Loading page…" />}>
            {signInNeeded ? (
              <SignInPage />
            ) : (
              <Switch>
                <Route path="/" component={CatalogPage} />
                <Route path="/models/:id">
                  {(params) => <ModelPage id={decodeURIComponent(params.id)} />}
                </Route>
                <Route path="/compare" component={ComparePage} />
                <Route path="/cost" component={CostPage} />
                <Route path="/recommend" component={RecommendPage} />
                <Route path="/studio" component={StudioPage} />
                <Route path="/history" component={HistoryPage} />
                <Route path="/judge" component={JudgePage} />
                <Route path="/arena" component={ArenaPage} />
                <Route path="/leaderboard" component={LeaderboardPage} />
                <Route path="/spend" component={SpendPage} />
                <Route path="/settings" component={SettingsPage} />
                <Route>
                  <NotFound />
                </Route>
              </Switch>
            )}
          </Suspense>
        </PageBoundary>
      </main>
      <footer className="app-footer">
        <CatalogAge />
      </footer>
    </>
  );
}

function NotFound() {
  return (
    <>
      <PageHeader title="Page not found" docTitle="Not found" />
      <p>
        There is no page at this address. <Link href="/">Browse the catalog</Link> instead.
      </p>
    </>
  );
}

/** Catches render failures and chunks that fail to load (a deploy replaced them), per page. */
class PageBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    if (this.state.error) {
      return (
        <ErrorNotice
          error={this.state.error}
          title="This page failed to load"
          onRetry={() => window.location.reload()}
        />
      );
    }
    return this.props.children;
  }
}
