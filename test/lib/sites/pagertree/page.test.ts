import { describe, expect, it } from 'vitest';
import { pagerTree } from '@/lib/sites/pagertree/page';

const ACCOUNT = '01HQ3V7N2C8R5K4M6P9T1W0XYZ';
const idOf = (path: string) => pagerTree.incidentIdFromUrl(new URL(`https://app.pagertree.com${path}`));

describe('PagerTree alert URLs', () => {
  it('accepts an alert with the account segment (notification links) and without it (inside the app)', () => {
    expect(idOf(`/${ACCOUNT}/alerts/alt_Xb7Qm2RkVp9LwD`)).toBe('alt_Xb7Qm2RkVp9LwD');
    expect(idOf('/alerts/alt_Xb7Qm2RkVp9LwD')).toBe('alt_Xb7Qm2RkVp9LwD');
    expect(idOf('/alerts/01HQ4A9K3M7T2B8C5D6E0FGHJR/comments')).toBe('01HQ4A9K3M7T2B8C5D6E0FGHJR');
  });

  it('refuses lists, new-alert forms, other records and other first segments', () => {
    for (const path of [
      '/alerts',
      '/alerts/new',
      `/${ACCOUNT}/alerts`,
      `/${ACCOUNT}/alerts/new`,
      `/${ACCOUNT}/teams/tem_4GqN8zLr2Wk`,
      '/acme/alerts/alt_Xb7Qm2RkVp9LwD',
      `/${ACCOUNT}/${ACCOUNT}/alerts/alt_Xb7Qm2RkVp9LwD`,
    ]) {
      expect(idOf(path), path).toBeUndefined();
    }
    expect(pagerTree.incidentIdFromUrl(new URL('http://app.pagertree.com/alerts/alt_Xb7Qm2RkVp9LwD'))).toBeUndefined();
  });
});
