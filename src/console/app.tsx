/**
 * The console: a sign-in form until a token is kept for this tab, then the navigation and the page
 * of the address. Addresses carry ids only (a customer id, a group id, an invoice id), never a
 * personal value: a search by phone or email stays in the page.
 */
import { useEffect, useState } from 'preact/hooks';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { currentSession, signOut, type Session } from './session';
import { SignInPage } from './pages/sign-in-page';
import { CustomersPage } from './pages/customers-page';
import { CustomerPage } from './pages/customer-page';
import { GroupsPage } from './pages/groups-page';
import { GroupPage } from './pages/group-page';
import { FilesPage } from './pages/files-page';
import { ReceivablesPage } from './pages/receivables-page';
import { InvoicePage } from './pages/invoice-page';
import { RulesPage } from './pages/rules-page';
import { NotFoundPage } from './pages/not-found-page';

/** The pages of the navigation, in its order. */
const sections = [
  { href: '/console/customers', label: 'Customers' },
  { href: '/console/groups', label: 'Groups' },
  { href: '/console/files', label: 'Imports and exports' },
  { href: '/console/receivables', label: 'Who owes what' },
  { href: '/console/rules', label: 'Rules' },
];

function useSession(): Session | null {
  const [session, setSession] = useState(currentSession);
  useEffect(() => {
    const changed = () => setSession(currentSession());
    window.addEventListener('rulebook-session', changed);
    return () => window.removeEventListener('rulebook-session', changed);
  }, []);
  return session;
}

function Navigation({ session }: { session: Session }) {
  const { path } = useLocation();
  return (
    <header class="top">
      <a class="skip" href="#main">
        Skip to the page
      </a>
      <span class="brand">Rulebook</span>
      <nav aria-label="Sections">
        <ul>
          {sections.map((section) => (
            <li key={section.href}>
              <a href={section.href} aria-current={path.startsWith(section.href) ? 'page' : undefined}>
                {section.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <span class="who">
        {session.person ? `${session.person} · ` : ''}
        <button type="button" class="link" onClick={() => signOut()}>
          Sign out
        </button>
      </span>
    </header>
  );
}

export function App() {
  const session = useSession();
  if (!session) return <SignInPage />;
  return (
    <LocationProvider>
      <Navigation session={session} />
      <main id="main" tabIndex={-1}>
        <Router>
          <Route path="/console" component={CustomersPage} />
          <Route path="/console/customers" component={CustomersPage} />
          <Route path="/console/customers/:customerId" component={CustomerPage} />
          <Route path="/console/groups" component={GroupsPage} />
          <Route path="/console/groups/:groupId" component={GroupPage} />
          <Route path="/console/files" component={FilesPage} />
          <Route path="/console/receivables" component={ReceivablesPage} />
          <Route path="/console/invoices/:invoiceId" component={InvoicePage} />
          <Route path="/console/rules" component={RulesPage} />
          <Route default component={NotFoundPage} />
        </Router>
      </main>
    </LocationProvider>
  );
}
