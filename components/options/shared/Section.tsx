import type { ComponentChildren } from 'preact';

/** One screen of the options page: its heading, which names the section for screen readers, tools beside it. */
export function Section({
  id,
  title,
  tools,
  class: className,
  children,
}: {
  /** Makes the heading's id, `<id>-heading`. */
  id: string;
  title: string;
  tools?: ComponentChildren;
  class?: string;
  children: ComponentChildren;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} class={className}>
      <div class="section-header">
        <h2 id={`${id}-heading`}>{title}</h2>
        {tools}
      </div>
      {children}
    </section>
  );
}
