import { launchFirefox } from './browsers/firefox.ts';
import { everyScenario } from './every-scenario.ts';

everyScenario(() => launchFirefox());
