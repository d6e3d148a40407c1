import { launchChromium } from './browsers/chromium.ts';
import { everyScenario } from './every-scenario.ts';

everyScenario(() => launchChromium());
