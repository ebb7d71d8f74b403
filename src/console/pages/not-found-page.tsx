/** An address the console has no page for. */
export function NotFoundPage() {
  return (
    <section>
      <h1>No such page</h1>
      <p>
        The console has no page at this address. Start from <a href="/console/customers">Customers</a>.
      </p>
    </section>
  );
}
