import type { TStripeStatus } from '@/lib/stripe/schema';

/** Step by step, in the words of Stripe's Dashboard. */
export function SetupSteps({ events }: { events: TStripeStatus['events'] }) {
  return (
    <ol className="steps" data-testid="stripe-steps" style={{ display: 'grid', gap: 8, paddingLeft: 20, margin: 0 }}>
      <li>
        In the Stripe Dashboard, open <strong>Developers → Webhooks</strong> and choose <strong>Add endpoint</strong> (or <strong>Add destination</strong>, then
        <em> Webhook endpoint</em>).
      </li>
      <li>Paste the endpoint URL above as the endpoint URL.</li>
      <li>
        Under <strong>Select events</strong>, select these {events.length}: {events.map((e, i) => (
          <span key={e.type}>
            {i > 0 ? ', ' : ''}
            <code>{e.type}</code>
          </span>
        ))}
        . Others are acknowledged and ignored.
      </li>
      <li>Add the endpoint. On its page, under <strong>Signing secret</strong>, choose <strong>Reveal</strong> and copy the value (it starts with <code>whsec_</code>).</li>
      <li>Paste it in the field above and save. Stripe’s next event appears under “Last events received” below.</li>
      <li>
        Your checkout must send each payment to Orylo with the PaymentIntent id as <code>externalId</code>: that is how an event finds its detection.
        Events for payments Orylo never scored are acknowledged and listed as “no matching payment”.
      </li>
    </ol>
  );
}
