import type { ImportPlan } from '@/lib/sharing/import-plan';
import { PlanChanges } from './PlanChanges';

/** What a plan changes beyond actions: the sites, constants and site fixes every action reads. */
export function SharedPlanChanges({ plan, showRemoved }: { plan: ImportPlan; showRemoved: boolean }) {
  return (
    <>
      <PlanChanges
        title="Sites"
        changes={plan.sites}
        name={(site) => site.name}
        id={(site) => site.id}
        showRemoved={showRemoved}
      />
      <PlanChanges
        title="Constants"
        changes={plan.constants}
        name={(constant) => constant.name}
        id={(constant) => constant.name}
        showRemoved={showRemoved}
      />
      <PlanChanges
        title="Site fixes"
        changes={plan.siteFixes}
        name={(fix) =>
          `${fix.site}: ${[fix.dockSelector && 'dock', ...fix.fields.map((f) => f.field)].filter(Boolean).join(', ')}`
        }
        id={(fix) => fix.id}
        showRemoved={showRemoved}
      />
    </>
  );
}
