import type { Auth, AuthKind } from '@/lib/model/auth';
import { FieldError } from '../shared/FieldError';

const KINDS: { kind: AuthKind | 'none'; label: string }[] = [
  { kind: 'none', label: 'None' },
  { kind: 'bearer', label: 'Bearer token (Authorization: Bearer …)' },
  { kind: 'basic', label: 'Basic (user name and password)' },
  { kind: 'header', label: 'Token in a header of your choice' },
  { kind: 'query', label: 'Token in a query parameter' },
];

/** What each kind needs besides the secret: a user name, a header name or a parameter name. */
const DETAIL = {
  basic: { label: 'User name', placeholder: 'user name' },
  header: { label: 'Token header', placeholder: 'pagertree-token' },
  query: { label: 'Token parameter', placeholder: 'authtoken' },
} as const;
type DetailedAuth = Exclude<Auth, { kind: 'bearer' }>;
const detailOf = (auth: DetailedAuth) =>
  auth.kind === 'basic' ? auth.username : auth.kind === 'header' ? auth.header : auth.param;
const withDetail = (auth: DetailedAuth, value: string): Auth =>
  auth.kind === 'basic'
    ? { ...auth, username: value }
    : auth.kind === 'header'
      ? { ...auth, header: value }
      : { ...auth, param: value };

/** The action's authentication: which saved secret goes where. */
export function AuthEditor({
  auth,
  secretNames,
  errors,
  onChange,
}: {
  auth: Auth | undefined;
  secretNames: readonly string[];
  errors: Record<string, string>;
  onChange: (auth: Auth | undefined) => void;
}) {
  const secret = auth?.secret ?? '';
  const switchTo = (kind: AuthKind | 'none') => {
    if (kind === 'none') return onChange(undefined);
    if (kind === 'bearer') return onChange({ kind, secret });
    if (kind === 'basic') return onChange({ kind, username: '', secret });
    if (kind === 'header') return onChange({ kind, header: '', secret });
    return onChange({ kind, param: '', secret });
  };
  return (
    <fieldset class="field">
      <legend>Authentication</legend>
      <div class="field-row">
        <select
          aria-label="Authentication"
          value={auth?.kind ?? 'none'}
          onChange={(e) => switchTo(e.currentTarget.value as AuthKind)}
        >
          {KINDS.map((item) => (
            <option key={item.kind} value={item.kind}>
              {item.label}
            </option>
          ))}
        </select>
        {auth && auth.kind !== 'bearer' && (
          <input
            aria-label={DETAIL[auth.kind].label}
            placeholder={DETAIL[auth.kind].placeholder}
            value={detailOf(auth)}
            onInput={(e) => onChange(withDetail(auth, e.currentTarget.value))}
          />
        )}
        {auth && (
          <SecretNameInput
            label="Authentication secret"
            value={auth.secret}
            secretNames={secretNames}
            onInput={(name) => onChange({ ...auth, secret: name })}
          />
        )}
      </div>
      <FieldError
        message={[errors['auth.secret'], errors['auth.username'], errors['auth.header'], errors['auth.param']]
          .filter(Boolean)
          .join('\n')}
      />
    </fieldset>
  );
}

/** A secret's name, from the saved ones; a name not saved yet is allowed and said so. */
export function SecretNameInput({
  label,
  value,
  secretNames,
  onInput,
}: {
  label: string;
  value: string;
  secretNames: readonly string[];
  onInput: (name: string) => void;
}) {
  const unknown = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name && !secretNames.includes(name));
  return (
    <>
      <input
        aria-label={label}
        list="ia-secret-names"
        placeholder="secret name"
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      {unknown.length > 0 && (
        <span class="warning">
          Not saved yet: {unknown.join(', ')}. Add {unknown.length === 1 ? 'it' : 'them'} under Secrets.
        </span>
      )}
    </>
  );
}
