import type { Delivery } from '@/lib/messaging/messages';

const HEADLINES: Record<Delivery['outcome'], string> = {
  delivered: 'Delivered',
  rejected: 'Rejected by the endpoint',
  failed: 'Failed',
  'not-sent': 'Not sent',
};

export function DeliveryView({ delivery }: { delivery: Delivery }) {
  const facts = [
    delivery.httpStatus !== undefined ? `HTTP ${delivery.httpStatus}` : undefined,
    delivery.latencyMs !== undefined ? `${delivery.latencyMs} ms` : undefined,
  ].filter(Boolean);
  return (
    <section class={`status ${delivery.outcome === 'delivered' ? 'success' : 'error'}`} role="status">
      <p>
        <strong>{HEADLINES[delivery.outcome]}</strong>
        {facts.length > 0 && ` · ${facts.join(' · ')}`}
      </p>
      {delivery.error && <p>{delivery.error}</p>}
      {delivery.responseExcerpt && <pre class="response">{delivery.responseExcerpt}</pre>}
    </section>
  );
}
