import type { Auth, AuthKind } from '@/lib/model/auth';
import { SchemeFieldset } from './SchemeFieldset';
import { SecretNameInput } from './SecretNameInput';

const KINDS: { value: AuthKind | 'none'; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'bearer', label: 'Bearer token (Authorization: Bearer …)' },
  { value: 'basic', label: 'Basic (user name and password)' },
  { value: 'header', label: 'Token in a header of your choice' },
  { value: 'query', label: 'Token in a query parameter' },
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
    <SchemeFieldset
      legend="Authentication"
      choices={KINDS}
      value={auth?.kind ?? 'none'}
      onChoose={switchTo}
      error={[errors['auth.secret'], errors['auth.username'], errors['auth.header'], errors['auth.param']]
        .filter(Boolean)
        .join('\n')}
    >
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
    </SchemeFieldset>
  );
}
