/** An admin page's heading and what the page is for. */
export function PageHeader({ heading, intro }: { heading: string; intro: string }) {
  return (
    <section>
      <h1 className="text-xl font-semibold">{heading}</h1>
      <p className="text-sm text-fg-muted">{intro}</p>
    </section>
  );
}
