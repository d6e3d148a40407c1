import fc from 'fast-check';
import { filters as liquidFilters } from 'liquidjs';
import { describe, expect, it } from 'vitest';
import { shownRequest } from '@/lib/delivery/shown-request';
import type { Action } from '@/lib/model/action';
import { MASK, maskSecretValues } from '@/lib/render/mask';
import { renderRequest, renderShownRequest } from '@/lib/render/request';
import { maskingSecretOutputs, renderTemplate } from '@/lib/render/template';
import { makeAction, makeIncident, newInvocation } from '../../support/builders';
import { expectOk } from '../../support/templates';

const SECRET = 'sk-Live-9f2e/Q+x';
const incident = makeIncident();
const invocation = newInvocation();

/** The request as the log and the modal show it, and as it is sent, with `secret` saved as `api_key`. */
function both(action: Action, secret = SECRET) {
  const context = { secrets: { api_key: secret }, invocation };
  const real = renderRequest(action, incident, context);
  const shown = renderShownRequest(action, incident, context);
  return {
    real,
    shown: real.ok ? shownRequest(real.value, action, [secret], shown) : undefined,
  };
}

const shownTemplate = (template: string, secret = SECRET) =>
  maskingSecretOutputs(() => renderTemplate(template, { secrets: { api_key: secret }, incident }));

describe('masking by provenance', () => {
  it('masks a secret through filters in a header, the URL and the body, and sends the real values', () => {
    const action = makeAction({
      url: 'https://hooks.example.com/run/{{ secrets.api_key | slice: 2, 6 }}/{{ incident.id }}',
      headers: [
        { name: 'X-Sig', value: '{{ secrets.api_key | base64_encode }}', secret: false },
        { name: 'X-Trace', value: 'id-{{ incident.id }}', secret: false },
      ],
      body: '{"key": "{{ secrets.api_key | upcase }}", "hash": "{{ secrets.api_key | sha256 }}", "id": "{{ incident.id }}"}',
    });
    const { real, shown } = both(action);
    const sent = expectOk(real);
    expect(sent.headers).toContainEqual(['X-Sig', btoa(SECRET)]);
    expect(sent.url).toContain(`/run/${encodeURIComponent(SECRET.slice(2, 8))}/`);
    expect(JSON.parse(sent.body ?? '')).toMatchObject({ key: SECRET.toUpperCase() });

    expect(shown?.url).toBe(`https://hooks.example.com/run/${MASK}/${incident.id}`);
    expect(shown?.headers).toContainEqual(['X-Sig', MASK]);
    expect(shown?.headers).toContainEqual(['X-Trace', `id-${incident.id}`]);
    expect(JSON.parse(shown?.body ?? '')).toEqual({ key: MASK, hash: MASK, id: incident.id });
  });

  it('follows a secret through assign and capture chains, in any order, and keeps other outputs', () => {
    expect(
      expectOk(
        shownTemplate(
          '{% assign a = secrets.api_key | downcase %}{% assign b = a | append: "!" %}{{ b }} {{ incident.id }}',
        ),
      ),
    ).toBe(`${MASK} ${incident.id}`);
    expect(
      expectOk(
        shownTemplate(
          '{% capture c %}x{{ secrets.api_key | url_encode }}{% endcapture %}{{ c | prepend: "<" }}|{{ incident.id }}',
        ),
      ),
    ).toBe(`${MASK}|${incident.id}`);
    // Assigned later in a loop, read earlier: still a secret.
    expect(
      expectOk(
        shownTemplate('{% for i in (1..2) %}[{{ a }}]{% assign a = b %}{% assign b = secrets.api_key %}{% endfor %}'),
      ),
    ).toBe(`[${MASK}][${MASK}]`);
    // A root looked up by a computed name could be `secrets`.
    expect(expectOk(shownTemplate('{% assign k = "secr" | append: "ets" %}{{ [k].api_key }}-{{ incident.id }}'))).toBe(
      `${MASK}-${incident.id}`,
    );
  });

  it('masks the whole field when a secret decides more than one output’s text (fail closed)', () => {
    for (const template of [
      'a{% if secrets.api_key contains "Live" %}yes{% endif %}b',
      '{% for c in secrets %}{{ c }}{% endfor %}',
      '{% case secrets.api_key.size %}{% when 16 %}sixteen{% endcase %}',
      '{% liquid echo secrets.api_key %}',
      '{% assign t = secrets.api_key %}{% unless t == "x" %}no{% endunless %}',
    ])
      expect(expectOk(shownTemplate(template)), template).toBe(MASK);
    // A JSON leaf is its own field; a URL shows its origin.
    const action = makeAction({
      url: 'https://hooks.example.com/{% if secrets.api_key %}a{% endif %}/{{ incident.id }}',
      body: '{"k": "{% if secrets.api_key %}on{% endif %}", "id": "{{ incident.id }}"}',
    });
    const { shown } = both(action);
    expect(shown?.url).toBe(`https://hooks.example.com/${MASK}`);
    expect(JSON.parse(shown?.body ?? '')).toEqual({ k: MASK, id: incident.id });
  });

  it('masks in form and text bodies without encoding the mask', () => {
    for (const bodyFormat of ['form', 'text'] as const) {
      const action = makeAction({
        bodyFormat,
        body: 'key={{ secrets.api_key | upcase | slice: 1, 8 }}&id={{ incident.id }}',
      });
      expect(both(action).shown?.body, bodyFormat).toBe(`key=${MASK}&id=${incident.id}`);
    }
  });

  it('shows origin and header names only when the masked render fails', () => {
    const action = makeAction({ headers: [{ name: 'X-Id', value: '{{ incident.id }}', secret: false }] });
    const real = expectOk(renderRequest(action, incident, { invocation }));
    const shown = shownRequest(real, action, [], { ok: false, error: 'broken' });
    expect(shown.url).toBe(`https://hooks.example.com/${MASK}`);
    expect(shown.headers.every(([, value]) => value === MASK)).toBe(true);
    expect(shown.body).toBe(MASK);
  });
});

describe('maskSecretValues, an answer echoing a secret', () => {
  it('hides the value as is, URL-encoded, base64 and in any letter case', () => {
    const forms = [
      SECRET,
      SECRET.toUpperCase(),
      SECRET.toLowerCase(),
      encodeURIComponent(SECRET),
      btoa(SECRET),
      btoa(SECRET).replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_'),
    ];
    for (const form of forms) expect(maskSecretValues(`{"echo":"${form}"}`, [SECRET]), form).toBe(`{"echo":"${MASK}"}`);
    expect(maskSecretValues('nothing here', [SECRET])).toBe('nothing here');
  });
});

/** LiquidJS's built-in filters, with arguments that suit most of them; a chain that errors is skipped. */
const FILTER_NAMES = Object.keys(liquidFilters).filter((name) => name !== 'raw');
const filterArgs = fc.constantFrom('', ': 2', ': 2, 10', ': "x"', ': "a", "b"', ': secrets.api_key', ': incident.id');
const filterChain = fc
  .array(fc.tuple(fc.constantFrom(...FILTER_NAMES), filterArgs), { minLength: 1, maxLength: 4 })
  .map((chain) => chain.map(([name, args]) => ` | ${name}${args}`).join(''));

/** Where the filtered secret is written: an output, through assign or capture, or inside a condition or loop. */
const placed = (chain: string) =>
  fc.constantFrom(
    `{{ secrets.api_key${chain} }}`,
    `{% assign t = secrets.api_key${chain} %}{{ t }}`,
    `{% assign t = secrets.api_key %}{% assign u = t${chain} %}{{ u | size }}`,
    `{% capture c %}<{{ secrets.api_key${chain} }}>{% endcapture %}{{ c | upcase }}`,
    `{% assign c = secrets.api_key${chain} %}{% if c contains "a" %}on{% endif %}`,
    `{% assign l = secrets.api_key${chain} | split: "" %}{% for x in l %}{{ x }}{% endfor %}`,
  );
// Prefixed, so that a value cannot occur by chance in the request's fixed text ("ampl" is in "example"): the
// masking of saved values by string would then mask that text too, for one secret and not the other.
const secretValue = fc.stringMatching(/^[A-Za-z0-9/+=%&. _-]{4,20}$/).map((value) => `sk-${value}`);

describe('masking by provenance (fast-check over filter chains)', () => {
  it('what is shown is the same whatever the secret is, for any chain of built-in filters, wherever it goes', () => {
    fc.assert(
      fc.property(
        filterChain.chain(placed),
        secretValue,
        secretValue,
        fc.constantFrom('header', 'url', 'json', 'text', 'form'),
        (template, first, second, field) => {
          const withId = `${template} {{ incident.id }}`;
          const action = makeAction({
            url: field === 'url' ? `https://hooks.example.com/run/${withId}` : 'https://hooks.example.com/run',
            headers: field === 'header' ? [{ name: 'X-Value', value: withId, secret: false }] : [],
            bodyFormat: field === 'json' ? 'json' : field === 'url' || field === 'header' ? 'json' : field,
            body:
              field === 'json' ? JSON.stringify({ v: withId }) : field === 'text' || field === 'form' ? withId : '{}',
          });
          const a = both(action, first);
          const b = both(action, second);
          fc.pre(a.real.ok && b.real.ok);
          // Noninterference: nothing of the secret's value reaches what is shown.
          expect(a.shown).toEqual(b.shown);
          // The incident's own output stays visible unless a secret shaped the whole field.
          const text = JSON.stringify(a.shown);
          if (!/\{% (if|for) /.test(template) && field !== 'url') expect(text).toContain(incident.id);
        },
      ),
      { numRuns: 400 },
    );
  });
});
